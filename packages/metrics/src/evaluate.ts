import { hourlyAqi, toAqiDetail } from '@cw/aqi';
import {
  POLLUTANTS,
  type Agg,
  type MetricDef,
  type MetricWindow,
  type Pollutant,
  type Status,
  type Thresholds,
  type VitalReading,
} from '@cw/contracts';
import { DAY, HOUR, MINUTE, mean, type Aggregate, type RollupEngine } from '@cw/rollup';

/** The rollup windows a catalogue figure can be read from, over the engine's families. */
export const WINDOW_FAMILIES = [
  { id: '1m', sizeMs: MINUTE },
  { id: '1h', sizeMs: HOUR },
  { id: '1d', sizeMs: DAY },
] as const;

/** Reads one metric window for a scope at `now`. */
export function readWindow(engine: RollupEngine, window: MetricWindow, series: string, scope: string, now: number): Aggregate | undefined {
  switch (window) {
    case 'today':
      return engine.get('1d', series, scope, engine.align(engine.family('1d'), now));
    case 'hour':
      return engine.get('1h', series, scope, engine.align(engine.family('1h'), now));
    case 'trailing1h': {
      const end = engine.align(engine.family('1m'), now) + MINUTE;
      const agg = engine.range('1m', series, scope, end - HOUR, end);
      return agg.count === 0 ? undefined : agg;
    }
  }
}

function pick(agg: Aggregate | undefined, how: Agg): number | null {
  // An empty window means zero events: counts and sums are 0, the rest unknown.
  if (agg === undefined || agg.count === 0) return how === 'count' || how === 'sum' ? 0 : null;
  switch (how) {
    case 'count':
      return agg.count;
    case 'sum':
      return agg.sum;
    case 'mean':
      return mean(agg);
    case 'min':
      return agg.min;
    case 'max':
      return agg.max;
    case 'last':
      return agg.last;
  }
}

export function statusOf(value: number | null, t: Thresholds | undefined): Status {
  if (value === null) return 'nodata';
  if (t === undefined) return 'normal';
  const beyond = (limit: number) => (t.bad === 'high' ? value >= limit : value <= limit);
  if (beyond(t.critical)) return 'critical';
  if (beyond(t.warning)) return 'warning';
  return 'normal';
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

function asOfOf(...aggs: (Aggregate | undefined)[]): number | null {
  let t = -Infinity;
  for (const a of aggs) if (a !== undefined && a.count > 0 && a.lastTs > t) t = a.lastTs;
  return Number.isFinite(t) ? t : null;
}

/** Evaluates one catalogue metric for one scope. Values are rounded to the metric's decimals
 * so that noise below display precision never produces a delta. */
export function evaluateMetric(def: MetricDef, engine: RollupEngine, scope: string, now: number): VitalReading {
  const c = def.compute;
  switch (c.kind) {
    case 'window': {
      const agg = readWindow(engine, c.window, c.series, scope, now);
      const v = pick(agg, c.agg);
      const value = v === null ? null : roundTo(v, def.decimals);
      return { value, status: statusOf(value, def.thresholds), asOf: asOfOf(agg) };
    }
    case 'ratio': {
      const num = readWindow(engine, c.window, c.num.series, scope, now);
      const den = readWindow(engine, c.window, c.den.series, scope, now);
      const n = pick(num, c.num.agg);
      const d = pick(den, c.den.agg);
      const value = n === null || d === null || d === 0 ? null : roundTo((n / d) * 100, def.decimals);
      return { value, status: statusOf(value, def.thresholds), asOf: asOfOf(num, den) };
    }
    case 'aqi': {
      const aggs = POLLUTANTS.map((p) => readWindow(engine, 'trailing1h', `air.reading.${p}`, scope, now));
      const conc: Partial<Record<Pollutant, number>> = {};
      POLLUTANTS.forEach((p, i) => {
        const agg = aggs[i];
        if (agg !== undefined && agg.count > 0) conc[p] = mean(agg);
      });
      const result = hourlyAqi(conc);
      if (result === null) return { value: null, status: 'nodata', asOf: null };
      return { value: result.aqi, status: statusOf(result.aqi, def.thresholds), asOf: asOfOf(...aggs), aqi: toAqiDetail(result) };
    }
  }
}

export function evaluateAll(catalogue: readonly MetricDef[], engine: RollupEngine, scope: string, now: number): Map<string, VitalReading> {
  const out = new Map<string, VitalReading>();
  for (const def of catalogue) out.set(def.id, evaluateMetric(def, engine, scope, now));
  return out;
}

export function sameReading(a: VitalReading, b: VitalReading): boolean {
  if (a.value !== b.value || a.status !== b.status || a.asOf !== b.asOf) return false;
  if (a.aqi === undefined || b.aqi === undefined) return a.aqi === b.aqi;
  return a.aqi.level === b.aqi.level && a.aqi.primary.join() === b.aqi.primary.join() && POLLUTANTS.every((p) => a.aqi!.iaqi[p] === b.aqi!.iaqi[p]);
}
