import { describe, expect, it } from 'vitest';
import type { MetricDef } from '@cw/contracts';
import { DAY_MS, HOUR_MS } from '../time/cityTime.ts';
import { accumulationOf, daySlots, hourSlots, liveHourValue, liveIsToday, projectOpenHour, recentHours, roundAxisTop, axisScale, intervalsThatFit, labelsBothEnds, type HistoryPoint } from './trend.ts';

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

describe('the hour that just ended', () => {
  // 15:01 in the city: 14:00–15:00 ended a minute ago and is still open for late events, so history holds 00:00–13:00 only.
  const hour15 = DAY + 15 * HOUR_MS;
  const morning = Array.from({ length: 14 }, (_, h) => point(h, 20));
  const oneMinute = 1 / 60;

  it('draws a count from the live figure while it is not stored: 14 closed hours of 20 = 280, live 640, yesterday 15:00 had 300', () => {
    // The first minute of 15:00 at yesterday's pace: 300 / 60 = 5; so 14:00 came to 640 − 280 − 5 = 355, provisionally.
    expect(recentHours(COUNT, 640, morning, hour15, DAY, oneMinute, 300)).toEqual({ justEnded: 355, justEndedFinal: false, projected: 300 });
  });

  it('without yesterday, gives the just-ended hour everything after the closed hours and projects nothing yet', () => {
    expect(recentHours(COUNT, 640, morning, hour15, DAY, oneMinute, null)).toEqual({ justEnded: 360, justEndedFinal: false, projected: null });
  });

  it('takes the stored value once the hour is closed, and projects the open hour from what came in since', () => {
    // 14:00 stored as 350: 15 closed hours sum to 630; 15:00 so far 640 − 630 = 10 at a quarter past, + 300 × 3/4 = 235.
    expect(recentHours(COUNT, 640, [...morning, point(14, 350)], hour15, DAY, 0.25, 300)).toEqual({ justEnded: 350, justEndedFinal: true, projected: 235 });
  });

  it('draws nothing provisional when an earlier hour is missing too, or without a live figure', () => {
    const gap = morning.filter((p) => p.start !== DAY + 13 * HOUR_MS);
    expect(recentHours(COUNT, 640, gap, hour15, DAY, oneMinute, 300)).toEqual({ justEnded: null, justEndedFinal: false, projected: null });
    expect(recentHours(COUNT, null, morning, hour15, DAY, oneMinute, 300)).toEqual({ justEnded: null, justEndedFinal: false, projected: null });
  });

  it('takes a level as it stands for both hours, and has no just-ended hour in the day’s first hour', () => {
    expect(recentHours(AQI, 88, [], hour15, DAY, oneMinute, 40)).toEqual({ justEnded: 88, justEndedFinal: false, projected: 88 });
    // 00:30: the hour before midnight belongs to yesterday's line; 12 calls so far + 40 × 1/2 = 32.
    expect(recentHours(COUNT, 12, [], DAY, DAY, 0.5, 40)).toEqual({ justEnded: null, justEndedFinal: false, projected: 32 });
  });

  it('never draws a negative hour when the live figure lags the stored hours', () => {
    expect(recentHours(COUNT, 250, morning, hour15, DAY, oneMinute, 300)).toEqual({ justEnded: 0, justEndedFinal: false, projected: 300 });
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
