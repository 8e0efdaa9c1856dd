import { z } from 'zod';
import { thresholdsSchema } from './thresholds.ts';
import { divisionCodeSchema, localizedNameSchema, localizedSchema, lonLatSchema } from './primitives.ts';
import { emergencyProfileSchema } from './emergency-profile.ts';
import { caseSubCategoriesSchema } from './case-categories.ts';
import { caseRoleOverridesSchema } from './cases.ts';

/**
 * A city profile: everything that makes the system "Shaoyang" rather than another city.
 * The server loads it from data files; screens receive it over HTTP.
 */

export { divisionCodeSchema, localizedSchema, type DivisionCode, type Localized } from './primitives.ts';

/** The scope of a figure: the whole city or one division. */
export const CITY_SCOPE = 'city';
export const scopeSchema = z.union([z.literal(CITY_SCOPE), divisionCodeSchema]);
export type Scope = z.infer<typeof scopeSchema>;

export const divisionSchema = z.object({
  code: divisionCodeSchema,
  name: localizedSchema,
  /** Label point, [lon, lat]. */
  center: lonLatSchema,
  /** Resident population (常住人口, census): how busy the division is in the simulator. */
  population: z.number().int().positive().optional(),
});
export type Division = z.infer<typeof divisionSchema>;

export const airStationSchema = z.object({
  id: z.string().min(1),
  name: localizedSchema,
  division: divisionCodeSchema,
  location: lonLatSchema,
  /**
   * An urban assessment station (国控点): the city's own AQI and share of good days are
   * assessed from these alone (HJ 663). When no station says so, every station counts.
   */
  national: z.boolean().optional(),
});
export type AirStation = z.infer<typeof airStationSchema>;

/**
 * Places that report events: service halls, hospitals, scenic areas, hotels, surface-water
 * monitoring sections. Figures can be broken down by site, and gauges ("people queuing
 * now") sum the latest reading of each site in a scope.
 */
export const siteTypeSchema = z.enum(['hall', 'hospital', 'scenic', 'hotel', 'water_section']);
export type SiteType = z.infer<typeof siteTypeSchema>;

export const siteSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,48}$/),
  type: siteTypeSchema,
  name: localizedSchema,
  /**
   * The name as lists and charts print it where a row has one or two lines (邵阳市中医医院 →
   * "Shaoyang TCM Hospital"): for names that wrap past two lines in a wall's list. Optional.
   */
  shortName: localizedSchema.optional(),
  division: divisionCodeSchema,
  location: lonLatSchema,
  /** Scenic areas: the maximum number of visitors at once (承载量), for capacity use. */
  capacity: z.number().int().positive().optional(),
  /** Water sections: the target class (1 = Ⅰ … 5 = Ⅴ) the section must meet. */
  targetClass: z.number().int().min(1).max(5).optional(),
  /** A municipal site serving the whole city (市本级, e.g. the city's 市民之家), not only its division. */
  servesCity: z.boolean().optional(),
  /**
   * Opening hours on the working days of the profile's calendar (closed on other days), local
   * "HH:MM", ascending. Outside them the place reports nothing and its gauges read "closed".
   */
  openingHours: z
    .array(z.object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/) }))
    .min(1)
    .max(4)
    .refine((periods) => periods.every((p, i) => p.start < p.end && (i === 0 || periods[i - 1]!.end <= p.start)), 'opening hours must be non-empty, ascending and not overlapping')
    .optional(),
});
export type Site = z.infer<typeof siteSchema>;

/** Video cameras (视频监控) and IoT sensors (物联感知). */
export const deviceTypeSchema = z.enum(['camera', 'water_level', 'smoke', 'manhole', 'noise', 'gas']);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const deviceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,48}$/),
  type: deviceTypeSchema,
  name: localizedSchema,
  division: divisionCodeSchema,
  location: lonLatSchema,
  /** HLS playlist (.m3u8) of a camera's live stream, when it has one. */
  streamUrl: z.url().optional(),
});
export type Device = z.infer<typeof deviceSchema>;

/**
 * Devices of one type in one division that the profile does not list one by one (the video
 * or IoT platform's directory for that division: thousands of cameras, hundreds of sensors).
 * A fleet reports as one place: its `device.status` is the share of its devices online, and
 * gauges weigh it by `count`.
 */
export const deviceFleetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,48}$/),
  type: deviceTypeSchema,
  name: localizedSchema,
  division: divisionCodeSchema,
  count: z.number().int().min(1).max(1_000_000),
});
export type DeviceFleet = z.infer<typeof deviceFleetSchema>;

/**
 * Departments cases are dispatched to (承办单位): city bureaus and the county and district
 * governments. `categories` lists what they usually handle, to suggest a department.
 */
export const departmentSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  name: localizedNameSchema,
  kind: z.enum(['bureau', 'government', 'rescue']),
  /** For county and district governments: their division. */
  division: divisionCodeSchema.optional(),
  categories: z.array(z.string().max(64)).max(64).default([]),
});
export type Department = z.infer<typeof departmentSchema>;

export const cityProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: localizedSchema,
  /** IANA zone; "today" figures roll over at local midnight. */
  timeZone: z.string().min(1),
  /** Fixed UTC offset in minutes for the zone (no DST in the supported zones). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  divisions: z.array(divisionSchema).min(1),
  airStations: z.array(airStationSchema),
  sites: z.array(siteSchema).default([]),
  devices: z.array(deviceSchema).default([]),
  deviceFleets: z.array(deviceFleetSchema).default([]),
  departments: z.array(departmentSchema).default([]),
  /** Public holidays (YYYY-MM-DD) and adjusted working days (调休) for case time limits. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  /**
   * For years `holidays` does not cover: 'cn-statutory' takes the PRC's statutory public
   * holidays, provisionally and without 调休 (packages/dispatch, statutory.ts).
   */
  holidayFallback: z.enum(['cn-statutory']).optional(),
  /** The case category tree's sub-categories (小类) with their limits (docs/dispatch.md). */
  caseCategories: caseSubCategoriesSchema.default([]),
  /** Who may register (立案) and close (结案) cases, when not as the permission table says. */
  dispatchRoles: caseRoleOverridesSchema.optional(),
  /** Per-city threshold overrides, by metric id; the catalogue holds the defaults. */
  thresholds: z.record(z.string(), thresholdsSchema).default({}),
  /** Emergency response: sub-types, plans, reference resources, reporting limits (docs/emergency.md). */
  emergency: emergencyProfileSchema.optional(),
});
export type CityProfile = z.infer<typeof cityProfileSchema>;

/** Scope of one site's own windows: `site:<id>`. */
export const siteScope = (id: string) => `site:${id}`;
