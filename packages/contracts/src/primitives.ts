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

/** A short name people type (a department's): trimmed, 1–64 characters, no control characters. */
export const shortNameSchema = z
  .string()
  .trim()
  .min(1, 'a name cannot be blank')
  .max(64)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'a name cannot contain control characters');
export const localizedNameSchema = z.object({ zh: shortNameSchema, en: shortNameSchema });

/** [lon, lat], WGS-84. */
export const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
