import { z } from 'zod';
import { alertLevelSchema } from './thresholds.ts';
import { channelSchema } from './cases.ts';
import { emergencyCategorySchema, emergencyLevelSchema } from './emergency-profile.ts';
import { domainSchema, statusSchema } from './metrics.ts';
import { localizedSchema } from './primitives.ts';

/**
 * The daily briefing (城市运行日报): one local day of the city, compiled from stored data
 * only (closed day windows, daily AQI, alerts, case histories, emergencies) by
 * @cw/briefing. The definitions of every figure are in docs/briefing.md.
 */

/** A local calendar day in the city's time zone, YYYY-MM-DD. */
export const briefingDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar day');
export type BriefingDay = z.infer<typeof briefingDaySchema>;

const nullableNumber = z.number().nullable();

/** One key figure of a domain for the day, against the day before and the same day last week. */
export const briefingFigureSchema = z.object({
  metric: z.string(),
  domain: domainSchema,
  name: localizedSchema,
  unit: z.object({ zh: z.string(), en: z.string() }),
  decimals: z.number().int(),
  value: nullableNumber,
  previousDay: nullableNumber,
  lastWeek: nullableNumber,
  /** value − previousDay, value − lastWeek (in the figure's unit); null when either is unknown. */
  changeDay: nullableNumber,
  changeWeek: nullableNumber,
  /** The same as a percentage of the earlier value; null when that is unknown or 0. */
  changeDayPct: nullableNumber,
  changeWeekPct: nullableNumber,
  /** The day's value judged against the thresholds in force. */
  status: statusSchema,
  /** The eight daily values ending with the day (oldest first), for the chart. */
  days: z.array(z.object({ day: z.string(), value: nullableNumber })),
});
export type BriefingFigure = z.infer<typeof briefingFigureSchema>;

export const briefingAlertSchema = z.object({
  id: z.string(),
  metric: z.string(),
  /** The metric's name from the catalogue (its id when the catalogue no longer has it). */
  name: localizedSchema,
  domain: domainSchema.nullable(),
  scope: z.string(),
  level: alertLevelSchema,
  value: z.number(),
  threshold: z.number(),
  raisedAt: z.number(),
  /** When it went back to normal, if that was before the day ended; else null (still crossing). */
  clearedAt: nullableNumber,
  /** Raised to cleared, or to the end of the day while still crossing. */
  durationMs: z.number().int().nonnegative(),
});
export type BriefingAlert = z.infer<typeof briefingAlertSchema>;

export const briefingAlertsSchema = z.object({
  raised: z.number().int(),
  /** Raised at each level (an escalated alert at its highest). */
  byLevel: z.object({ red: z.number().int(), orange: z.number().int(), yellow: z.number().int(), blue: z.number().int() }),
  /** Still crossing when the day ended. */
  ongoing: z.number().int(),
  /** Median and longest duration of those that cleared within the day; null when none did. */
  medianClearedMs: nullableNumber,
  longestMs: nullableNumber,
  byDomain: z.array(z.object({ domain: domainSchema, raised: z.number().int() })),
  /** Alerts raised in each local hour, 0–23. */
  byHour: z.array(z.number().int()).length(24),
  /** Longest first. */
  items: z.array(briefingAlertSchema),
});
export type BriefingAlerts = z.infer<typeof briefingAlertsSchema>;

const caseCounts = {
  received: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
};

export const briefingCasesSchema = z.object({
  ...caseCounts,
  /** By the department in charge (null = not yet dispatched), most received first. */
  byDepartment: z.array(z.object({ department: z.string().nullable(), name: localizedSchema.nullable(), ...caseCounts })),
  byChannel: z.array(z.object({ channel: channelSchema, ...caseCounts })),
});
export type BriefingCases = z.infer<typeof briefingCasesSchema>;

export const briefingEmergencySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: emergencyCategorySchema,
  /** The response level as the record holds it when compiled. */
  level: emergencyLevelSchema,
  division: z.string(),
  drill: z.boolean(),
  declaredAt: z.number(),
  /** Stood down within or before the day's end; null while it was still active then. */
  standDownAt: nullableNumber,
});
export type BriefingEmergency = z.infer<typeof briefingEmergencySchema>;

/** Counts are of real emergencies only; drills are counted apart and marked in the list. */
export const briefingEmergenciesSchema = z.object({
  declared: z.number().int(),
  stoodDown: z.number().int(),
  activeAtEnd: z.number().int(),
  drills: z.number().int(),
  items: z.array(briefingEmergencySchema),
});
export type BriefingEmergencies = z.infer<typeof briefingEmergenciesSchema>;

/** A figure in a scope (the city or a division) that moved most against the same day last week. */
export const briefingTrendSchema = z.object({
  metric: z.string(),
  name: localizedSchema,
  unit: z.object({ zh: z.string(), en: z.string() }),
  scope: z.string(),
  scopeName: localizedSchema,
  value: z.number(),
  lastWeek: z.number(),
  changePct: z.number(),
});
export type BriefingTrend = z.infer<typeof briefingTrendSchema>;

export const briefingSchema = z.object({
  day: briefingDaySchema,
  /** The local day as [start, end) in ms. */
  dayStart: z.number(),
  dayEnd: z.number(),
  timeZone: z.string(),
  city: localizedSchema,
  compiledAt: z.number(),
  figures: z.array(briefingFigureSchema),
  alerts: briefingAlertsSchema,
  cases: briefingCasesSchema,
  emergencies: briefingEmergenciesSchema,
  trends: z.array(briefingTrendSchema),
});
export type Briefing = z.infer<typeof briefingSchema>;

/** GET /api/v1/briefings: the stored briefings, newest first, with a few headline figures. */
export const briefingSummarySchema = z.object({
  day: briefingDaySchema,
  compiledAt: z.number(),
  alerts: z.number().int(),
  casesReceived: z.number().int(),
  emergencies: z.number().int(),
});
export type BriefingSummary = z.infer<typeof briefingSummarySchema>;
