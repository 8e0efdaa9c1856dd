import type { MetricDef } from '@cw/contracts';
import { DAY_MS, HOUR_MS } from '../time/cityTime.ts';
import { accumulationOf, type HistoryPoint } from '../wall/trend.ts';

/**
 * The leader's comparisons, from closed history windows only (never an unfinished hour
 * against a finished one): today against yesterday at the same time of day, the last seven
 * days against the seven before, and the divisions ranked worst first.
 */

export interface Comparison {
  now: number | null;
  before: number | null;
  /** (now − before) / before, or null when there is no base to compare with. */
  change: number | null;
  /** What is compared: the hours closed so far today, the latest closed hour, or whole days. */
  basis: 'closed_hours' | 'same_hour' | 'whole_day' | 'days';
  /** For closed_hours: how many hours of each day are compared. */
  hours?: number;
}

const change = (now: number | null, before: number | null): number | null => (now === null || before === null || before === 0 ? null : (now - before) / Math.abs(before));

const sum = (values: (number | null)[]): number | null => (values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null);
const mean = (values: (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((s, v) => s + v, 0) / present.length;
};

const valueAt = (points: readonly HistoryPoint[], start: number): number | null => points.find((p) => p.start === start)?.value ?? null;

/**
 * Today against yesterday at the same time of day, from hourly windows of both days:
 * - additive figures (counts, sums): today's closed hours against yesterday's same hours;
 * - levels (AQI, gauges): the latest closed hour against the same hour yesterday;
 * - rates over the day: no hour adds up to them, so yesterday's whole day (`dayPoints`)
 *   against the live figure, and said so.
 */
export function todayVsYesterday(def: MetricDef, hourly: readonly HistoryPoint[], dayStart: number, hourStart: number, live: number | null, yesterdayWhole: number | null): Comparison {
  const kind = accumulationOf(def);
  const closedHours = Math.max(0, Math.round((hourStart - dayStart) / HOUR_MS));
  if (kind === 'additive') {
    // Up to today's latest hour in history: the hour just ended may not be closed yet (late
    // events), and yesterday must not count it while today does not.
    let upTo = 0;
    for (let i = 0; i < closedHours; i++) if (valueAt(hourly, dayStart + i * HOUR_MS) !== null) upTo = i + 1;
    const hours = Array.from({ length: upTo }, (_, i) => i * HOUR_MS);
    const now = upTo === 0 ? null : sum(hours.map((h) => valueAt(hourly, dayStart + h)));
    const before = upTo === 0 ? null : sum(hours.map((h) => valueAt(hourly, dayStart - DAY_MS + h)));
    return { now, before, change: change(now, before), basis: 'closed_hours', hours: upTo };
  }
  if (kind === 'level') {
    const last = hourStart - HOUR_MS;
    const now = last >= dayStart ? valueAt(hourly, last) : null;
    const before = last >= dayStart ? valueAt(hourly, last - DAY_MS) : null;
    return { now, before, change: change(now, before), basis: 'same_hour' };
  }
  return { now: live, before: yesterdayWhole, change: change(live, yesterdayWhole), basis: 'whole_day' };
}

/**
 * The last seven whole days against the seven before, from daily windows: summed for
 * additive figures, averaged over the days with a value otherwise.
 */
export function weekVsLastWeek(def: MetricDef, daily: readonly HistoryPoint[], todayStart: number): Comparison {
  const days = (from: number) => Array.from({ length: 7 }, (_, i) => valueAt(daily, todayStart - (from - i) * DAY_MS));
  const agg = accumulationOf(def) === 'additive' ? sum : mean;
  const now = agg(days(7));
  const before = agg(days(14));
  return { now, before, change: change(now, before), basis: 'days' };
}

export interface Ranked {
  code: string;
  value: number | null;
}

/**
 * Divisions worst first: by the figure's bad direction (`worseHigh`), or largest first for a
 * figure with none; divisions without a value last, in profile order.
 */
export function rankWorstFirst(rows: readonly Ranked[], worseHigh: boolean | null): Ranked[] {
  const higherFirst = worseHigh ?? true;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const va = a.r.value;
      const vb = b.r.value;
      if (va === null || vb === null) return va === vb ? a.i - b.i : va === null ? 1 : -1;
      if (va === vb) return a.i - b.i;
      return higherFirst ? vb - va : va - vb;
    })
    .map((x) => x.r);
}
