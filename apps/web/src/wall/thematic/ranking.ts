import type { CityProfile, MetricDef, PlaceKind } from '@cw/contracts';

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

/** The kind of place a figure is read from (visitors: scenic areas), or undefined for a figure of events anywhere. */
export function placeKindOf(def: Pick<MetricDef, 'compute' | 'split'>): PlaceKind | undefined {
  if (def.split?.by === 'place') return def.split.places;
  const c = def.compute;
  if (c.kind === 'capacity_use') return 'scenic';
  if (c.kind === 'gauge' || c.kind === 'gauge_ratio') return c.places;
  return undefined;
}

/**
 * Divisions with no place the figure is read from (in Shaoyang, 双清区 and 北塔区 have no
 * ticketed scenic area): their 0 is not a measurement, so a ranking says so instead.
 */
export function divisionsWithout(kind: PlaceKind | undefined, profile: Pick<CityProfile, 'divisions' | 'sites' | 'devices' | 'deviceFleets'>): Set<string> {
  if (kind === undefined) return new Set();
  const have = new Set([...profile.sites, ...profile.devices, ...profile.deviceFleets].filter((p) => p.type === kind).map((p) => p.division));
  return new Set(profile.divisions.map((d) => d.code).filter((code) => !have.has(code)));
}
