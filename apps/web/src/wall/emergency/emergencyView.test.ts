import { describe, expect, it } from 'vitest';
import type { Device, EmergencyRecord, LinkedDepartment, NearbyResource, TimelineEntry } from '@cw/contracts';
import { areaRing, boundedDepartments, departmentProgress, nearestCameras, distanceText, elapsedClock, labelSide, mapExtent, resourceOrder, timelineRows, wallEmergencies } from './emergencyView.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 4, 2, 0);

const record = (id: string, level: 1 | 2 | 3 | 4, declaredAt: number, status: 'active' | 'stood_down' = 'active') => ({ id, level, declaredAt, status }) as EmergencyRecord;

describe('wallEmergencies', () => {
  const a = record('E-a', 3, T0);
  const b = record('E-b', 2, T0 + 5 * MIN);
  const c = record('E-c', 2, T0 + 9 * MIN);
  const down = record('E-d', 1, T0, 'stood_down');

  it('leads with the highest level, then the earliest; lists the other active ones, highest first', () => {
    expect(wallEmergencies([a, c, b, down], null)).toEqual({ lead: b, others: [c, a] });
  });

  it('leads with the picked one while it is active, and nothing once all stood down', () => {
    expect(wallEmergencies([a, b, c], 'E-a')).toEqual({ lead: a, others: [b, c] });
    expect(wallEmergencies([a, b], 'E-d')).toEqual({ lead: b, others: [a] });
    expect(wallEmergencies([down], null)).toEqual({ lead: null, others: [] });
  });
});

describe('elapsedClock', () => {
  it('runs as hours, minutes and seconds, past a day too', () => {
    expect(elapsedClock(0)).toBe('00:00:00');
    expect(elapsedClock(7 * MIN + 5_999)).toBe('00:07:05');
    expect(elapsedClock(26 * 60 * MIN)).toBe('26:00:00');
    expect(elapsedClock(-3000)).toBe('00:00:00');
  });
});

describe('departmentProgress', () => {
  const dept = (department: string, status: LinkedDepartment['status'], statusAt: LinkedDepartment['statusAt'], lead = false, silentSince: number | null = null): LinkedDepartment => ({ department, lead, status, statusAt, silentSince });

  it('times the current status from the notification, the wait while only notified, lead first', () => {
    const rows = departmentProgress(
      [
        dept('wjw', 'on_scene', { notified: T0, responded: T0 + 2 * MIN, on_scene: T0 + 23 * MIN }),
        dept('jjzd', 'responded', { notified: T0, responded: T0 + 4 * MIN }, true),
        dept('xfzd', 'notified', { notified: T0 + MIN }, false, T0 + 16 * MIN),
      ],
      T0,
      T0 + 30 * MIN,
    );
    expect(rows).toEqual([
      { department: 'jjzd', lead: true, status: 'responded', step: 2, sinceNotifiedMs: 4 * MIN, waiting: false, silent: false },
      { department: 'wjw', lead: false, status: 'on_scene', step: 4, sinceNotifiedMs: 23 * MIN, waiting: false, silent: false },
      { department: 'xfzd', lead: false, status: 'notified', step: 1, sinceNotifiedMs: 29 * MIN, waiting: true, silent: true },
    ]);
  });

  it('counts from the declaration when the notification time is missing', () => {
    expect(departmentProgress([dept('gaj', 'done', { done: T0 + 90 * MIN })], T0, T0 + 100 * MIN)[0]!.sinceNotifiedMs).toBe(90 * MIN);
  });
});

describe('timelineRows', () => {
  const actor = { userId: 'u', role: 'leader' as const, name: '演示领导', department: null };
  const entry = (seq: number, kind: TimelineEntry['kind'], text: string, at = T0 + seq * MIN): TimelineEntry => ({ seq, at, actor, kind, text });
  it('lists newest first without delivery results, each instruction entry with its instruction', () => {
    const instruction = { id: 'i1', at: T0 + 3 * MIN, by: '演示领导', text: '全力救治伤员', to: ['wjw'], acknowledgedBy: {} };
    const rows = timelineRows({
      timeline: [entry(1, 'declared', '宣布'), entry(2, 'notification_result', '送达'), entry(3, 'instruction', '演示领导批示（致市卫健委）：全力救治伤员'), entry(4, 'note', '备注')],
      instructions: [instruction],
    });
    expect(rows.map((r) => [r.entry.seq, r.instruction?.id ?? null])).toEqual([
      [4, null],
      [3, 'i1'],
      [1, null],
    ]);
  });
});

describe('areaRing', () => {
  it('draws a radius as a closed 48-gon: 1 km at 27.2° N is 0.008993° of latitude and 0.010111° of longitude', () => {
    const ring = areaRing([111.43, 27.2], { kind: 'radius', radiusM: 1000 });
    expect(ring).toHaveLength(49);
    expect(ring[0]![0]).toBeCloseTo(111.440111, 5);
    expect(ring[0]![1]).toBeCloseTo(27.2, 6);
    expect(ring[12]![0]).toBeCloseTo(111.43, 6);
    expect(ring[12]![1]).toBeCloseTo(27.208993, 5);
    expect(ring[48]![0]).toBeCloseTo(ring[0]![0], 9);
  });

  it('closes a drawn polygon', () => {
    expect(areaRing([0, 0], { kind: 'polygon', ring: [[1, 1], [2, 1], [2, 2]] })).toEqual([[1, 1], [2, 1], [2, 2], [1, 1]]);
  });
});

describe('mapExtent', () => {
  it('boxes the points with a margin of the larger side, west-north to east-south', () => {
    const [nw, se] = mapExtent([[111.0, 27.0], [111.5, 27.2]], 0.1);
    expect(nw[0]).toBeCloseTo(110.95, 9);
    expect(nw[1]).toBeCloseTo(27.25, 9);
    expect(se[0]).toBeCloseTo(111.55, 9);
    expect(se[1]).toBeCloseTo(26.95, 9);
  });

  it('never collapses to a point', () => {
    const [nw, se] = mapExtent([[111, 27]], 0.5);
    expect([nw[0], nw[1], se[0], se[1]]).toEqual([110.995, 27.005, 111.005, 26.995]);
  });
});

describe('resourceOrder', () => {
  const r = (id: string, kind: NearbyResource['resource']['kind'], distanceM: number): NearbyResource => ({ resource: { id, kind, name: { zh: id, en: id }, division: '430502', location: [0, 0] }, distanceM, etaMinutes: 1 });
  it('puts the nearest of each kind first, then the rest by distance', () => {
    const order = resourceOrder([r('h2', 'hospital', 5000), r('f1', 'fire_station', 900), r('h1', 'hospital', 1200), r('f2', 'fire_station', 3000), r('t1', 'rescue_team', 7000)]);
    expect(order.map((x) => x.resource.id)).toEqual(['f1', 'h1', 't1', 'f2', 'h2']);
  });
});

describe('distanceText', () => {
  it('says metres under a kilometre, tenths of kilometres under 100 km, whole ones after', () => {
    expect(distanceText(849.6, 'zh-CN')).toBe('850 米');
    expect(distanceText(12_345, 'zh-CN')).toBe('12.3 公里');
    expect(distanceText(12_345, 'en')).toBe('12.3 km');
    expect(distanceText(1000, 'en')).toBe('1.0 km');
    expect(distanceText(123_456, 'en')).toBe('123 km');
  });
});

describe('labelSide', () => {
  const extent: [[number, number], [number, number]] = [
    [111.0, 27.5],
    [112.0, 27.0],
  ];
  it('labels the western half to the right of the marker and the eastern half to the left', () => {
    expect(labelSide([111.2, 27.2], extent)).toBe('right');
    expect(labelSide([111.8, 27.2], extent)).toBe('left');
    expect(labelSide([111.5, 27.2], extent)).toBe('right');
  });
});

describe('boundedDepartments', () => {
  const row = (department: string, lead = false, silent = false) => ({ department, lead, status: 'notified' as const, step: 1, sinceNotifiedMs: 0, waiting: true, silent });

  it('shows every department that fits', () => {
    const rows = [row('a', true), row('b'), row('c')];
    expect(boundedDepartments(rows, 3)).toEqual({ shown: rows, hidden: 0 });
  });

  it('past the limit keeps one row for "+N", and never hides the lead or a silent department', () => {
    const rows = [row('lead', true), row('b'), row('c'), row('d'), row('e', false, true), row('f'), row('g', false, true)];
    // 4 rows: 3 departments and the "+4" line; lead, then the two silent ones, in their order.
    const out = boundedDepartments(rows, 4);
    expect(out.shown.map((r) => r.department)).toEqual(['lead', 'e', 'g']);
    expect(out.hidden).toBe(4);
    // 6 rows: lead, both silent, then the first two others: shown in the list's own order.
    expect(boundedDepartments(rows, 6).shown.map((r) => r.department)).toEqual(['lead', 'b', 'c', 'e', 'g']);
    expect(boundedDepartments(rows, 6).hidden).toBe(2);
  });
});

describe('nearestCameras', () => {
  const device = (id: string, type: Device['type'], lat: number): Device => ({ id, type, name: { zh: id, en: id }, division: '430502', location: [111.5, lat] });

  it('takes the cameras nearest the incident, nearest first, leaving other devices out', () => {
    const devices = [device('far', 'camera', 27.3), device('near', 'camera', 27.21), device('gauge', 'water_level', 27.2), device('mid', 'camera', 27.18)];
    const out = nearestCameras(devices, [111.5, 27.2], 2);
    expect(out.map((c) => c.device.id)).toEqual(['near', 'mid']);
    // Along a meridian 0.01° is 2π × 6 371 008.8 m / 36 000 = 1 111.95 m.
    expect(out[0]!.distanceM).toBeCloseTo(1111.95, 1);
    expect(out[1]!.distanceM).toBeCloseTo(2223.9, 1);
    expect(nearestCameras(devices, [111.5, 27.2], 10)).toHaveLength(3);
  });
});
