import { z } from 'zod';
import { ROLES } from './access.ts';
import { caseIdSchema, departmentIdSchema } from './cases.ts';
import { alertOriginSchema } from './alert-link.ts';
import { divisionCodeSchema, localizedSchema, lonLatSchema } from './primitives.ts';
import {
  emergencyCategorySchema,
  emergencyItemIdSchema,
  emergencyLevelSchema,
  reportChannelSchema,
  type EmergencyLevel,
  type EmergencyResource,
} from './emergency-profile.ts';

/**
 * Emergency linkage (应急联动 · 平战结合): the emergency record (突发事件), the commands that
 * move it, and the response plans and reference resources a city profile carries.
 *
 * How the screens use it (see docs/emergency.md):
 * - Every screen subscribes to the `emergencies` topic: one `EmergencyRecord` per key (the
 *   emergency id), the active ones plus those stood down in the last 24 h. The `system`
 *   topic's mode is 'war' while any emergency is active (drills included); `leadingEmergency`
 *   in @cw/emergency picks the one the wall leads with (highest level, then earliest).
 *   Records with `drill: true` are labelled 演练 everywhere.
 * - Levels are drawn with `EMERGENCY_LEVEL_COLORS` (Ⅰ red … Ⅳ blue) and labelled with
 *   `EMERGENCY_LEVEL_LABELS`; category and sub-type names come from the profile
 *   (`profile.emergency.subtypes`) and `EMERGENCY_CATEGORY_LABELS` (all in @cw/vocabulary).
 * - The console declares with POST /api/v1/emergencies (`declareEmergencySchema`) and acts
 *   with POST /api/v1/emergencies/:id/commands (`emergencyCommandSchema`), sending the
 *   `version` it last saw; a stale version is refused with 409 and nothing changes.
 * - The department desk sends `set_department_status` and `acknowledge_instruction` for its
 *   own department; leaders send `instruct`.
 * - Resources near the incident and their ETAs: `nearestResources` in @cw/emergency over
 *   `profile.emergency.resources`, or GET /api/v1/emergencies/:id/resources.
 */

const msSchema = z.number().int().nonnegative();
const idPattern = /^[A-Za-z0-9_.:-]{1,64}$/;
export const emergencyIdSchema = z.string().regex(idPattern, 'emergency id: 1-64 letters, digits, _ . : or -');
const itemIdSchema = emergencyItemIdSchema;
const reasonSchema = z.string().trim().min(1, 'a reason is required').max(2000);
const textSchema = z.string().trim().min(1).max(4000);

// ---- the record -----------------------------------------------------------------------

export const EMERGENCY_STATUSES = ['active', 'stood_down'] as const;
export const emergencyStatusSchema = z.enum(EMERGENCY_STATUSES);
export type EmergencyStatus = z.infer<typeof emergencyStatusSchema>;

/** A linked department's progress, in order. */
export const DEPARTMENT_STATUSES = ['notified', 'responded', 'dispatched', 'on_scene', 'handling', 'done'] as const;
export const departmentStatusSchema = z.enum(DEPARTMENT_STATUSES);
export type DepartmentStatus = z.infer<typeof departmentStatusSchema>;

export const casualtiesSchema = z.object({
  deaths: z.number().int().nonnegative(),
  injured: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
});
export type Casualties = z.infer<typeof casualtiesSchema>;

/** Affected area: a circle around the location, or a drawn polygon (outer ring, [lon, lat]). */
export const affectedAreaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('radius'), radiusM: z.number().positive().max(200_000) }),
  z.object({ kind: z.literal('polygon'), ring: z.array(lonLatSchema).min(3).max(500) }),
]);
export type AffectedArea = z.infer<typeof affectedAreaSchema>;

/** Who did something: a person (with role and name at the time) or the server. */
export const emergencyActorSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum([...ROLES, 'system']),
  name: z.string().max(64),
  department: departmentIdSchema.nullable(),
});
export type EmergencyActor = z.infer<typeof emergencyActorSchema>;

export const linkedDepartmentSchema = z.object({
  department: departmentIdSchema,
  /** The plan's lead department (牵头单位). */
  lead: z.boolean(),
  status: departmentStatusSchema,
  /** When each status was reached (ms); the time each step took is the difference. */
  statusAt: z.partialRecord(departmentStatusSchema, msSchema),
  /** Set by the server when the department stayed at `notified` past the silence limit. */
  silentSince: msSchema.nullable(),
});
export type LinkedDepartment = z.infer<typeof linkedDepartmentSchema>;

export const checklistItemSchema = z.object({
  id: itemIdSchema,
  text: localizedSchema,
  doneAt: msSchema.nullable(),
  doneBy: z.string().max(64).nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** A leader's instruction (批示), addressed to departments, each of which acknowledges it. */
export const emergencyInstructionSchema = z.object({
  id: itemIdSchema,
  at: msSchema,
  by: z.string().max(64),
  text: textSchema,
  to: z.array(departmentIdSchema).min(1),
  /** Department id → when it acknowledged. Unacknowledged = `to` minus these keys. */
  acknowledgedBy: z.record(departmentIdSchema, msSchema),
});
export type EmergencyInstruction = z.infer<typeof emergencyInstructionSchema>;

export const REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export const reportKindSchema = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof reportKindSchema>;

/** A report up the chain: a draft until sent; once sent, `text` is frozen and never changes. */
export const emergencyReportSchema = z.object({
  id: itemIdSchema,
  kind: reportKindSchema,
  draft: z.string().max(20_000),
  draftedAt: msSchema,
  sentAt: msSchema.nullable(),
  sentBy: z.string().max(64).nullable(),
  text: z.string().max(20_000).nullable(),
});
export type EmergencyReport = z.infer<typeof emergencyReportSchema>;

/** A reporting time limit in force for this emergency; red once `dueAt` passes unmet. */
export const reportDeadlineSchema = z.object({
  channel: reportChannelSchema,
  dueAt: msSchema,
  metAt: msSchema.nullable(),
  /** Set by the server when the limit passed unmet. */
  overdueAt: msSchema.nullable(),
});
export type ReportDeadline = z.infer<typeof reportDeadlineSchema>;

export const TIMELINE_KINDS = [
  'declared',
  'level_changed',
  'stood_down',
  'casualties',
  'area',
  'department_status',
  'checklist',
  'notification',
  'notification_result',
  'instruction',
  'instruction_ack',
  'report_drafted',
  'report_sent',
  'phone_report',
  'silence',
  'deadline_overdue',
  'note',
] as const;
export const timelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

/**
 * What an entry says, as data, so that a screen can put it in any language. Each kind fills
 * the fields it needs (see docs/emergency.md "Timeline"); words a person wrote (a reason, a
 * note, an instruction) are kept as written. Entries recorded before facts existed have none:
 * screens then show `text`.
 */
export const timelineFactsSchema = z
  .object({
    /** declared: the level declared; level_changed: the new level. */
    level: emergencyLevelSchema,
    /** level_changed: the level before. */
    fromLevel: emergencyLevelSchema,
    /** declared: the plan started (null: no plan matched). */
    planId: itemIdSchema.nullable(),
    /** declared: the cases it was declared from. */
    caseIds: z.array(caseIdSchema),
    drill: z.boolean(),
    /** declared, level_changed, stood_down: the reason given. */
    reason: z.string().max(2000),
    casualties: casualtiesSchema,
    lossesWan: z.number().nonnegative(),
    area: affectedAreaSchema,
    /** department_status: the status reached. */
    status: departmentStatusSchema,
    /** checklist: the item done. */
    itemId: itemIdSchema,
    /** instruction, instruction_ack: which instruction. */
    instructionId: itemIdSchema,
    /** instruction: the addressees. */
    to: z.array(departmentIdSchema),
    /** report_drafted, report_sent: which report. */
    reportKind: reportKindSchema,
    /** deadline_overdue: the limit missed. */
    channel: reportChannelSchema,
    /** notification_result: the notifier (log, webhook) and its answer. */
    notifier: z.string().max(64),
    detail: z.string().max(500),
    /** Words a person wrote, shown as written: a note, a status or casualty note, an instruction, a phone report. */
    note: z.string().max(4000),
  })
  .partial();
export type TimelineFacts = z.infer<typeof timelineFactsSchema>;

/** One entry of the append-only timeline; `text` is a zh-CN sentence ready to show (and kept for the record). */
export const timelineEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: msSchema,
  actor: emergencyActorSchema,
  kind: timelineKindSchema,
  text: z.string().max(4000),
  department: departmentIdSchema.optional(),
  /** notification_result: whether the notifier delivered it. */
  ok: z.boolean().optional(),
  facts: timelineFactsSchema.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const emergencyRecordSchema = z.object({
  id: emergencyIdSchema,
  title: z.string().min(1).max(200),
  category: emergencyCategorySchema,
  subtype: itemIdSchema,
  level: emergencyLevelSchema,
  /** 演练: runs exactly like a real one, labelled everywhere, kept out of statistics and KPIs. */
  drill: z.boolean(),
  status: emergencyStatusSchema,
  declaredAt: msSchema,
  declaredBy: z.string().max(64),
  standDownAt: msSchema.nullable(),
  standDownReason: z.string().max(2000).nullable(),
  location: lonLatSchema,
  address: z.string().max(300).nullable(),
  division: divisionCodeSchema,
  area: affectedAreaSchema,
  /** The open cases it was declared from (none when declared directly). */
  caseIds: z.array(caseIdSchema),
  /** The alert it was declared from (POST /api/v1/alerts/:id/emergency), if any. */
  fromAlert: alertOriginSchema.optional(),
  casualties: casualtiesSchema,
  /** Direct economic losses, 万元 (10 000 CNY). */
  lossesWan: z.number().nonnegative(),
  /** The plan in force (from the profile), null when no plan matches. */
  planId: itemIdSchema.nullable(),
  /** Commander of the plan response in force, for the header. */
  commander: localizedSchema.nullable(),
  departments: z.array(linkedDepartmentSchema),
  checklist: z.array(checklistItemSchema),
  instructions: z.array(emergencyInstructionSchema),
  reports: z.array(emergencyReportSchema),
  reportDeadlines: z.array(reportDeadlineSchema),
  timeline: z.array(timelineEntrySchema),
  /** 1 at declaration; every accepted command increments it. */
  version: z.number().int().positive(),
  updatedAt: msSchema,
});
export type EmergencyRecord = z.infer<typeof emergencyRecordSchema>;

// ---- declaring and commands ------------------------------------------------------------

/** POST /api/v1/emergencies: declare from open cases or directly. The actor comes from the session. */
export const declareEmergencySchema = z.object({
  title: z.string().trim().min(1).max(200),
  category: emergencyCategorySchema,
  subtype: itemIdSchema,
  level: emergencyLevelSchema,
  drill: z.boolean().default(false),
  reason: reasonSchema,
  /** Omitted: taken from the first case. Required when declared directly. */
  location: lonLatSchema.optional(),
  division: divisionCodeSchema.optional(),
  address: z.string().trim().min(1).max(300).optional(),
  area: affectedAreaSchema.default({ kind: 'radius', radiusM: 1000 }),
  caseIds: z.array(caseIdSchema).max(20).default([]),
  casualties: casualtiesSchema.default({ deaths: 0, injured: 0, missing: 0 }),
  lossesWan: z.number().nonnegative().default(0),
});
export type DeclareEmergency = z.infer<typeof declareEmergencySchema>;

const base = {
  /** The record version the client saw; refused with 409 if the emergency moved on. */
  version: z.number().int().positive(),
};

export const changeLevelCommandSchema = z.object({ ...base, action: z.literal('change_level'), level: emergencyLevelSchema, reason: reasonSchema });
export const standDownCommandSchema = z.object({ ...base, action: z.literal('stand_down'), reason: reasonSchema });
export const updateCasualtiesCommandSchema = z.object({
  ...base,
  action: z.literal('update_casualties'),
  casualties: casualtiesSchema,
  lossesWan: z.number().nonnegative(),
  note: z.string().trim().max(2000).optional(),
});
export const setAreaCommandSchema = z.object({ ...base, action: z.literal('set_area'), area: affectedAreaSchema });
/** From the department desk: the handler's own department only. */
export const setDepartmentStatusCommandSchema = z.object({
  ...base,
  action: z.literal('set_department_status'),
  department: departmentIdSchema,
  status: departmentStatusSchema,
  note: z.string().trim().max(2000).optional(),
});
export const checkItemCommandSchema = z.object({ ...base, action: z.literal('check_item'), itemId: itemIdSchema });
/** Notify (again) a linked department, or link and notify a new one (escalate). */
export const notifyDepartmentCommandSchema = z.object({
  ...base,
  action: z.literal('notify_department'),
  department: departmentIdSchema,
  message: z.string().trim().max(2000).optional(),
});
export const instructCommandSchema = z.object({
  ...base,
  action: z.literal('instruct'),
  text: textSchema,
  to: z.array(departmentIdSchema).min(1).max(50),
});
export const acknowledgeInstructionCommandSchema = z.object({
  ...base,
  action: z.literal('acknowledge_instruction'),
  instructionId: itemIdSchema,
  department: departmentIdSchema,
});
/** Create or replace the unsent draft of a kind; without `text` the server drafts it from the facts. */
export const draftReportCommandSchema = z.object({
  ...base,
  action: z.literal('draft_report'),
  kind: reportKindSchema,
  text: z.string().trim().min(1).max(20_000).optional(),
});
/** Send a draft: its final text is frozen and meets the written-report deadline. */
export const sendReportCommandSchema = z.object({
  ...base,
  action: z.literal('send_report'),
  reportId: itemIdSchema,
  text: z.string().trim().min(1).max(20_000),
});
/** The phone report (电话报告) was made; meets the phone deadline. */
export const recordPhoneReportCommandSchema = z.object({
  ...base,
  action: z.literal('record_phone_report'),
  note: z.string().trim().min(1).max(2000),
});
export const addNoteCommandSchema = z.object({ ...base, action: z.literal('add_note'), text: textSchema });

/** Body of POST /api/v1/emergencies/:id/commands. */
export const emergencyCommandSchema = z.discriminatedUnion('action', [
  changeLevelCommandSchema,
  standDownCommandSchema,
  updateCasualtiesCommandSchema,
  setAreaCommandSchema,
  setDepartmentStatusCommandSchema,
  checkItemCommandSchema,
  notifyDepartmentCommandSchema,
  instructCommandSchema,
  acknowledgeInstructionCommandSchema,
  draftReportCommandSchema,
  sendReportCommandSchema,
  recordPhoneReportCommandSchema,
  addNoteCommandSchema,
]);
export type EmergencyCommand = z.infer<typeof emergencyCommandSchema>;
export type EmergencyAction = EmergencyCommand['action'];
export const EMERGENCY_ACTIONS = emergencyCommandSchema.options.map((o) => o.shape.action.value) as EmergencyAction[];
export type EmergencyCommandOf<A extends EmergencyAction> = Extract<EmergencyCommand, { action: A }>;

export const EMERGENCY_ERROR_CODES = [
  /** `version` is not the record's: reload and retry (HTTP 409). */
  'version_conflict',
  /** The action is not allowed in the emergency's status (e.g. anything after stand down). */
  'invalid_transition',
  /** The role may not take this action (HTTP 403). */
  'forbidden_role',
  /** A department handler acted for another department, or one not linked (HTTP 403). */
  'wrong_department',
  /** Well-formed, but does not fit the record or the profile (unknown sub-type, item, case…) (HTTP 422). */
  'invalid_command',
  /** No such emergency (HTTP 404). */
  'not_found',
] as const;
export type EmergencyErrorCode = (typeof EMERGENCY_ERROR_CODES)[number];

export interface EmergencyError {
  code: EmergencyErrorCode;
  message: string;
}

// ---- what screens receive --------------------------------------------------------------

/** A resource with its straight-line distance and ETA from the incident. */
export interface NearbyResource {
  resource: EmergencyResource;
  distanceM: number;
  etaMinutes: number;
}

/** GET /api/v1/emergencies/:id: the record plus what the requesting user may do now. */
export interface EmergencyDetail {
  emergency: EmergencyRecord;
  allowed: EmergencyAction[];
  /** The level the casualties and losses suggest (accidents), for the officer to decide. */
  suggestedLevel: EmergencyLevel | null;
}

/** The `emergencies` topic's entries: the full record, keyed by emergency id. */
export type EmergenciesTopicEntry = EmergencyRecord;
