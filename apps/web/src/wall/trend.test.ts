import { describe, expect, it } from 'vitest';
import type { MetricDef } from '@cw/contracts';
import { DAY_MS, HOUR_MS } from '../time/cityTime.ts';
import { accumulationOf, daySlots, hourSlots, liveHourValue, liveIsToday, projectOpenHour, roundAxisTop, axisScale, intervalsThatFit, labelsBothEnds, type HistoryPoint } from './trend.ts';

const metric = (compute: MetricDef['compute']): MetricDef => ({
  id: 'm',
  domain: 'safety',
  name: { zh: 'm', en: 'm' },
  unit: { zh: '', en: '' },
  decimals: 0,
  compute,
  key: true,
  staleAfterSec: 60,
});
const COUNT = metric({ kind: 'window', series: 'police.incident', agg: 'count', window: 'today' });
const AQI = metric({ kind: 'aqi' });
const RATE = metric({ kind: 'ratio', num: { series: 'a', agg: 'sum' }, den: { series: 'a', agg: 'count' }, window: 'today' });
const DAY = Date.UTC(2026, 10, 26, 16);
const point = (hour: number, value: number | null): HistoryPoint => ({ start: DAY + hour * HOUR_MS, value, status: 'normal' });

describe('accumulation', () => {
  it('tells sums, levels and rates apart', () => {
    expect(accumulationOf(COUNT)).toBe('additive');
    expect(accumulationOf(metric({ kind: 'net', plus: { series: 'a', agg: 'sum' }, minus: { series: 'b', agg: 'sum' }, window: 'today' }))).toBe('additive');
    expect(accumulationOf(AQI)).toBe('level');
    expect(accumulationOf(metric({ kind: 'window', series: 'air.reading.pm25', agg: 'mean', window: 'trailing1h' }))).toBe('level');
    expect(accumulationOf(RATE)).toBe('other');
    expect(liveIsToday(RATE)).toBe(true);
    expect(liveIsToday(AQI)).toBe(false);
  });
});

describe('hourSlots', () => {
  it('puts each window in its hour of the day and ignores other days', () => {
    const slots = hourSlots([point(0, 5), point(23, 7), point(24, 9), point(-1, 1)], DAY);
    expect(slots).toHaveLength(24);
    expect(slots[0]).toBe(5);
    expect(slots[23]).toBe(7);
    expect(slots.filter((v) => v !== null)).toHaveLength(2);
  });
});

describe('liveHourValue', () => {
  const hour3 = DAY + 3 * HOUR_MS;
  it('gives an additive metric the part of today not yet in closed hours', () => {
    expect(liveHourValue(COUNT, 20, [point(0, 5), point(1, 4), point(2, 6)], hour3, DAY)).toBe(5);
  });

  it('waits until the previous hour has closed', () => {
    expect(liveHourValue(COUNT, 20, [point(0, 5), point(1, 4)], hour3, DAY)).toBeNull();
  });

  it('needs no history in the first hour of the day', () => {
    expect(liveHourValue(COUNT, 3, [], DAY, DAY)).toBe(3);
  });

  it('uses a level as it is and leaves rates out', () => {
    expect(liveHourValue(AQI, 88, [], hour3, DAY)).toBe(88);
    expect(liveHourValue(RATE, 97, [point(2, 99)], hour3, DAY)).toBeNull();
    expect(liveHourValue(COUNT, null, [], hour3, DAY)).toBeNull();
  });
});

describe('daySlots', () => {
  it('lists the closed days before today, oldest first, with gaps as null', () => {
    const points: HistoryPoint[] = [{ start: DAY - DAY_MS, value: 9, status: 'normal' }];
    expect(daySlots(points, DAY, 3)).toEqual([
      { day: DAY - 3 * DAY_MS, value: null },
      { day: DAY - 2 * DAY_MS, value: null },
      { day: DAY - DAY_MS, value: 9 },
    ]);
  });
});

describe('the open hour', () => {
  it('projects a count: 70 calls in the first 15 minutes, yesterday 340 in that hour, comes to 70 + 340 × 3/4 = 325', () => {
    expect(projectOpenHour(COUNT, 70, 0.25, 340)).toBe(325);
    // At the hour's end it is what came in.
    expect(projectOpenHour(COUNT, 300, 1, 340)).toBe(300);
  });

  it('without yesterday, extrapolates the hour’s own pace once a tenth of it has passed', () => {
    expect(projectOpenHour(COUNT, 30, 0.5, null)).toBe(60);
    expect(projectOpenHour(COUNT, 3, 0.05, null)).toBeNull();
  });

  it('draws a level as it is, and nothing without a value', () => {
    expect(projectOpenHour(AQI, 88, 0.25, 40)).toBe(88);
    expect(projectOpenHour(COUNT, null, 0.5, 340)).toBeNull();
  });
});

describe('roundAxisTop', () => {
  it('rounds the highest value up to 1, 2 or 5 × 10ⁿ', () => {
    // Safety's crowd alerts peaking at 17 an hour: 20; tourism's 730 entries: 1000.
    expect(roundAxisTop([3, 17, null, 9])).toBe(20);
    expect(roundAxisTop([730, 410])).toBe(1000);
    expect(roundAxisTop([120])).toBe(200);
    expect(roundAxisTop([500])).toBe(500);
    expect(roundAxisTop([0.3])).toBe(0.5);
    expect(roundAxisTop([96.5])).toBe(100);
  });

  it('is 1 for an empty or all-zero chart', () => {
    expect(roundAxisTop([])).toBe(1);
    expect(roundAxisTop([null, 0])).toBe(1);
  });
});

describe('axisScale', () => {
  it('splits the axis into as many round intervals as fit, the top at or above the highest value', () => {
    // 23 in at most 4 intervals: 23 / 4 = 5.75, the next round step is 10, so 0-10-20-30.
    expect(axisScale([4, 23, null], 4)).toEqual({ max: 30, interval: 10 });
    // Room for two: 23 / 2 = 11.5 → 20, top 40; for one: 50, as roundAxisTop.
    expect(axisScale([23], 2)).toEqual({ max: 40, interval: 20 });
    expect(axisScale([23], 1)).toEqual({ max: 50, interval: 50 });
    // Government's 340 applications an hour in four: 85 → 100, 0…400.
    expect(axisScale([340, 120], 4)).toEqual({ max: 400, interval: 100 });
    // A rate of 96.5 % in three: 32.2 → 50, 0-50-100.
    expect(axisScale([96.5], 3)).toEqual({ max: 100, interval: 50 });
    // 0.3 in two: 0.15 → 0.2, 0-0.2-0.4.
    expect(axisScale([0.3], 2)).toEqual({ max: 0.4, interval: 0.2 });
  });

  it('is one interval of 1 for an empty or all-zero chart', () => {
    expect(axisScale([], 4)).toEqual({ max: 1, interval: 1 });
    expect(axisScale([0, null], 3)).toEqual({ max: 1, interval: 1 });
  });
});

describe('intervalsThatFit', () => {
  it('gives each interval two label heights, one to four', () => {
    // A 43 px plot in 17 px type: one (the overview's small chart); 150 px: four; 80 px: two.
    expect(intervalsThatFit(43, 17)).toBe(1);
    expect(intervalsThatFit(80, 17)).toBe(2);
    expect(intervalsThatFit(150, 17)).toBe(4);
    expect(intervalsThatFit(10, 17)).toBe(1);
  });
});

describe('labelsBothEnds', () => {
  it('labels 0 and the top only with a label and a half between them', () => {
    // 17 px type: a 22 px plot printed "0" into "50"; 26 px (1.5 labels) is the least for both.
    expect(labelsBothEnds(22, 17)).toBe(false);
    expect(labelsBothEnds(25.5, 17)).toBe(true);
    expect(labelsBothEnds(43, 17)).toBe(true);
  });
});
