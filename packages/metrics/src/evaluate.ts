import { hourlyAqi, toAqiDetail } from '@cw/aqi';
import {
  ALERT_LEVELS,
  CITY_SCOPE,
  POLLUTANTS,
  alertRank,
  type AlertLevel,
  siteScope,
  type Agg,
  type MetricDef,
  type MetricWindow,
  type Pollutant,
  type Status,
  type Thresholds,
  type VitalReading,
} from '@cw/contracts';
import { mean, type Aggregate } from '@cw/rollup';
import type { PlaceIndex } from './places.ts';
import type { WindowReader } from './reader.ts';

/** Daily AQI levels by scope, for the share of good days. */
export interface DailyLevels {
  /** Levels (1–6) of the days of the year so far before `today`, for a scope. */
  levels(scope: string, yearStart: number, today: number): readonly number[];
}

export interface EvalContext {
  reader: WindowReader;
  places: PlaceIndex;
  /** Thresholds in force (the city profile may override the catalogue's). */
  thresholds: (def: MetricDef) => Thresholds | undefined;
  daily?: DailyLevels;
  /** Local midnight of today and of 1 January this year, ms (for good_days). */
  today?: number;
  yearStart?: number;
  /** The evaluation instant: gauges then leave out places shut by their opening hours. */
  now?: number;
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

/** The most severe alert level whose threshold `value` reaches, or null below them all. */
export function levelOf(value: number, t: Thresholds): AlertLevel | null {
  let found: AlertLevel | null = null;
  for (const level of ALERT_LEVELS) {
    const limit = t.levels[level];
    if (limit !== undefined && (t.bad === 'high' ? value >= limit : value <= limit)) found = level;
  }
  return found;
}

/** A figure's status on screens: 蓝/黄 are a warning, 橙/红 critical. */
export function statusOf(value: number | null, t: Thresholds | undefined): Status {
  if (value === null) return 'nodata';
  if (t === undefined) return 'normal';
  const level = levelOf(value, t);
  if (level === null) return 'normal';
  return alertRank(level) >= alertRank('orange') ? 'critical' : 'warning';
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** Newest event time among the aggregates, or null. */
function asOf(aggs: readonly (Aggregate | undefined)[]): number | null {
  let t = -Infinity;
  for (const a of aggs) if (a !== undefined && a.count > 0 && a.lastTs > t) t = a.lastTs;
  return Number.isFinite(t) ? t : null;
}

interface Raw {
  value: number | null;
  used: (Aggregate | undefined)[];
  aqi?: VitalReading['aqi'];
  /** The denominator's size, for rates; the places reporting, for gauges. */
  sample?: number;
  /** Every place of the gauge is shut now: nothing is due. */
  closed?: true;
}

function withSuffix(series: string, type: string | undefined): string {
  return type === undefined ? series : `${series}|${type}`;
}

/** The unrounded value of a metric in a scope; `type` narrows series to one event type. */
function compute(def: MetricDef, scope: string, ctx: EvalContext, type?: string): Raw {
  const c = def.compute;
  const r = (w: MetricWindow, series: string) => ctx.reader.read(w, withSuffix(series, type), scope);
  switch (c.kind) {
    case 'window': {
      const agg = r(c.window, c.series);
      const v = pick(agg, c.agg);
      return { value: v === null ? null : v * (c.scale ?? 1), used: [agg] };
    }
    case 'ratio': {
      const num = r(c.window, c.num.series);
      const den = r(c.window, c.den.series);
      const n = pick(num, c.num.agg);
      const d = pick(den, c.den.agg);
      return { value: n === null || d === null || d === 0 ? null : (n / d) * 100, used: [num, den], sample: den?.count ?? 0 };
    }
    case 'net': {
      const plus = r(c.window, c.plus.series);
      const minus = r(c.window, c.minus.series);
      const p = pick(plus, c.plus.agg);
      const m = pick(minus, c.minus.agg);
      return { value: p === null || m === null ? null : Math.max(0, p - m), used: [plus, minus] };
    }
    case 'gauge': {
      // A shut place has no reading due: its last one (before closing) is not "now".
      const all = ctx.places.in(scope, c.places);
      const open = ctx.now === undefined ? all : all.filter((p) => ctx.places.isOpen(p, ctx.now!));
      if (all.length > 0 && open.length === 0) return { value: null, used: [], closed: true };
      const latest = open.map((p) => ctx.reader.latest(c.series, siteScope(p.id)));
      // A mean weighs each place by the devices it stands for (a fleet reports its share online).
      let sum = 0;
      let weighted = 0;
      let weights = 0;
      latest.forEach((a, i) => {
        if (a === undefined) return;
        const w = open[i]!.weight ?? 1;
        sum += a.last;
        weighted += w * a.last;
        weights += w;
      });
      if (weights === 0) return { value: null, used: latest };
      return { value: (c.agg === 'sum' ? sum : weighted / weights) * (c.scale ?? 1), used: latest, sample: weights };
    }
    case 'gauge_ratio': {
      let num = 0;
      let den = 0;
      const used: (Aggregate | undefined)[] = [];
      for (const p of ctx.places.in(scope, c.places)) {
        const n = ctx.reader.latest(c.num, siteScope(p.id));
        const d = ctx.reader.latest(c.den, siteScope(p.id));
        // A place counts only when both sides of its latest report are known.
        if (n === undefined || d === undefined) continue;
        num += n.last;
        den += d.last;
        used.push(n, d);
      }
      return { value: den === 0 ? null : (num / den) * 100, used };
    }
    case 'capacity_use': {
      let inside = 0;
      let capacity = 0;
      const used: (Aggregate | undefined)[] = [];
      for (const p of ctx.places.in(scope, 'scenic')) {
        if (p.capacity === undefined) continue;
        const plus = ctx.reader.read('today', c.plus, siteScope(p.id));
        const minus = ctx.reader.read('today', c.minus, siteScope(p.id));
        inside += Math.max(0, (pick(plus, 'sum') ?? 0) - (pick(minus, 'sum') ?? 0));
        capacity += p.capacity;
        used.push(plus, minus);
      }
      return { value: capacity === 0 ? null : (inside / capacity) * 100, used };
    }
    case 'aqi': {
      const aggs = POLLUTANTS.map((p) => r('trailing1h', `air.reading.${p}`));
      const conc: Partial<Record<Pollutant, number>> = {};
      POLLUTANTS.forEach((p, i) => {
        const agg = aggs[i];
        if (agg !== undefined && agg.count > 0) conc[p] = mean(agg);
      });
      const result = hourlyAqi(conc);
      if (result === null) return { value: null, used: [] };
      return { value: result.aqi, used: aggs, aqi: toAqiDetail(result) };
    }
    case 'good_days': {
      if (ctx.daily === undefined || ctx.today === undefined || ctx.yearStart === undefined) return { value: null, used: [] };
      const levels = ctx.daily.levels(scope, ctx.yearStart, ctx.today);
      if (levels.length === 0) return { value: null, used: [] };
      return { value: (levels.filter((l) => l <= 2).length / levels.length) * 100, used: [], sample: levels.length };
    }
  }
}

/** Whether a metric's thresholds apply to a scope (the city, or a division). */
export function appliesIn(def: MetricDef, scope: string): boolean {
  return def.judgedIn === undefined || def.judgedIn === 'all' || (def.judgedIn === 'city') === (scope === CITY_SCOPE);
}

/** Evaluates one catalogue metric for one scope. Values are rounded to the metric's decimals
 * so that noise below display precision never produces a delta. */
export function evaluateMetric(def: MetricDef, scope: string, ctx: EvalContext): VitalReading {
  const raw = compute(def, scope, ctx);
  const value = raw.value === null ? null : roundTo(raw.value, def.decimals);
  const judged = appliesIn(def, scope) && (def.minSample === undefined || raw.sample === undefined || raw.sample >= def.minSample);
  const reading: VitalReading = { value, status: statusOf(value, judged ? ctx.thresholds(def) : undefined), asOf: asOf(raw.used) };
  if (raw.sample !== undefined) reading.sample = raw.sample;
  if (raw.aqi !== undefined) reading.aqi = raw.aqi;
  if (raw.closed) reading.closed = true;
  if (def.split !== undefined) {
    const parts: Record<string, number | null> = {};
    if (def.split.by === 'type') {
      for (const t of def.split.types) {
        const v = compute(def, scope, ctx, t).value;
        parts[t] = v === null ? null : roundTo(v, def.decimals);
      }
    } else {
      for (const p of ctx.places.in(scope, def.split.places)) {
        const v = compute(def, siteScope(p.id), ctx).value;
        parts[p.id] = v === null ? null : roundTo(v, def.decimals);
      }
    }
    reading.parts = parts;
  }
  return reading;
}

export function evaluateAll(catalogue: readonly MetricDef[], scope: string, ctx: EvalContext): Map<string, VitalReading> {
  const out = new Map<string, VitalReading>();
  for (const def of catalogue) out.set(def.id, evaluateMetric(def, scope, ctx));
  return out;
}

function sameParts(a: VitalReading['parts'], b: VitalReading['parts']): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** Same `asOf`, or (with a step) both in the same step: a move within it is not worth sending. */
function sameAsOf(a: number | null, b: number | null, stepMs: number): boolean {
  if (a === null || b === null || stepMs <= 0) return a === b;
  return Math.floor(a / stepMs) === Math.floor(b / stepMs);
}

/** Equal readings; with `asOfStepMs`, an `asOf` that moved within one step counts as unchanged. */
export function sameReading(a: VitalReading, b: VitalReading, asOfStepMs = 0): boolean {
  if (a.value !== b.value || a.status !== b.status || !sameAsOf(a.asOf, b.asOf, asOfStepMs) || a.sample !== b.sample || a.closed !== b.closed || !sameParts(a.parts, b.parts)) return false;
  if (a.aqi === undefined || b.aqi === undefined) return a.aqi === b.aqi;
  return a.aqi.level === b.aqi.level && a.aqi.primary.join() === b.aqi.primary.join() && POLLUTANTS.every((p) => a.aqi!.iaqi[p] === b.aqi!.iaqi[p]);
}
