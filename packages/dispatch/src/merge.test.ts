import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseLocation, CaseRecord, NewCase } from '@cw/contracts';
import { haversineMeters, suggestMerges } from './merge.ts';
import { applyCommand } from './workflow.ts';
import { at, newCase, officer, rules } from './testing.ts';

/** Metres per degree of latitude on the mean-radius sphere: 6 371 008.8 m × π / 180. */
const M_PER_DEG = 111_195.08;
const P: CaseLocation = [111.4677, 27.2389];
const north = (p: CaseLocation, m: number): CaseLocation => [p[0], p[1] + m / M_PER_DEG];
const east = (p: CaseLocation, m: number): CaseLocation => [
  p[0] + m / (M_PER_DEG * Math.cos((p[1] * Math.PI) / 180)),
  p[1],
];

describe('haversineMeters', () => {
  it('measures great-circle distances in metres', () => {
    expect(haversineMeters([0, 0], [1, 0])).toBeCloseTo(111_195.08, 1);
    expect(haversineMeters(P, P)).toBe(0);
    expect(haversineMeters(P, north(P, 100))).toBeCloseTo(100, 3);
    expect(haversineMeters(P, east(P, 100))).toBeCloseTo(100, 3);
    expect(haversineMeters(east(P, 100), P)).toBeCloseTo(100, 3);
  });
});

describe('suggestMerges', () => {
  const t = (hhmm: string) => at(`2026-12-07T${hhmm}+08:00`);
  const report = (id: string, hhmm: string, location: CaseLocation | undefined, overrides: Partial<NewCase>) =>
    newCase(id, t(hhmm), { ...overrides, location });
  const apply = (c: CaseRecord, ...commands: object[]) =>
    commands.reduce<CaseRecord>((acc, command) => {
      const full = { caseId: acc.id, expectedVersion: acc.version, ...command } as CaseCommand;
      const r = applyCommand(acc, full, officer, acc.updatedAt, rules);
      if (!r.ok) throw new Error(r.error.message);
      return r.case;
    }, c);
  const dispatched = (c: CaseRecord) => apply(c, { action: 'register' }, { action: 'dispatch', department: 'dept-roads' });

  const Q = east(P, 1000);
  const R = north(P, 2000);
  const cases: CaseRecord[] = [
    report('A', '10:00', P, { channel: 'hotline_12345', requestType: 'complaint' }),
    report('B', '10:30', north(P, 100), { channel: 'grid_inspector' }),
    report('D', '10:05', P, { channel: 'video_analytics', category: 'street_order' }), // other category
    report('E', '10:20', north(P, -300), { channel: 'iot_sensor' }), // too far
    report('F', '12:01', P, { channel: 'video_analytics' }), // 2 h 01 min after A, 1 h 31 min after B
    apply(report('K', '10:10', north(P, 50), { channel: 'police_110' }), { action: 'void', comment: 'prank call' }),
    report('L', '10:15', undefined, { channel: 'iot_sensor' }), // no location
    dispatched(report('G', '14:00', Q, { channel: 'police_110', category: 'road_traffic' })),
    report('H', '13:30', north(Q, 50), { channel: 'hotline_12345', requestType: 'help', category: 'road_traffic' }),
    dispatched(report('I', '15:00', R, { channel: 'grid_inspector', category: 'landscaping' })),
    dispatched(report('J', '15:10', R, { channel: 'video_analytics', category: 'landscaping' })),
    report('M', '10:40', P, { channel: 'grid_inspector' }), // same channel as B
  ];

  it('pairs same-category reports from different channels that are close in place and time, best first', () => {
    const got = suggestMerges(cases.filter((c) => c.id !== 'M'));
    expect(got.map((m) => [m.primaryId, m.duplicateId])).toEqual([
      ['G', 'H'], // H came first but G is already dispatched, so H is the one merged
      ['A', 'B'],
      ['B', 'F'],
    ]);
    const [gh, ab, bf] = got;
    expect(gh?.distanceM).toBeCloseTo(50, 3);
    expect(gh?.gapMs).toBe(30 * 60_000);
    expect(gh?.score).toBeCloseTo(1 - 0.5 * (50 / 200) - 0.5 * (30 / 120), 6); // 0.75
    expect(ab?.distanceM).toBeCloseTo(100, 3);
    expect(ab?.score).toBeCloseTo(1 - 0.5 * (100 / 200) - 0.5 * (30 / 120), 6); // 0.625
    expect(bf?.gapMs).toBe(91 * 60_000);
    expect(bf?.score).toBeCloseTo(1 - 0.5 * (100 / 200) - 0.5 * (91 / 120), 6); // 0.3708
  });

  it('does not pair reports from the same channel', () => {
    // M is a second grid-inspector report next to B: it pairs with A and F but not with B.
    const withM = suggestMerges(cases).map((m) => `${m.primaryId}/${m.duplicateId}`);
    expect(withM).toEqual(['A/M', 'G/H', 'M/F', 'A/B', 'B/F']);
  });

  it('honours tighter limits', () => {
    const pairs = (o: Parameters<typeof suggestMerges>[1]) =>
      suggestMerges(cases, o).map((m) => `${m.primaryId}/${m.duplicateId}`);
    // Within 60 m: A/M and M/F at the same spot, G/H 50 m apart (score 1 - 0.5·50/60 - 0.5·30/120).
    expect(pairs({ maxDistanceM: 60 })).toEqual(['A/M', 'M/F', 'G/H']);
    expect(pairs({ maxGapMs: 20 * 60_000 })).toEqual([]);
  });
});
