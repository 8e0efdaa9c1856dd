import type { MetricDef } from '@cw/contracts';

/**
 * How divisions are ranked by a figure: worst first where the figure has a bad direction
 * (the AQI: highest first; a rate judged "bad when low": lowest first), else most first.
 * The rows a wall hides are the ones that matter least.
 */
export type RankOrder = 'worst-high' | 'worst-low' | 'most';

export function rankOrder(def: Pick<MetricDef, 'compute' | 'thresholds'>): RankOrder {
  if (def.thresholds?.bad === 'low') return 'worst-low';
  if (def.compute.kind === 'aqi' || def.thresholds?.bad === 'high') return 'worst-high';
  return 'most';
}

/** Ranks items by value in the given order; items without a value go last, in their given order. */
export function rankBy<T>(items: readonly T[], valueOf: (item: T) => number | null, order: RankOrder): T[] {
  const sign = order === 'worst-low' ? 1 : -1;
  return items
    .map((item, i) => ({ item, i, v: valueOf(item) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === null ? (b.v === null ? a.i - b.i : 1) : -1;
      return a.v === b.v ? a.i - b.i : sign * (a.v - b.v);
    })
    .map((x) => x.item);
}

/**
 * Of `total` rows with room for `fit`: all of them when they fit, else one row fewer and a
 * last line saying how many are hidden ("+6"), so a viewer knows the list goes on.
 */
export function rowsShown(total: number, fit: number): { shown: number; hidden: number } {
  if (total <= fit) return { shown: total, hidden: 0 };
  const shown = Math.max(0, fit - 1);
  return { shown, hidden: total - shown };
}
