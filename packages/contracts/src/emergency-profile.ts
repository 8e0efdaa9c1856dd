import { z } from 'zod';
import { divisionCodeSchema, localizedSchema, lonLatSchema } from './primitives.ts';

/**
 * The emergency section of a city profile (sub-types, response plans, reference resources,
 * reporting limits) and the classification it is written in. The emergency record and its
 * commands are in emergency.ts; docs/emergency.md describes both.
 */

export const emergencyItemIdSchema = z.string().regex(/^[a-z0-9_-]{1,48}$/, 'id: 1-48 lowercase letters, digits, _ or -');
/** Same form as the profile's department ids (and cases' departmentIdSchema). */
const departmentRefSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'department id: 1-64 letters, digits, _ . : or -');

// ---- classification -----------------------------------------------------------------

/** The four classes of 《突发事件应对法》. Sub-types are data in the profile. */
export const EMERGENCY_CATEGORIES = ['natural', 'accident', 'public_health', 'social_safety'] as const;
export const emergencyCategorySchema = z.enum(EMERGENCY_CATEGORIES);
export type EmergencyCategory = z.infer<typeof emergencyCategorySchema>;

/** 1 = Ⅰ 特别重大 (most severe) … 4 = Ⅳ 一般. "Higher level" means a smaller number. */
export const EMERGENCY_LEVELS = [1, 2, 3, 4] as const;
export const emergencyLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type EmergencyLevel = z.infer<typeof emergencyLevelSchema>;

// ---- profile data: sub-types, plans, resources ------------------------------------------

export const emergencySubtypeSchema = z.object({
  id: emergencyItemIdSchema,
  category: emergencyCategorySchema,
  name: localizedSchema,
});
export type EmergencySubtype = z.infer<typeof emergencySubtypeSchema>;

export const RESOURCE_KINDS = ['shelter', 'rescue_team', 'hospital', 'fire_station', 'supply_depot', 'water_gauge'] as const;
export const resourceKindSchema = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof resourceKindSchema>;

/** A reference resource (应急资源) on the map. Figures a kind does not have are omitted. */
export const emergencyResourceSchema = z.object({
  id: emergencyItemIdSchema,
  kind: resourceKindSchema,
  name: localizedSchema,
  division: divisionCodeSchema,
  location: lonLatSchema,
  /** Shelters: people it holds. */
  capacity: z.number().int().positive().optional(),
  /** Hospitals: beds. */
  beds: z.number().int().positive().optional(),
  /** Rescue teams and fire stations: members on call. */
  members: z.number().int().positive().optional(),
  /** Water gauges: the warning stage (警戒水位) in metres. */
  warningLevelM: z.number().optional(),
  phone: z.string().max(32).optional(),
});
export type EmergencyResource = z.infer<typeof emergencyResourceSchema>;

export const checklistTemplateSchema = z.object({ id: emergencyItemIdSchema, text: localizedSchema });

/** One response of a plan: what is done at some levels (e.g. Ⅰ–Ⅱ, or Ⅲ–Ⅳ). */
export const planResponseSchema = z.object({
  levels: z.array(emergencyLevelSchema).min(1),
  /** Who commands (指挥长), e.g. 市政府分管副市长. */
  commander: localizedSchema,
  leadDepartment: departmentRefSchema,
  linkedDepartments: z.array(departmentRefSchema),
  checklist: z.array(checklistTemplateSchema).min(1),
  /** Who the reports go to, in order (报送链), e.g. 市委总值班室 → 省应急管理厅. */
  reportingChain: z.array(localizedSchema).min(1),
});
export type PlanResponse = z.infer<typeof planResponseSchema>;

/** A response plan (应急预案) for one category and some of its sub-types. */
export const emergencyPlanSchema = z.object({
  id: emergencyItemIdSchema,
  name: localizedSchema,
  category: emergencyCategorySchema,
  subtypes: z.array(emergencyItemIdSchema).min(1),
  /** Resource kinds the map shows around the incident. */
  resourceKinds: z.array(resourceKindSchema).min(1),
  /** Vital-sign metric ids (packages/metrics catalogue) that matter for this plan. */
  metrics: z.array(z.string().min(1)).default([]),
  responses: z.array(planResponseSchema).min(1),
});
export type EmergencyPlan = z.infer<typeof emergencyPlanSchema>;

export const REPORT_CHANNELS = ['phone', 'written'] as const;
export const reportChannelSchema = z.enum(REPORT_CHANNELS);
export type ReportChannel = z.infer<typeof reportChannelSchema>;

/** A reporting time limit: for levels at `maxLevel` or more severe, report by `channel` within `minutes`. */
export const reportDeadlineRuleSchema = z.object({
  channel: reportChannelSchema,
  maxLevel: emergencyLevelSchema,
  minutes: z.number().int().positive(),
});
export type ReportDeadlineRule = z.infer<typeof reportDeadlineRuleSchema>;

/** The profile's `emergency` section. */
export const emergencyProfileSchema = z.object({
  subtypes: z.array(emergencySubtypeSchema).min(1),
  plans: z.array(emergencyPlanSchema).default([]),
  resources: z.array(emergencyResourceSchema).default([]),
  reportDeadlines: z.array(reportDeadlineRuleSchema).default([]),
  /** A linked department that has not responded this long after being notified is flagged. */
  silenceMinutes: z.number().int().positive().default(15),
  /** Speed for straight-line ETA estimates. */
  etaSpeedKmh: z.number().positive().default(40),
  /** Who signs the reports (报告单位); defaults to the city's operations centre. */
  reportingUnit: localizedSchema.optional(),
});
export type EmergencyProfile = z.infer<typeof emergencyProfileSchema>;
