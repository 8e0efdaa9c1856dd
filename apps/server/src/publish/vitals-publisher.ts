import { CITY_SCOPE, vitalsTopic, type MetricDef } from '@cw/contracts';
import { evaluateAll } from '@cw/metrics';
import type { RollupEngine } from '@cw/rollup';
import type { TopicRegistry } from './topics.ts';

/**
 * Once per tick, re-evaluates every catalogue figure for every scope and publishes what
 * changed: at most one delta per topic per tick, carrying only the changed figures.
 */
export function publishVitals(catalogue: readonly MetricDef[], engine: RollupEngine, topics: TopicRegistry, scopes: readonly string[], now: number): number {
  let deltas = 0;
  for (const scope of [CITY_SCOPE, ...scopes]) {
    if (topics.publish(vitalsTopic(scope), evaluateAll(catalogue, engine, scope, now)) !== null) deltas++;
  }
  return deltas;
}
