import { describe, expect, it } from 'vitest';
import { metricDefSchema, thresholdsSchema, type MetricDef, type MetricDefInput, type RawEvent } from '@cw/contracts';
import { RollupEngine, DAY, HOUR, MINUTE } from '@cw/rollup';
import { evaluateMetric, statusOf, type EvalContext } from './evaluate.ts';
import { cityAirStations, observe, scopesOf } from './observe.ts';
import { PlaceIndex } from './places.ts';
import { WINDOW_FAMILIES, liveReader, windowReader } from './reader.ts';
import { CATALOGUE, catalogueFor, metricById } from './catalogue.ts';

const OFFSET = 8 * HOUR;
const MIDNIGHT = Date.UTC(2026, 10, 26, 16); // 2026-11-27 00:00 in Shaoyang
const T = (h: number, m = 0) => MIDNIGHT + h * HOUR + m * MINUTE;

const places = new PlaceIndex({
  sites: [
    { id: 'hall-a', type: 'hall', name: { zh: 'A', en: 'A' }, division: 'd1', location: [0, 0] },
    { id: 'hall-b', type: 'hall', name: { zh: 'B', en: 'B' }, division: 'd2', location: [0, 0] },
    { id: 'park', type: 'scenic', name: { zh: 'P', en: 'P' }, division: 'd1', location: [0, 0], capacity: 1000 },
    { id: 'lake', type: 'scenic', name: { zh: 'L', en: 'L' }, division: 'd2', location: [0, 0], capacity: 3000 },
    { id: 'hosp', type: 'hospital', name: { zh: 'H', en: 'H' }, division: 'd1', location: [0, 0] },
  ],
  devices: [
    { id: 'cam-1', type: 'camera', name: { zh: 'c', en: 'c' }, division: 'd1', location: [0, 0] },
    { id: 'cam-2', type: 'camera', name: { zh: 'c', en: 'c' }, division: 'd1', location: [0, 0] },
    { id: 'smoke-1', type: 'smoke', name: { zh: 's', en: 's' }, division: 'd2', location: [0, 0] },
  ],
});

function setup(events: RawEvent[], cityStations: ReadonlySet<string> | null = null) {
  const engine = new RollupEngine({
    windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: 60 })),
    utcOffsetMs: OFFSET,
    allowedLatenessMs: 0,
  });
  for (const e of events) for (const o of observe(e)) engine.add(o.series, scopesOf(e, cityStations), e.ts, o.value);
  return (now: number): EvalContext => ({ reader: liveReader(engine, now), places, thresholds: (d) => d.thresholds });
}

const def = (m: MetricDefInput): MetricDef => metricDefSchema.parse(m);
const base = { domain: 'government' as const, name: { zh: 'x', en: 'x' }, unit: { zh: '', en: '' }, decimals: 1, staleAfterSec: 60 };

describe('observe', () => {
  it('counts every event once, adds each value, and splits by type', () => {
    const e: RawEvent = { kind: 'tourism.gate', ts: 1, division: 'd1', site: 'park', type: 'local', values: { entries: 5, exits: 2 } };
    expect(observe(e)).toEqual([
      { series: 'tourism.gate', value: 1 },
      { series: 'tourism.gate|local', value: 1 },
      { series: 'tourism.gate.entries', value: 5 },
      { series: 'tourism.gate.entries|local', value: 5 },
      { series: 'tourism.gate.exits', value: 2 },
      { series: 'tourism.gate.exits|local', value: 2 },
    ]);
    expect(scopesOf(e)).toEqual(['d1', 'city', 'site:park']);
  });
});

describe('evaluateMetric', () => {
  it('ratio: on-time completions today as a percentage, per division and city', () => {
    const ctx = setup([
      { kind: 'gov.completed', ts: T(9), division: 'd1', values: { onTime: 1, hours: 3 } },
      { kind: 'gov.completed', ts: T(10), division: 'd1', values: { onTime: 0, hours: 90 } },
      { kind: 'gov.completed', ts: T(11), division: 'd2', values: { onTime: 1, hours: 2 } },
      // Yesterday: not today's figure.
      { kind: 'gov.completed', ts: T(-2), division: 'd1', values: { onTime: 0, hours: 1 } },
    ]);
    const m = metricById('gov.on_time_rate')!;
    expect(evaluateMetric(m, 'd1', ctx(T(12))).value).toBe(50); // 1 of 2
    expect(evaluateMetric(m, 'city', ctx(T(12))).value).toBe(66.7); // 2 of 3 = 66.67 → 66.7
    // Below 95 %, but three completions are too few to judge (minSample 50).
    expect(evaluateMetric(m, 'city', ctx(T(12))).status).toBe('normal');
    expect(evaluateMetric(m, 'city', ctx(T(12))).asOf).toBe(T(11));
    // No completions yet in d3 today: no rate rather than 0 %.
    expect(evaluateMetric(m, 'd3', ctx(T(12)))).toEqual({ value: null, status: 'nodata', asOf: null, sample: 0 });
  });

  it('window count with a type split', () => {
    const ctx = setup([
      { kind: 'police.incident', ts: T(20), division: 'd1', type: 'criminal', values: {} },
      { kind: 'police.incident', ts: T(21), division: 'd1', type: 'dispute', values: {} },
      { kind: 'police.incident', ts: T(22), division: 'd2', type: 'dispute', values: {} },
    ]);
    const r = evaluateMetric(metricById('safety.police_today')!, 'city', ctx(T(23)));
    expect(r.value).toBe(3);
    expect(r.parts).toEqual({ criminal: 1, public_order: 0, traffic: 0, fire: 0, help: 0, dispute: 2, other: 0 });
  });

  it('gauge: sums the latest reading of each hall, within the last 24 hours', () => {
    const ctx = setup([
      { kind: 'gov.queue', ts: T(9, 0), division: 'd1', site: 'hall-a', values: { waiting: 30, waitMin: 10 } },
      { kind: 'gov.queue', ts: T(9, 2), division: 'd1', site: 'hall-a', values: { waiting: 12, waitMin: 6 } },
      { kind: 'gov.queue', ts: T(9, 1), division: 'd2', site: 'hall-b', values: { waiting: 8, waitMin: 20 } },
    ]);
    const queue = evaluateMetric(metricById('gov.queue_now')!, 'city', ctx(T(9, 5)));
    expect(queue.value).toBe(20); // 12 (hall-a's latest) + 8
    expect(queue.parts).toEqual({ 'hall-a': 12, 'hall-b': 8 });
    expect(evaluateMetric(metricById('gov.wait_avg')!, 'city', ctx(T(9, 5))).value).toBe(13); // (6 + 20) / 2
    expect(evaluateMetric(metricById('gov.queue_now')!, 'd2', ctx(T(9, 5))).value).toBe(8);
    // Readings older than 24 hours no longer count.
    expect(evaluateMetric(metricById('gov.queue_now')!, 'city', ctx(T(9, 5) + DAY + HOUR)).value).toBeNull();
  });

  it('gauge: a hall shut by its opening hours is left out, and a scope whose halls are all shut reads closed', () => {
    const hours = [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ];
    const hall = (id: string, division: string, withHours: boolean) => ({ id, type: 'hall' as const, name: { zh: id, en: id }, division, location: [0, 0] as [number, number], ...(withHours ? { openingHours: hours } : {}) });
    const sites = [hall('hall-a', 'd1', true), hall('hall-b', 'd2', false)];
    // 2026-11-27 is a Friday; the 28th a Saturday made a working day (调休) in the second index.
    const ordinary = new PlaceIndex({ sites, devices: [], utcOffsetMinutes: 480 });
    const adjusted = new PlaceIndex({ sites, devices: [], utcOffsetMinutes: 480, holidays: ['2026-11-27'], workdays: ['2026-11-28'] });
    const events: RawEvent[] = [
      { kind: 'gov.queue', ts: T(9, 2), division: 'd1', site: 'hall-a', values: { waiting: 12, waitMin: 6 } },
      { kind: 'gov.queue', ts: T(9, 1), division: 'd2', site: 'hall-b', values: { waiting: 8, waitMin: 20 } },
    ];
    const at = (index: PlaceIndex, now: number): EvalContext => ({ ...setup(events)(now), places: index, now });
    const queue = metricById('gov.queue_now')!;
    // Friday 09:05, both open: 12 + 8.
    expect(evaluateMetric(queue, 'city', at(ordinary, T(9, 5))).value).toBe(20);
    // 12:30, lunch: hall-a is shut, so only hall-b counts in the city; d1 has only shut halls.
    expect(evaluateMetric(queue, 'city', at(ordinary, T(12, 30)))).toEqual({ value: 8, status: 'normal', asOf: T(9, 1), sample: 1, parts: { 'hall-a': null, 'hall-b': 8 } });
    expect(evaluateMetric(queue, 'd1', at(ordinary, T(12, 30)))).toMatchObject({ value: null, closed: true });
    // 17:30 is closing time; 08:59 is before opening.
    expect(evaluateMetric(queue, 'd1', at(ordinary, T(17, 30))).closed).toBe(true);
    expect(evaluateMetric(queue, 'd1', at(ordinary, T(8, 59))).closed).toBe(true);
    // Saturday 10:00: shut on an ordinary weekend; open on a 调休 Saturday, where no reading within
    // 24 hours is missing (null, not closed), which the wall shows as late.
    expect(evaluateMetric(queue, 'd1', at(ordinary, T(24 + 10))).closed).toBe(true);
    const saturday = evaluateMetric(queue, 'd1', at(adjusted, T(24 + 10)));
    expect(saturday.value).toBeNull();
    expect(saturday.closed).toBeUndefined();
    // A public holiday on a Friday: shut at 09:05.
    expect(evaluateMetric(queue, 'd1', at(adjusted, T(9, 5))).closed).toBe(true);
    // Without an instant (history), opening hours are not applied.
    expect(evaluateMetric(queue, 'd1', { ...setup(events)(T(12, 30)), places: ordinary }).value).toBe(12);
  });

  it('gauge with scale: cameras online as a percentage of cameras that reported', () => {
    const ctx = setup([
      { kind: 'device.status', ts: T(8), division: 'd1', site: 'cam-1', values: { online: 1 } },
      { kind: 'device.status', ts: T(8), division: 'd1', site: 'cam-2', values: { online: 1 } },
      { kind: 'device.status', ts: T(8, 5), division: 'd1', site: 'cam-2', values: { online: 0 } },
      { kind: 'device.status', ts: T(8), division: 'd2', site: 'smoke-1', values: { online: 0 } },
    ]);
    expect(evaluateMetric(metricById('safety.camera_online')!, 'city', ctx(T(9))).value).toBe(50);
    expect(evaluateMetric(metricById('safety.sensor_online')!, 'city', ctx(T(9))).value).toBe(0);
  });

  it('gauge: a device fleet counts as its devices, its share online weighed by its count', () => {
    const withFleets = new PlaceIndex({
      sites: [],
      devices: [{ id: 'cam-1', type: 'camera', name: { zh: 'c', en: 'c' }, division: 'd1', location: [0, 0] }],
      deviceFleets: [
        { id: 'fleet-d1-camera', type: 'camera', name: { zh: 'f', en: 'f' }, division: 'd1', count: 999 },
        { id: 'fleet-d2-camera', type: 'camera', name: { zh: 'g', en: 'g' }, division: 'd2', count: 500 },
      ],
    });
    const ctx = setup([
      { kind: 'device.status', ts: T(8), division: 'd1', site: 'cam-1', values: { online: 0 } },
      { kind: 'device.status', ts: T(8), division: 'd1', site: 'fleet-d1-camera', values: { online: 0.98 } },
      { kind: 'device.status', ts: T(8, 5), division: 'd1', site: 'fleet-d1-camera', values: { online: 0.96 } },
      { kind: 'device.status', ts: T(8), division: 'd2', site: 'fleet-d2-camera', values: { online: 0.9 } },
    ]);
    const at = (scope: string) => evaluateMetric(metricById('safety.camera_online')!, scope, { ...ctx(T(9)), places: withFleets });
    // d1: the fleet's latest share 0.96 of 999 devices, plus one named camera offline:
    // 959.04 / 1000 = 95.904 % → 95.9, over 1 000 devices.
    expect(at('d1').value).toBe(95.9);
    expect(at('d1').sample).toBe(1000);
    // City: (959.04 + 0.9 × 500) / 1500 = 1409.04 / 1500 = 93.936 % → 93.9.
    expect(at('city').value).toBe(93.9);
    expect(at('city').sample).toBe(1500);
    // Each fleet is a part of the split, as its own share.
    expect(at('city').parts).toEqual({ 'cam-1': 0, 'fleet-d1-camera': 96, 'fleet-d2-camera': 90 });
  });

  it('gauge_ratio: bed occupancy is Σ occupied / Σ beds', () => {
    const ctx = setup([{ kind: 'health.beds', ts: T(8), division: 'd1', site: 'hosp', values: { occupied: 450, total: 500 } }]);
    const r = evaluateMetric(metricById('live.bed_occupancy')!, 'city', ctx(T(9)));
    expect(r.value).toBe(90);
    expect(r.status).toBe('normal');
  });

  it('net and capacity use: visitors inside = entries − exits today, over capacity', () => {
    const ctx = setup([
      { kind: 'tourism.gate', ts: T(9), division: 'd1', site: 'park', type: 'local', values: { entries: 600, exits: 0 } },
      { kind: 'tourism.gate', ts: T(9), division: 'd1', site: 'park', type: 'province', values: { entries: 400, exits: 100 } },
      { kind: 'tourism.gate', ts: T(10), division: 'd2', site: 'lake', type: 'local', values: { entries: 1500, exits: 300 } },
    ]);
    const now = evaluateMetric(metricById('tour.visitors_now')!, 'city', ctx(T(11)));
    expect(now.value).toBe(2100); // (1000 − 100) + (1500 − 300)
    expect(now.parts).toEqual({ park: 900, lake: 1200 });
    const use = evaluateMetric(metricById('tour.capacity_use')!, 'city', ctx(T(11)));
    expect(use.value).toBe(52.5); // 2100 / (1000 + 3000)
    expect(use.parts).toEqual({ park: 90, lake: 40 });
    expect(use.status).toBe('normal');
    expect(evaluateMetric(metricById('tour.capacity_use')!, 'd1', ctx(T(11))).status).toBe('critical'); // 90 % reaches 橙 at 90 % (LB/T 034-2014 acts from 80 %)
    const origin = evaluateMetric(metricById('tour.origin_today')!, 'city', ctx(T(11)));
    expect(origin.parts).toEqual({ local: 2100, province: 400, domestic: 0, overseas: 0 });
  });

  it('aqi: from trailing-hour means, with the primary pollutant', () => {
    const air = (ts: number, pm25: number): RawEvent => ({
      kind: 'air.reading',
      ts,
      division: 'd1',
      station: 's',
      values: { pm25, pm10: 50, so2: 5, no2: 20, co: 0.5, o3: 40 },
    });
    // PM2.5 means (80 + 100) / 2 = 90 → (150−100)/(115−75)×(90−75)+100 = 118.75 → 119.
    const ctx = setup([air(T(9, 10), 80), air(T(9, 40), 100), air(T(7), 500)]);
    const r = evaluateMetric(metricById('env.aqi')!, 'd1', ctx(T(9, 50)));
    expect(r.value).toBe(119);
    expect(r.status).toBe('normal'); // 轻度污染 (101–150) is shown in its AQI colour, not an alert level
    expect(r.aqi).toMatchObject({ level: 3, primary: ['pm25'] });
  });

  it("aqi: the city's figure comes from its urban (national) stations only; a county station counts in its division", () => {
    const stations = cityAirStations({
      airStations: [
        { id: 'urban', name: { zh: 'u', en: 'u' }, division: 'd1', location: [0, 0], national: true },
        { id: 'county', name: { zh: 'c', en: 'c' }, division: 'd2', location: [0, 0] },
      ],
    });
    expect(stations).toEqual(new Set(['urban']));
    // No station marked: every station counts in the city, as before.
    expect(cityAirStations({ airStations: [{ id: 'county', name: { zh: 'c', en: 'c' }, division: 'd2', location: [0, 0] }] })).toBeNull();
    const air = (station: string, division: string, pm25: number): RawEvent => ({ kind: 'air.reading', ts: T(9, 10), division, station, values: { pm25, pm10: 50, so2: 5, no2: 20, co: 0.5, o3: 40 } });
    const events = [air('urban', 'd1', 35), air('county', 'd2', 115)];
    expect(scopesOf(events[1]!, stations)).toEqual(['d2']);
    const ctx = setup(events, stations)(T(9, 50));
    // PM2.5 35 → IAQI 50 (the upper end of 优); the county's 115 (IAQI 150) is not in the city's mean.
    expect(evaluateMetric(metricById('env.aqi')!, 'city', ctx).value).toBe(50);
    expect(evaluateMetric(metricById('env.aqi')!, 'd2', ctx).value).toBe(150);
  });

  it('reads history through a window reader with the same definitions', () => {
    const m = def({ ...base, id: 'x.rate', compute: { kind: 'ratio', num: { series: 'a.ok', agg: 'sum' }, den: { series: 'a', agg: 'count' }, window: 'today' } });
    const aggs = new Map([
      ['a.ok', { count: 4, sum: 3, min: 0, max: 1, last: 1, lastTs: 5 }],
      ['a', { count: 4, sum: 4, min: 1, max: 1, last: 1, lastTs: 5 }],
    ]);
    const r = evaluateMetric(m, 'city', { reader: windowReader((s) => aggs.get(s)), places, thresholds: () => undefined });
    expect(r.value).toBe(75);
  });
});

describe('statusOf', () => {
  it('colours a figure warning at 蓝/黄 and critical at 橙/红, inclusive at each threshold', () => {
    const aqi = { bad: 'high' as const, levels: { blue: 101, yellow: 151, orange: 201, red: 301 }, clear: 90 };
    expect([100, 101, 151, 200, 201, 301].map((v) => statusOf(v, aqi))).toEqual(['normal', 'warning', 'warning', 'warning', 'critical', 'critical']);
    const low = { bad: 'low' as const, levels: { yellow: 98, orange: 95 }, clear: 99 };
    expect([98.1, 98, 95.1, 94.9].map((v) => statusOf(v, low))).toEqual(['normal', 'warning', 'warning', 'critical']);
    expect(statusOf(null, low)).toBe('nodata');
  });
});

describe('catalogue', () => {
  it('has unique ids, covers the five domains, and lets a city override thresholds', () => {
    expect(new Set(CATALOGUE.map((m) => m.id)).size).toBe(CATALOGUE.length);
    expect(new Set(CATALOGUE.map((m) => m.domain))).toEqual(new Set(['government', 'environment', 'safety', 'livelihood', 'tourism']));
    for (const d of ['government', 'environment', 'safety', 'livelihood', 'tourism']) {
      expect(CATALOGUE.filter((m) => m.domain === d && m.key).length).toBeGreaterThanOrEqual(3);
    }
    const override = { bad: 'high' as const, levels: { yellow: 80, red: 150 }, clear: 70 };
    const local = catalogueFor({ 'env.aqi': override });
    expect(local.find((m) => m.id === 'env.aqi')!.thresholds).toEqual(override);
    // HJ 633-2012: 中度污染 from AQI 151, 重度 201, 严重 301.
    expect(CATALOGUE.find((m) => m.id === 'env.aqi')!.thresholds!.levels).toEqual({ blue: 151, yellow: 201, orange: 301 });
  });
});

describe('thresholdsSchema', () => {
  it('refuses levels out of order, no level at all, and a clear threshold beyond the lowest level', () => {
    expect(thresholdsSchema.safeParse({ bad: 'high', levels: { blue: 10, yellow: 20 }, clear: 8 }).success).toBe(true);
    expect(thresholdsSchema.safeParse({ bad: 'high', levels: { blue: 10, yellow: 10 }, clear: 8 }).success).toBe(false);
    expect(thresholdsSchema.safeParse({ bad: 'low', levels: { blue: 10, yellow: 20 }, clear: 12 }).success).toBe(false);
    expect(thresholdsSchema.safeParse({ bad: 'high', levels: {}, clear: 8 }).success).toBe(false);
    expect(thresholdsSchema.safeParse({ bad: 'high', levels: { blue: 10 }, clear: 11 }).success).toBe(false);
    expect(thresholdsSchema.safeParse({ bad: 'low', levels: { orange: 95 }, clear: 95 }).success).toBe(true);
  });
});

describe('minSample', () => {
  it('shows a rate from a small sample without judging it', () => {
    const events: RawEvent[] = [
      { kind: 'hotline.call', ts: T(9), division: 'd1', values: { answered: 0, waitSec: 60 } },
      { kind: 'hotline.call', ts: T(9, 1), division: 'd1', values: { answered: 1, waitSec: 5 } },
    ];
    // Judged in divisions from 30 calls; 50 % is past the orange level of 80 %.
    const answerRate = { ...metricById('hotline.answer_rate')!, minSample: 30, judgedIn: 'all' as const, thresholds: { bad: 'low' as const, levels: { yellow: 90, orange: 80 }, clear: 92 } };
    const small = evaluateMetric(answerRate, 'd1', setup(events)(T(10)));
    expect(small).toMatchObject({ value: 50, status: 'normal', sample: 2 });
    const many = Array.from({ length: 40 }, (_, i): RawEvent => ({ kind: 'hotline.call', ts: T(9) + i, division: 'd1', values: { answered: i % 2 === 0 ? 1 : 0, waitSec: 5 } }));
    expect(evaluateMetric(answerRate, 'd1', setup(many)(T(10)))).toMatchObject({ value: 50, status: 'critical', sample: 40 });
    // The 12345 centre's answer rate is judged for the city only.
    expect(evaluateMetric({ ...answerRate, judgedIn: 'city' }, 'd1', setup(many)(T(10)))).toMatchObject({ value: 50, status: 'normal' });
  });

  it('judges a gauge over places only when enough places report', () => {
    const events: RawEvent[] = [
      { kind: 'device.status', ts: T(9), division: 'd1', site: 'cam-1', values: { online: 1 } },
      { kind: 'device.status', ts: T(9), division: 'd1', site: 'cam-2', values: { online: 0 } },
    ];
    const ctx = setup(events)(T(10));
    const online = metricById('safety.camera_online')!;
    expect(online.minSample).toBe(50);
    expect(evaluateMetric(online, 'd1', ctx)).toMatchObject({ value: 50, status: 'normal', sample: 2 });
    expect(evaluateMetric({ ...online, minSample: 2 }, 'd1', ctx)).toMatchObject({ value: 50, status: 'critical' });
  });
});

describe('the share of good-air days', () => {
  const goodDays = metricById('env.good_days')!;
  const ctxWith = (levels: number[]): EvalContext => ({ ...setup([])(0), daily: { levels: () => levels }, today: 0, yearStart: 0 });

  it('is not judged on fewer than 30 days: one haze day in two is 50 %, but no alert', () => {
    // Levels: 1 优, 3 轻度污染 → 1 good of 2 = 50 %.
    const r = evaluateMetric(goodDays, 'city', ctxWith([1, 3]));
    expect(r.value).toBe(50);
    expect(r.sample).toBe(2);
    expect(r.status).toBe('normal');
  });

  it('is judged from 30 days: 23 good of 30 is 76.7 %, below 黄 (80)', () => {
    const levels = [...new Array<number>(23).fill(2), ...new Array<number>(7).fill(3)];
    const r = evaluateMetric(goodDays, 'city', ctxWith(levels));
    expect(r.value).toBe(76.7);
    expect(r.status).toBe('warning');
  });
});
