import type { ClosedWindow } from '@cw/rollup';

/** A closed window as both SQL stores keep it (one row per family, series, scope and start). */
export interface WindowRow {
  family: string;
  series: string;
  scope: string;
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  last_ts: number;
}

export const toWindow = (r: WindowRow): ClosedWindow => ({
  window: r.family,
  series: r.series,
  scope: r.scope,
  start: r.start,
  agg: { count: r.count, sum: r.sum, min: r.min, max: r.max, last: r.last, lastTs: r.last_ts },
});
