import { z } from 'zod';

/**
 * A city profile: everything that makes the system "Shaoyang" rather than another city.
 * The server loads it from data files; screens receive it over HTTP.
 */

export const divisionCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'division code: 1-32 letters, digits, _ or -');
export type DivisionCode = z.infer<typeof divisionCodeSchema>;

/** The scope of a figure: the whole city or one division. */
export const CITY_SCOPE = 'city';
export const scopeSchema = z.union([z.literal(CITY_SCOPE), divisionCodeSchema]);
export type Scope = z.infer<typeof scopeSchema>;

export const localizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const divisionSchema = z.object({
  code: divisionCodeSchema,
  name: localizedSchema,
  /** Label point, [lon, lat]. */
  center: lonLatSchema,
});
export type Division = z.infer<typeof divisionSchema>;

export const airStationSchema = z.object({
  id: z.string().min(1),
  name: localizedSchema,
  division: divisionCodeSchema,
  location: lonLatSchema,
});
export type AirStation = z.infer<typeof airStationSchema>;

export const cityProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: localizedSchema,
  /** IANA zone; "today" figures roll over at local midnight. */
  timeZone: z.string().min(1),
  /** Fixed UTC offset in minutes for the zone (no DST in the supported zones). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  divisions: z.array(divisionSchema).min(1),
  airStations: z.array(airStationSchema),
});
export type CityProfile = z.infer<typeof cityProfileSchema>;
