import { z } from 'zod';

/**
 * Schemas the profile and the emergency plans both build on; kept apart so that profile.ts
 * can embed the emergency section without an import cycle.
 */

export const divisionCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'division code: 1-32 letters, digits, _ or -');
export type DivisionCode = z.infer<typeof divisionCodeSchema>;

export const localizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

/** [lon, lat], WGS-84. */
export const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
