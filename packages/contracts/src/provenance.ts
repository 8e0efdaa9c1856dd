import { z } from 'zod';

/**
 * Which registered data sources feed each figure, and how fresh they are: a source feeds the
 * figures computed from the event kinds it is registered for (sources allowed any kind are
 * not listed: what they feed cannot be told). Reply of GET /api/v1/provenance.
 */
export const figureSourceSchema = z.object({
  name: z.string(),
  lastEventAt: z.number().nullable(),
  /** Its expected reporting interval, seconds; null when it has none. */
  intervalSec: z.number().nullable(),
  /** Silent past its interval: the figures it feeds are shown stale, naming it. */
  stale: z.boolean(),
});
export type FigureSource = z.infer<typeof figureSourceSchema>;

export const provenanceSchema = z.record(z.string(), z.array(figureSourceSchema));
export type Provenance = z.infer<typeof provenanceSchema>;
