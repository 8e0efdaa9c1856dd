import type { MetricDef } from '@cw/contracts';
import { seriesOfCompute } from './series.ts';

/**
 * Which event kinds a figure is computed from: the kind of every series it reads (a series
 * is `<kind>[.<field>][|<type>]`, and every kind is `<domain>.<name>`). What a data source
 * registered for some kinds feeds, and so which figures go stale when it falls silent.
 */
export function kindsOfMetric(def: MetricDef): string[] {
  const kinds = new Set<string>();
  for (const series of seriesOfCompute(def.compute)) kinds.add(series.split('|')[0]!.split('.').slice(0, 2).join('.'));
  return [...kinds];
}

/** The figures fed by a source that may send `kinds` (none when it may send any: it cannot be told which it feeds). */
export function metricsFedBy(kinds: readonly string[] | null, catalogue: readonly MetricDef[]): string[] {
  if (kinds === null) return [];
  const sent = new Set(kinds);
  return catalogue.filter((m) => kindsOfMetric(m).some((k) => sent.has(k))).map((m) => m.id);
}
