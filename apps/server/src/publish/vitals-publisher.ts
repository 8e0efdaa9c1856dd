import { CITY_SCOPE, vitalsTopic, type MetricDef, type VitalReading } from '@cw/contracts';
import { evaluateAll, liveReader, type DailyLevels, type PlaceIndex } from '@cw/metrics';
import type { RollupEngine } from '@cw/rollup';
import { localDayAndYear } from '../clock.ts';
import type { TopicRegistry } from './topics.ts';

export interface VitalsContext {
  catalogue: () => readonly MetricDef[];
  places: PlaceIndex;
  daily: DailyLevels;
  scopes: readonly string[];
  utcOffsetMs: number;
}

/**
 * Once per tick, re-evaluates every catalogue figure for every scope and publishes what
 * changed: at most one delta per topic per tick, carrying only the changed figures.
 * Returns the readings, for the alert rules.
 */
export function publishVitals(ctx: VitalsContext, engine: RollupEngine, topics: TopicRegistry, now: number): Map<string, Map<string, VitalReading>> {
  const { today, yearStart } = localDayAndYear(now, ctx.utcOffsetMs);
  const evalCtx = {
    reader: liveReader(engine, now),
    places: ctx.places,
    thresholds: (def: MetricDef) => def.thresholds,
    daily: ctx.daily,
    today,
    yearStart,
    now,
  };
  const all = new Map<string, Map<string, VitalReading>>();
  const catalogue = ctx.catalogue();
  for (const scope of [CITY_SCOPE, ...ctx.scopes]) {
    const readings = evaluateAll(catalogue, scope, evalCtx);
    topics.publish(vitalsTopic(scope), readings);
    all.set(scope, readings);
  }
  return all;
}
