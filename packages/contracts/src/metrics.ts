import { z } from 'zod';
import { localizedSchema } from './profile.ts';

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

const seriesSchema = z.string().regex(/^[a-z0-9_.]+$/);

export const metricComputeSchema = z.discriminatedUnion('kind', [
  /** Live AQI (HJ 633-2012 hourly form) from trailing-hour means of the six pollutants. */
  z.object({ kind: z.literal('aqi') }),
  z.object({ kind: z.literal('window'), series: seriesSchema, agg: aggSchema, window: metricWindowSchema }),
  /** num / den × 100, in percent. */
  z.object({
    kind: z.literal('ratio'),
    num: z.object({ series: seriesSchema, agg: aggSchema }),
    den: z.object({ series: seriesSchema, agg: aggSchema }),
    window: metricWindowSchema,
  }),
]);
export type MetricCompute = z.infer<typeof metricComputeSchema>;

export const thresholdsSchema = z
  .object({
    warning: z.number(),
    critical: z.number(),
    /** Which direction is bad: "high" means values at or above the limits are bad. */
    bad: z.enum(['high', 'low']),
  })
  .refine((t) => (t.bad === 'high' ? t.critical >= t.warning : t.critical <= t.warning), {
    message: 'critical must lie beyond warning in the bad direction',
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const metricDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_.]*$/),
  domain: domainSchema,
  name: localizedSchema,
  /** Unit as shown; empty for dimensionless indices. */
  unit: z.string(),
  decimals: z.number().int().min(0).max(4),
  compute: metricComputeSchema,
  thresholds: thresholdsSchema.optional(),
  /** Expected update interval; older figures are shown with their age. */
  staleAfterSec: z.number().int().positive(),
});
export type MetricDef = z.infer<typeof metricDefSchema>;

export const statusSchema = z.enum(['normal', 'warning', 'critical', 'nodata']);
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
});
export type VitalReading = z.infer<typeof vitalReadingSchema>;
