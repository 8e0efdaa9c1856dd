import { describe, expect, it } from 'vitest';
import type { MetricDef } from '@cw/contracts';
import { rankWorstFirst, todayVsYesterday, weekVsLastWeek } from './compare.ts';

const H = 3_600_000;
const D = 24 * H;
const DAY = 100 * D;

const count: MetricDef = { id: 'x.count', domain: 'safety', name: { zh: '', en: '' }, unit: { zh: '', en: '' }, decimals: 0, compute: { kind: 'window', series: 'police.incident', agg: 'count', window: 'today' }, key: false, staleAfterSec: 60 };
const gauge: MetricDef = { ...count, id: 'x.gauge', compute: { kind: 'gauge', series: 'gov.queue.waiting', agg: 'sum', places: 'hall' } };
const rate: MetricDef = { ...count, id: 'x.rate', compute: { kind: 'ratio', num: { series: 'hotline.call.answered', agg: 'sum' }, den: { series: 'hotline.call', agg: 'count' }, window: 'today' } };

const p = (start: number, value: number | null) => ({ start, value, status: 'normal' as const });

describe('todayVsYesterday', () => {
  it('compares the closed hours of today with the same hours of yesterday for counts', () => {
    // 03:00 now: today 00–01 = 4, 01–02 = 6, 02–03 not closed yet; yesterday 5, 5, 9 and 40 later.
    const hourly = [p(DAY - D, 5), p(DAY - D + H, 5), p(DAY - D + 2 * H, 9), p(DAY - D + 10 * H, 40), p(DAY, 4), p(DAY + H, 6)];
    const c = todayVsYesterday(count, hourly, DAY, DAY + 3 * H, 13, 200);
    expect(c).toEqual({ now: 10, before: 10, change: 0, basis: 'closed_hours', hours: 2 });
  });

  it('compares the latest closed hour with the same hour yesterday for levels', () => {
    const hourly = [p(DAY - D + 5 * H, 80), p(DAY + 5 * H, 100)];
    const c = todayVsYesterday(gauge, hourly, DAY, DAY + 6 * H, 120, null);
    expect(c).toEqual({ now: 100, before: 80, change: 0.25, basis: 'same_hour' });
  });

  it('compares a rate over the day with yesterday’s whole day, and says so', () => {
    const c = todayVsYesterday(rate, [], DAY, DAY + 9 * H, 90, 100);
    expect(c).toEqual({ now: 90, before: 100, change: -0.1, basis: 'whole_day' });
  });

  it('has nothing to compare just after midnight', () => {
    expect(todayVsYesterday(count, [p(DAY - D, 3)], DAY, DAY, 1, 50).now).toBeNull();
  });
});

describe('weekVsLastWeek', () => {
  const daily = [...Array.from({ length: 7 }, (_, i) => p(DAY - (14 - i) * D, 10)), ...Array.from({ length: 7 }, (_, i) => p(DAY - (7 - i) * D, i === 0 ? null : 12))];
  it('sums counts over the seven days before today and the seven before those', () => {
    expect(weekVsLastWeek(count, daily, DAY)).toEqual({ now: 72, before: 70, change: 2 / 70, basis: 'days' });
  });
  it('averages levels over the days that have a value', () => {
    expect(weekVsLastWeek(gauge, daily, DAY)).toEqual({ now: 12, before: 10, change: 0.2, basis: 'days' });
  });
});

describe('rankWorstFirst', () => {
  const rows = [
    { code: 'a', value: 97 },
    { code: 'b', value: null },
    { code: 'c', value: 92 },
    { code: 'd', value: 99 },
  ];
  it('puts the lowest first when low is bad, and divisions without a value last', () => {
    expect(rankWorstFirst(rows, false).map((r) => r.code)).toEqual(['c', 'a', 'd', 'b']);
  });
  it('puts the highest first when high is bad or no direction is known', () => {
    expect(rankWorstFirst(rows, true).map((r) => r.code)).toEqual(['d', 'a', 'c', 'b']);
    expect(rankWorstFirst(rows, null).map((r) => r.code)).toEqual(['d', 'a', 'c', 'b']);
  });
});
