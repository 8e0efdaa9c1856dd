import { z } from 'zod';
import { divisionCodeSchema } from './profile.ts';

/**
 * Raw events: individual readings and records as a source reports them, never totals.
 * Every figure on a screen is rolled up from these by the server.
 */

/** Events may be at most this far ahead of the server clock (clock skew allowance). */
export const MAX_EVENT_FUTURE_MS = 5 * 60_000;

const eventBase = {
  /** Source-assigned id, unique per source; used to drop duplicates on retry. */
  id: z.string().min(1).max(128).optional(),
  /** Event time, ms since the Unix epoch. */
  ts: z.number().int().nonnegative(),
  division: divisionCodeSchema,
};

const concentration = z.number().finite().nonnegative().max(100_000);

/** An air-quality station's reading: 1-hour-basis concentrations, µg/m³ except CO in mg/m³. */
export const airReadingSchema = z.object({
  ...eventBase,
  kind: z.literal('air.reading'),
  station: z.string().min(1).max(64),
  values: z.object({
    pm25: concentration,
    pm10: concentration,
    so2: concentration,
    no2: concentration,
    co: concentration,
    o3: concentration,
  }),
});
export type AirReading = z.infer<typeof airReadingSchema>;

export const rawEventSchema = z.discriminatedUnion('kind', [airReadingSchema]);
export type RawEvent = z.infer<typeof rawEventSchema>;
export type RawEventKind = RawEvent['kind'];

/** Body of POST /api/v1/events. */
export const ingestBatchSchema = z.object({
  events: z.array(rawEventSchema).min(1).max(5000),
});
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

export interface IngestResult {
  accepted: number;
  duplicates: number;
}
