import { z } from 'zod';

export const thresholdsSchema = z
  .object({
    warning: z.number(),
    critical: z.number(),
    /** Which direction is bad: "high" means values at or beyond the limits upwards are bad. */
    bad: z.enum(['high', 'low']),
  })
  .refine((t) => (t.bad === 'high' ? t.critical >= t.warning : t.critical <= t.warning), {
    message: 'critical must lie beyond warning in the bad direction',
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;
