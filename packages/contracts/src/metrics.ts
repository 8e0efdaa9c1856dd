import { z } from 'zod';
import { localizedSchema } from './profile.ts';
import { thresholdsSchema } from './thresholds.ts';

/**
 * The vital-sign catalogue's shape. The catalogue itself is data (packages/metrics);
 * screens, alerts and the API all read that one catalogue.
 */

export const domainSchema = z.enum(['government', 'environment', 'safety', 'livelihood', 'tourism']);
export type Domain = z.infer<typeof domainSchema>;

export const pollutantSchema = z.enum(['pm25', 'pm10', 'so2', 'no2', 'co', 'o3']);
export type Pollutant = z.infer<typeof pollutantSchema>;
export const POLLUTANTS = pollutantSchema.options;

/** HJ 633-2012 air-quality categories, 1 = 优 … 6 = 严重污染. */
export const aqiLevelSchema = z.number().int().min(1).max(6);
export type AqiLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** Aggregates the rollup engine keeps per window. */
export const aggSchema = z.enum(['count', 'sum', 'mean', 'min', 'max', 'last']);
export type Agg = z.infer<typeof aggSchema>;

/**
 * Which window a figure is read from: the open local day ("today"), the open clock hour,
 * or the trailing 60 minutes (from 1-minute windows; the smoothest live figure).
 */
export const metricWindowSchema = z.enum(['today', 'hour', 'trailing1h']);
export type MetricWindow = z.infer<typeof metricWindowSchema>;

const seriesSchema = z.string().regex(/^[A-Za-z0-9_.|-]+$/);
const termSchema = z.object({ series: seriesSchema, agg: aggSchema });

/** Kinds of places a gauge or a per-site split reads: site types and device types. */
export const placeKindSchema = z.enum(['hall', 'hospital', 'scenic', 'hotel', 'water_section', 'camera', 'sensor']);
export type PlaceKind = z.infer<typeof placeKindSchema>;

/**
 * How a figure is rolled up from the windows of raw-event series. Series are named by
 * packages/metrics/src/observe.ts: `<kind>` (one per event), `<kind>.<field>`, and with a
 * type, `<kind>|<type>` and `<kind>.<field>|<type>`.
 */
export const metricComputeSchema = z.discriminatedUnion('kind', [
  /** Live AQI (HJ 633-2012 hourly form) from trailing-hour means of the six pollutants. */
  z.object({ kind: z.literal('aqi') }),
  /** One aggregate of one series over a window, times `scale`. */
  z.object({ kind: z.literal('window'), series: seriesSchema, agg: aggSchema, window: metricWindowSchema, scale: z.number().optional() }),
  /** num / den × 100, in percent. */
  z.object({ kind: z.literal('ratio'), num: termSchema, den: termSchema, window: metricWindowSchema }),
  /** plus − minus over a window (e.g. visitors inside = entries − exits today). */
  z.object({ kind: z.literal('net'), plus: termSchema, minus: termSchema, window: metricWindowSchema }),
  /**
   * The latest reading of each place of a kind within the last 24 h, summed or averaged
   * over the places in scope (e.g. people queuing now; cameras online). Times `scale`.
   */
  z.object({ kind: z.literal('gauge'), series: seriesSchema, agg: z.enum(['sum', 'mean']), places: placeKindSchema, scale: z.number().optional() }),
  /** Σ latest(num) / Σ latest(den) × 100 over the places in scope (e.g. bed occupancy). */
  z.object({ kind: z.literal('gauge_ratio'), num: seriesSchema, den: seriesSchema, places: placeKindSchema }),
  /** (plus − minus) today / Σ capacity × 100 over the scenic areas in scope (承载率). */
  z.object({ kind: z.literal('capacity_use'), plus: seriesSchema, minus: seriesSchema }),
  /** Share of days this year, before today, whose daily AQI was 优 or 良 (≤ 100). */
  z.object({ kind: z.literal('good_days') }),
]);
export type MetricCompute = z.infer<typeof metricComputeSchema>;

/**
 * A figure's breakdown, sent as `parts` on its readings: by event type (the `type` values
 * listed) or by place (every place of the kind in scope, keyed by its id).
 */
export const metricSplitSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('type'), types: z.array(z.string().min(1)).min(1) }),
  z.object({ by: z.literal('place'), places: placeKindSchema }),
]);
export type MetricSplit = z.infer<typeof metricSplitSchema>;

export { thresholdsSchema, type Thresholds } from './thresholds.ts';

export const metricDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_.]*$/),
  domain: domainSchema,
  name: localizedSchema,
  /** Unit as shown, per language; empty for dimensionless indices. */
  unit: z.object({ zh: z.string(), en: z.string() }),
  decimals: z.number().int().min(0).max(4),
  compute: metricComputeSchema,
  split: metricSplitSchema.optional(),
  thresholds: thresholdsSchema.optional(),
  /**
   * Below this many events in a rate's denominator, or places reporting to a gauge, the
   * figure is shown but not judged against thresholds (a quiet county's 2-of-3 is not an
   * alert, nor is one of a county's three sensors going offline).
   */
  minSample: z.number().int().positive().optional(),
  /**
   * Where the thresholds apply: a division's figure, the city's, or both. Counts and sums
   * are judged per division (the city total is their sum, not a bigger division); the
   * 12345 centre answers for the whole city, so its answer rate is judged for the city.
   * Both when left out.
   */
  /** Whether crossing the thresholds raises alerts (the default), or only colours the figure. */
  raisesAlerts: z.boolean().optional(),
  judgedIn: z.enum(['all', 'divisions', 'city']).optional(),
  /** Shown among the domain's key figures on the overview. */
  key: z.boolean().default(false),
  /** Staleness budget: a figure whose newest event is older than this is shown with its
   * age, and the wall reports DEGRADED. Event-driven counts get budgets long enough for
   * quiet nights and closed weekends. */
  staleAfterSec: z.number().int().positive(),
});
export type MetricDef = z.infer<typeof metricDefSchema>;
export type MetricDefInput = z.input<typeof metricDefSchema>;

/** A figure's status. The order is part of the realtime protocol (a packed reading sends the index). */
export const STATUSES = ['normal', 'warning', 'critical', 'nodata'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export const aqiDetailSchema = z.object({
  level: aqiLevelSchema,
  /** Primary pollutants (首要污染物), empty when AQI ≤ 50. */
  primary: z.array(pollutantSchema),
  iaqi: z.partialRecord(pollutantSchema, z.number()),
});
export type AqiDetail = z.infer<typeof aqiDetailSchema>;

/** One figure as pushed to screens: the value of a metric for a scope. */
export const vitalReadingSchema = z.object({
  value: z.number().nullable(),
  status: statusSchema,
  /** Event time of the newest raw event behind the figure, ms; null when there is none. */
  asOf: z.number().nullable(),
  aqi: aqiDetailSchema.optional(),
  /** The figure's breakdown when the metric has a split: type or place id → value. */
  parts: z.record(z.string(), z.number().nullable()).optional(),
  /** Events in a rate's denominator, or places reporting to a gauge: how much the figure rests on. */
  sample: z.number().int().nonnegative().optional(),
  /** A gauge whose places are all shut by their opening hours: no reading is due, none is late. */
  closed: z.literal(true).optional(),
});
export type VitalReading = z.infer<typeof vitalReadingSchema>;
