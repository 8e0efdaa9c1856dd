import type { MetricDef } from '@cw/contracts';
import { evaluateMetric } from './evaluate.ts';
import type { PlaceIndex } from './places.ts';
import { windowReader } from './reader.ts';

/**
 * The (series, scope) pairs a metric reads for a scope, including per-type and per-place
 * breakdowns: what the history API must load to evaluate it over stored windows.
 *
 * Found by evaluating the metric once against a reader that records what it is asked for,
 * so how a metric reads the rollups is defined once, in evaluate.ts. With nothing to read
 * every computation still asks for all its inputs (none stops at the first missing one).
 */
export function seriesNeeded(def: MetricDef, scope: string, places: PlaceIndex): { series: string; scope: string }[] {
  const asked = new Map<string, { series: string; scope: string }>();
  const record = (series: string, at: string) => {
    const key = `${series}\u0000${at}`;
    if (!asked.has(key)) asked.set(key, { series, scope: at });
    return undefined;
  };
  evaluateMetric(def, scope, { reader: windowReader(record), places, thresholds: () => undefined });
  return [...asked.values()];
}
