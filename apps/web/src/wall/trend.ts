import type { MetricDef, Status } from '@cw/contracts';
import { DAY_MS, HOUR_MS } from '../time/cityTime.ts';

/** One closed window of a metric from GET /api/v1/metrics/:id/history. */
export interface HistoryPoint {
  start: number;
  value: number | null;
  status: Status;
  parts?: Record<string, number | null>;
}

/**
 * How a metric's live figure relates to its hourly windows:
 * - additive: today's figure is the sum of today's hours (counts, sums, entries − exits);
 * - level: the figure is a level now (AQI, gauges, trailing means), comparable to an hour's value;
 * - other: neither (rates over the day so far, the share of good days).
 */
export type Accumulation = 'additive' | 'level' | 'other';

export function accumulationOf(def: MetricDef): Accumulation {
  const c = def.compute;
  switch (c.kind) {
    case 'window':
      if (c.window === 'today') return c.agg === 'count' || c.agg === 'sum' ? 'additive' : 'other';
      return 'level';
    case 'net':
      return c.window === 'today' ? 'additive' : 'level';
    case 'aqi':
    case 'gauge':
    case 'gauge_ratio':
    case 'capacity_use':
      return 'level';
    case 'ratio':
    case 'good_days':
      return 'other';
  }
}

/** Whether the live figure is "today so far", i.e. the same quantity as a closed day's value. */
export function liveIsToday(def: MetricDef): boolean {
  const c = def.compute;
  return c.kind === 'capacity_use' || ((c.kind === 'window' || c.kind === 'ratio' || c.kind === 'net') && c.window === 'today');
}

/** The values of the 24 hours of the day starting at `dayStart`; null where there is no window. */
export function hourSlots(points: readonly HistoryPoint[], dayStart: number): (number | null)[] {
  const slots: (number | null)[] = new Array<number | null>(24).fill(null);
  for (const p of points) {
    const i = Math.floor((p.start - dayStart) / HOUR_MS);
    if (i >= 0 && i < 24) slots[i] = p.value;
  }
  return slots;
}

/**
 * The current (still open) hour's value, which history does not have yet: for additive
 * metrics today's live figure minus today's closed hours, once every earlier hour has
 * closed (else the difference would include an hour still being closed); for levels the
 * live figure itself; otherwise none.
 */
export function liveHourValue(def: MetricDef, live: number | null, todayPoints: readonly HistoryPoint[], hourStart: number, dayStart: number): number | null {
  if (live === null) return null;
  const kind = accumulationOf(def);
  if (kind === 'level') return live;
  if (kind === 'other') return null;
  const closed = todayPoints.filter((p) => p.start >= dayStart && p.start < hourStart);
  if (hourStart > dayStart && !closed.some((p) => p.start === hourStart - HOUR_MS)) return null;
  const sum = closed.reduce((s, p) => s + (p.value ?? 0), 0);
  return Math.max(0, live - sum);
}

/** The two newest hours of today's line, as the chart draws them after the closed ones. */
export interface RecentHours {
  /**
   * The hour that just ended: its stored value; or, while it is still within the rollup's
   * allowance for late events (not stored yet, about two minutes after each hour), a
   * provisional one from the live figure. Null in the day's first hour or without a figure.
   */
  justEnded: number | null;
  /** Whether `justEnded` is the stored (final) value rather than a provisional one. */
  justEndedFinal: boolean;
  /** What the open hour will likely come to (`projectOpenHour`), null when none can be made. */
  projected: number | null;
}

/**
 * The hour that just ended and the open hour's projection. Until the just-ended hour is
 * stored, an additive figure's live value holds it together with the first minutes of the
 * open hour: those minutes are taken at yesterday's pace in this hour (none without
 * yesterday) and the rest is the just-ended hour; the open hour is then projected at
 * yesterday's value. A level's provisional value is the live level.
 */
export function recentHours(def: MetricDef, live: number | null, points: readonly HistoryPoint[], hourStart: number, dayStart: number, elapsed: number, yesterdaySameHour: number | null): RecentHours {
  const previousStart = hourStart - HOUR_MS;
  if (hourStart <= dayStart) return { justEnded: null, justEndedFinal: false, projected: projectOpenHour(def, liveHourValue(def, live, points, hourStart, dayStart), elapsed, yesterdaySameHour) };
  const stored = points.find((p) => p.start === previousStart);
  if (stored !== undefined) return { justEnded: stored.value, justEndedFinal: true, projected: projectOpenHour(def, liveHourValue(def, live, points, hourStart, dayStart), elapsed, yesterdaySameHour) };
  const none = { justEnded: null, justEndedFinal: false, projected: null };
  if (live === null) return none;
  const kind = accumulationOf(def);
  if (kind === 'level') return { justEnded: live, justEndedFinal: false, projected: live };
  if (kind === 'other') return none;
  // Only the just-ended hour may be unstored: with an earlier gap the difference would hold more hours.
  const before = points.filter((p) => p.start >= dayStart && p.start < previousStart);
  if (previousStart > dayStart && !before.some((p) => p.start === previousStart - HOUR_MS)) return none;
  const closedSum = before.reduce((s, p) => s + (p.value ?? 0), 0);
  const gone = Math.min(1, Math.max(0, elapsed));
  const openSoFar = yesterdaySameHour === null ? 0 : yesterdaySameHour * gone;
  return { justEnded: Math.max(0, live - closedSum - openSoFar), justEndedFinal: false, projected: yesterdaySameHour };
}

/** One value per local day for the `days` days ending with the day before `todayStart`. */
export function daySlots(points: readonly HistoryPoint[], todayStart: number, days: number): { day: number; value: number | null }[] {
  const byDay = new Map(points.map((p) => [p.start, p.value]));
  return Array.from({ length: days }, (_, i) => {
    const day = todayStart - (days - i) * DAY_MS;
    return { day, value: byDay.get(day) ?? null };
  });
}

/**
 * What the open hour will likely come to, so the line does not plunge at the hour that is
 * still filling: for sums, what has come in so far plus the rest of the hour at yesterday's
 * pace in that hour (or at this hour's own pace when yesterday has no value); a level is
 * its live value. `elapsed` is the share of the hour gone, 0…1.
 */
export function projectOpenHour(def: MetricDef, soFar: number | null, elapsed: number, yesterdaySameHour: number | null): number | null {
  if (soFar === null) return null;
  if (accumulationOf(def) !== 'additive') return soFar;
  const gone = Math.min(1, Math.max(0, elapsed));
  if (yesterdaySameHour !== null) return soFar + yesterdaySameHour * (1 - gone);
  // Without yesterday, extrapolate only once a tenth of the hour has passed: earlier, a few events would be multiplied tenfold.
  return gone >= 0.1 ? soFar / gone : null;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `x` (> 0). */
function niceAbove(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  // Rounding guards against 3 × 0.1 = 0.30000000000000004 landing on the next step.
  const step = [1, 2, 5, 10].find((m) => Math.round(m * power * 1e9) / 1e9 >= x)!;
  return Math.round(step * power * 1e9) / 1e9;
}

/**
 * A value axis from 0 with at most `maxIntervals` round intervals (1, 2 or 5 × 10ⁿ each),
 * its top at or above the highest value. A chart asks for as many intervals as its height
 * has room for labels, so no two labels of the axis ever overlap.
 */
export function axisScale(values: readonly (number | null)[], maxIntervals: number): { max: number; interval: number } {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const n = Math.max(1, Math.floor(maxIntervals));
  if (max <= 0) return { max: 1, interval: 1 };
  const interval = niceAbove(max / n);
  return { max: Math.round(Math.ceil(max / interval - 1e-9) * interval * 1e9) / 1e9, interval };
}

/**
 * How many intervals a value axis `plotPx` tall can label in type of `fontPx`: a label and a
 * gap of most of its height per interval, at most four.
 */
export function intervalsThatFit(plotPx: number, fontPx: number): number {
  return Math.min(4, Math.max(1, Math.floor(plotPx / (2 * fontPx))));
}

/**
 * Whether a value axis `plotPx` tall has room for both its end labels in type of `fontPx`:
 * a chart squeezed below a label and a half labels its top only (its foot is the x axis, 0).
 */
export function labelsBothEnds(plotPx: number, fontPx: number): boolean {
  return plotPx >= 1.5 * fontPx;
}

/**
 * The top of a small chart's axis: the smallest 1, 2 or 5 × 10ⁿ at or above the highest value
 * (1 when there is nothing above 0). A small chart labels only 0 and this, two labels that
 * cannot overlap however short the chart is.
 */
export function roundAxisTop(values: readonly (number | null)[]): number {
  return axisScale(values, 1).max;
}
