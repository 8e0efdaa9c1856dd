import { z } from 'zod';
import type { Role } from './access.ts';
import { divisionCodeSchema } from './primitives.ts';
import type { DispatchTrends } from './dispatch-trends.ts';
import { alertOriginSchema, type AlertOrigin } from './alert-link.ts';

/**
 * Incident dispatch (事件分拨): the case records shared by the server and the screens.
 * The closed loop follows digital city management (数字城管: 信息收集 → 案卷建立 → 任务派遣 →
 * 任务处理 → 处理反馈 → 核查结案 → 综合评价) and 12345 hotline practice. The state machine that
 * moves a case between these states lives in @cw/dispatch; this file only holds the shapes.
 */

const msSchema = z.number().int().nonnegative();
const idPattern = /^[A-Za-z0-9_.:-]{1,64}$/;

export const caseIdSchema = z.string().regex(idPattern, 'case id: 1-64 letters, digits, _ . : or -');
export const departmentIdSchema = z
  .string()
  .regex(idPattern, 'department id: 1-64 letters, digits, _ . : or -');
export type DepartmentId = z.infer<typeof departmentIdSchema>;

// ---- enumerations -------------------------------------------------------------------

export const CASE_STATES = [
  'reported',
  'verifying',
  'verified',
  'registered',
  'dispatched',
  'returned',
  'acknowledged',
  'in_progress',
  'extension_requested',
  'parking_requested',
  'parked',
  'feedback',
  'checking',
  'closed',
  'evaluated',
  'voided',
  'merged',
] as const;
export const caseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof caseStateSchema>;

/** States no action leaves. Closed and evaluated cases can still be reopened. */
export const TERMINAL_CASE_STATES = ['voided', 'merged'] as const satisfies readonly CaseState[];

export const CHANNELS = [
  'hotline_12345',
  'grid_inspector',
  'video_analytics',
  'iot_sensor',
  'police_110',
  'leader_assignment',
] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

/**
 * What the case is about, after the CJ/T 214 component and event classes (部件/事件大类),
 * plus 环境保护 for the noise and pollution reports the hotline receives.
 */
export const CATEGORIES = [
  'city_appearance',
  'advertising',
  'construction',
  'street_order',
  'emergency',
  'public_facilities',
  'road_traffic',
  'landscaping',
  'housing_land',
  'environment',
  'other',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

/** A sub-category (小类) id of the city's category tree (case-categories.ts). */
export const subCategoryIdSchema = z.string().regex(/^[a-z0-9_]{1,48}$/, 'sub-category id: 1-48 lower-case letters, digits or _');

/**
 * What a 12345 caller asks for (诉求类型). It is orthogonal to the category: a complaint about
 * uncollected garbage is category city_appearance with request type complaint. Only hotline
 * cases carry one, and for them it sets the handling time limit.
 */
export const REQUEST_TYPES = ['inquiry', 'help', 'complaint', 'suggestion'] as const;
export const requestTypeSchema = z.enum(REQUEST_TYPES);
export type RequestType = z.infer<typeof requestTypeSchema>;

/** 一般 / 加急 / 特急. Critical cases run on the wall clock, not on working time. */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

/**
 * Who acts on a case: the duty officer of the command centre (受理/派遣员), the handler of the
 * assigned department (承办单位), the field inspector (监督员, who verifies on site and checks
 * results), the shift leader (值班长), a leader (领导) — the user roles of
 * the same names in access.ts — or the server itself (automatic reminders, SMS evaluations).
 */
export const ACTOR_ROLES = [
  'duty_officer',
  'inspector',
  'department',
  'shift_leader',
  'leader',
  'system',
] as const satisfies readonly (Role | 'system')[];
export const actorRoleSchema = z.enum(ACTOR_ROLES);
export type ActorRole = z.infer<typeof actorRoleSchema>;

/**
 * Who registers (立案) and who closes (结案) differs between cities: a city's profile may
 * name the roles for these actions (`dispatchRoles`), in place of the permission table's.
 */
export const CONFIGURABLE_CASE_ACTIONS = ['register', 'check_pass'] as const;
const centreRoleSchema = z.enum(['duty_officer', 'shift_leader', 'leader', 'inspector']);
export const caseRoleOverridesSchema = z
  .object({ register: z.array(centreRoleSchema).min(1).optional(), check_pass: z.array(centreRoleSchema).min(1).optional() })
  .strict();
export type CaseRoleOverrides = z.infer<typeof caseRoleOverridesSchema>;

/** The reporter's verdict at the return visit (回访), as 12345 records it. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const ratingSchema = z.enum(RATINGS);
export type Rating = z.infer<typeof ratingSchema>;

/**
 * The timed steps. Intake, at the command centre: acceptance of a report (受理), on-site
 * verification (核实), registration of a verified report (立案), dispatch of a registered case
 * (派遣). Then the department's: sign-for (签收) and handling until feedback (处置), both
 * counted from dispatch; checking until closure (核查); and the return visit (回访) of a
 * closed 12345 case.
 */
export const SLA_STEPS = ['accept', 'verify', 'register', 'dispatch', 'sign_for', 'handling', 'checking', 'return_visit'] as const;
/** The steps a department answers for (chased by reminders and supervision). */
export const DEPARTMENT_SLA_STEPS = ['sign_for', 'handling'] as const satisfies readonly (typeof SLA_STEPS)[number][];
/** The steps shown on the wall's step-time panel: a department's and the check. */
export const HANDLING_SLA_STEPS = ['sign_for', 'handling', 'checking'] as const satisfies readonly (typeof SLA_STEPS)[number][];
export const slaStepSchema = z.enum(SLA_STEPS);
export type SlaStep = z.infer<typeof slaStepSchema>;

export const SLA_LIGHTS = ['green', 'yellow', 'red'] as const;
export type SlaLight = (typeof SLA_LIGHTS)[number];

export const CASE_ACTIONS = [
  'verify',
  'report_verification',
  'register',
  'close_on_call',
  'void',
  'merge',
  'merge_into',
  'dispatch',
  're_dispatch',
  'acknowledge',
  'return',
  'start',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'request_parking',
  'approve_parking',
  'refuse_parking',
  'unpark',
  'feedback',
  'start_check',
  'check_pass',
  'check_fail',
  'evaluate',
  'reopen',
  'remind',
  'supervise',
] as const;
export const caseActionSchema = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof caseActionSchema>;

/** History entries also record the case's creation, which is not a command. */
export const transitionActionSchema = z.enum(['report', ...CASE_ACTIONS]);
export type TransitionAction = z.infer<typeof transitionActionSchema>;

// ---- records ------------------------------------------------------------------------

export const caseLocationSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** [lon, lat], WGS-84. */
export type CaseLocation = z.infer<typeof caseLocationSchema>;

/** Personal data: never show it on public screens, keep it out of logs. */
export const reporterSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 -]{2,19}$/, 'phone: 3-20 digits, spaces or dashes')
    .optional(),
});
export type Reporter = z.infer<typeof reporterSchema>;

export const actorSchema = z
  .object({
    userId: z.string().min(1).max(64),
    role: actorRoleSchema,
    /** The handler's department; required for the department role. */
    department: departmentIdSchema.optional(),
    /** Display name at the time, so a history reads "张三 (值班员)" without a user lookup. */
    name: z.string().max(64).optional(),
  })
  .refine((a) => a.role !== 'department' || a.department !== undefined, {
    message: 'a department handler must name their department',
    path: ['department'],
  });
export type Actor = z.infer<typeof actorSchema>;

const clockBase = {
  step: slaStepSchema,
  /** working_time counts only working hours of the calendar; clock_time counts every minute. */
  basis: z.enum(['working_time', 'clock_time']),
  startedAt: msSchema,
  /** The step's whole allowance in the basis' ms, extensions included. */
  budgetMs: z.number().int().positive(),
  /** When a reminder (催办) was issued in this step. */
  remindedAt: msSchema.nullable(),
  /** When supervision (督办) was issued in this step. */
  supervisedAt: msSchema.nullable(),
};

/** The time limit of the current step: running towards a deadline, or paused while parked. */
export const slaClockSchema = z.discriminatedUnion('paused', [
  z.object({ ...clockBase, paused: z.literal(false), deadline: msSchema }),
  z.object({
    ...clockBase,
    paused: z.literal(true),
    pausedAt: msSchema,
    /** Allowance left when the clock stopped (never negative); resumes from here. */
    remainingMs: z.number().int().nonnegative(),
  }),
]);
export type SlaClock = z.infer<typeof slaClockSchema>;

const HOTLINE: Channel = 'hotline_12345';
const requestTypeMatchesChannel = (c: { channel: Channel; requestType?: RequestType | undefined }) =>
  (c.channel === HOTLINE) === (c.requestType !== undefined);
const requestTypeRule = {
  message: 'a request type is required for 12345 hotline cases and not allowed for other channels',
  path: ['requestType'],
};

const reportShape = {
  title: z.string().min(1).max(200),
  description: z.string().max(4000),
  channel: channelSchema,
  category: categorySchema,
  /** The sub-category (小类) of the city's category tree (profile `caseCategories`), if known. */
  subCategory: subCategoryIdSchema.optional(),
  requestType: requestTypeSchema.optional(),
  urgency: urgencySchema,
  division: divisionCodeSchema,
  location: caseLocationSchema.optional(),
  address: z.string().min(1).max(300).optional(),
  reporter: reporterSchema.optional(),
  /** A 12345 caller asked to be called back (要求回访): a case closed on the call gets a return visit too. */
  returnVisitRequested: z.boolean().optional(),
};
const returnVisitOnHotline = (c: { channel: Channel; returnVisitRequested?: boolean | undefined }) =>
  c.returnVisitRequested === undefined || c.channel === HOTLINE;
const returnVisitRule = { message: 'only 12345 hotline cases ask for a return visit', path: ['returnVisitRequested'] };

/** What an intake (hotline agent, inspector app, sensor gateway) submits to open a case. */
export const newCaseSchema = z.object(reportShape).refine(requestTypeMatchesChannel, requestTypeRule).refine(returnVisitOnHotline, returnVisitRule);
export type NewCase = z.infer<typeof newCaseSchema>;

export const caseRecordSchema = z
  .object({
    id: caseIdSchema,
    ...reportShape,
    state: caseStateSchema,
    /** The department the case is assigned to; kept after closure to show who handled it. */
    department: departmentIdSchema.nullable(),
    /** Starts at 1 when the case is opened; every accepted command increments it. */
    version: z.number().int().positive(),
    reportedAt: msSchema,
    updatedAt: msSchema,
    closedAt: msSchema.nullable(),
    /** Duplicate reports attached to this case; each of them is in state merged. */
    mergedReportIds: z.array(caseIdSchema),
    /** For a merged duplicate: the case it was attached to. */
    mergedInto: caseIdSchema.nullable(),
    /** The clock of the current timed step; null while no step is timed. */
    sla: slaClockSchema.nullable(),
    /** Working days asked for while an extension request is pending. */
    pendingExtensionDays: z.number().int().positive().nullable(),
    /** Set once supervision (督办) was issued; stays set to mark a supervised case (督办件). */
    supervised: z.boolean(),
    reminders: z.number().int().nonnegative(),
    rating: ratingSchema.nullable(),
    /** The alert it was opened from (POST /api/v1/alerts/:id/case), if any. */
    fromAlert: alertOriginSchema.optional(),
  })
  .refine(requestTypeMatchesChannel, requestTypeRule)
  .refine(returnVisitOnHotline, returnVisitRule);
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** A field photo's id, as the server named it at upload. */
export const photoIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'photo id: 32 hex digits');

/**
 * What a field inspector brings back from the site (核实, 核查): a photo uploaded first
 * (`POST /api/v1/cases/:id/photos`) and where they stood, from the device's positioning or
 * typed in by hand.
 */
export const fieldEvidenceSchema = z
  .object({
    photoId: photoIdSchema.optional(),
    location: caseLocationSchema.optional(),
    /** device = the browser's geolocation; manual = typed in. */
    locationSource: z.enum(['device', 'manual']).optional(),
    /** The device's stated accuracy, metres. */
    accuracyM: z.number().nonnegative().max(100_000).optional(),
  })
  .strict()
  .refine((e) => (e.location === undefined) === (e.locationSource === undefined), {
    message: 'a location names its source (device or manual), and a source needs a location',
    path: ['locationSource'],
  });
export type FieldEvidence = z.infer<typeof fieldEvidenceSchema>;

/** One entry of a case's append-only history. */
export const caseTransitionSchema = z
  .object({
    /** 1, 2, …; equals the case version the transition produced. */
    seq: z.number().int().positive(),
    caseId: caseIdSchema,
    action: transitionActionSchema,
    /** Null only for the report that opened the case. */
    from: caseStateSchema.nullable(),
    to: caseStateSchema,
    actor: actorSchema,
    at: msSchema,
    comment: z.string().max(2000).optional(),
    /** The department the case was assigned to when the action was taken. */
    department: departmentIdSchema.nullable(),
    /** The step clock in force when the action was taken, to judge timeliness later. */
    sla: z.object({ step: slaStepSchema, deadline: msSchema.nullable() }).nullable(),
    details: z
      .object({
        /** New assignment (dispatch, re_dispatch). */
        department: departmentIdSchema.optional(),
        /** Reclassification at registration. */
        category: categorySchema.optional(),
        subCategory: subCategoryIdSchema.optional(),
        requestType: requestTypeSchema.optional(),
        urgency: urgencySchema.optional(),
        /** Working days asked for or granted (extension). */
        extensionDays: z.number().int().positive().optional(),
        /** The step deadline after an approved extension. */
        extendedUntil: msSchema.optional(),
        rating: ratingSchema.optional(),
        /** What the caller was told when the case was closed on the call. */
        answer: z.string().max(2000).optional(),
        duplicateId: caseIdSchema.optional(),
        primaryId: caseIdSchema.optional(),
        /** Photo and place from the site (核实反馈, 核查). */
        evidence: fieldEvidenceSchema.optional(),
      })
      .optional(),
  })
  .refine((t) => (t.from === null) === (t.action === 'report'), {
    message: 'only the report that opens a case has no from state',
    path: ['from'],
  });
export type CaseTransition = z.infer<typeof caseTransitionSchema>;

// ---- commands -----------------------------------------------------------------------

const commandBase = {
  caseId: caseIdSchema,
  /** The case version the client saw; the command is refused if the case moved on. */
  expectedVersion: z.number().int().positive(),
  /** Reason or remark; required by the actions that need a reason (see @cw/dispatch WORKFLOW). */
  comment: z.string().max(2000).optional(),
};
const simpleCommand = <A extends CaseAction>(action: A) =>
  z.object({ ...commandBase, action: z.literal(action) });

export const verifyCommandSchema = simpleCommand('verify');
/** A command that may carry what the inspector brought back from the site. */
const fieldCommand = <A extends CaseAction>(action: A) => z.object({ ...commandBase, action: z.literal(action), evidence: fieldEvidenceSchema.optional() });

/** 核实反馈: the on-site verification is done; its findings go in the comment. */
export const reportVerificationCommandSchema = fieldCommand('report_verification');
export const registerCommandSchema = z.object({
  ...commandBase,
  action: z.literal('register'),
  /**
   * Reclassification by the officer at registration; omitted fields stay as reported, except
   * that a new category drops a sub-category that is not given again.
   */
  category: categorySchema.optional(),
  subCategory: subCategoryIdSchema.optional(),
  requestType: requestTypeSchema.optional(),
  urgency: urgencySchema.optional(),
});
/** 在线办结: the hotline agent answers the caller and closes the case at intake. */
export const closeOnCallCommandSchema = z.object({
  ...commandBase,
  action: z.literal('close_on_call'),
  answer: z.string().trim().min(1).max(2000),
});
export const voidCommandSchema = simpleCommand('void');
/** Sent for the primary case; the duplicate is closed in the same step (applyMerge). */
export const mergeCommandSchema = z.object({
  ...commandBase,
  action: z.literal('merge'),
  duplicateId: caseIdSchema,
  duplicateExpectedVersion: z.number().int().positive(),
});
export const mergeIntoCommandSchema = z.object({
  ...commandBase,
  action: z.literal('merge_into'),
  primaryId: caseIdSchema,
});
export const dispatchCommandSchema = z.object({
  ...commandBase,
  action: z.literal('dispatch'),
  department: departmentIdSchema,
});
export const reDispatchCommandSchema = z.object({
  ...commandBase,
  action: z.literal('re_dispatch'),
  department: departmentIdSchema,
});
export const acknowledgeCommandSchema = simpleCommand('acknowledge');
export const returnCommandSchema = simpleCommand('return');
export const startCommandSchema = simpleCommand('start');
export const requestExtensionCommandSchema = z.object({
  ...commandBase,
  action: z.literal('request_extension'),
  workingDays: z.number().int().min(1).max(30),
});
export const approveExtensionCommandSchema = simpleCommand('approve_extension');
export const refuseExtensionCommandSchema = simpleCommand('refuse_extension');
export const requestParkingCommandSchema = simpleCommand('request_parking');
export const approveParkingCommandSchema = simpleCommand('approve_parking');
export const refuseParkingCommandSchema = simpleCommand('refuse_parking');
export const unparkCommandSchema = simpleCommand('unpark');
export const feedbackCommandSchema = simpleCommand('feedback');
export const startCheckCommandSchema = simpleCommand('start_check');
export const checkPassCommandSchema = fieldCommand('check_pass');
export const checkFailCommandSchema = fieldCommand('check_fail');
export const evaluateCommandSchema = z.object({
  ...commandBase,
  action: z.literal('evaluate'),
  rating: ratingSchema,
});
export const reopenCommandSchema = simpleCommand('reopen');
export const remindCommandSchema = simpleCommand('remind');
export const superviseCommandSchema = simpleCommand('supervise');

/** Body of a case command; the actor comes from the authenticated session, not the body. */
export const caseCommandSchema = z.discriminatedUnion('action', [
  verifyCommandSchema,
  reportVerificationCommandSchema,
  registerCommandSchema,
  closeOnCallCommandSchema,
  voidCommandSchema,
  mergeCommandSchema,
  mergeIntoCommandSchema,
  dispatchCommandSchema,
  reDispatchCommandSchema,
  acknowledgeCommandSchema,
  returnCommandSchema,
  startCommandSchema,
  requestExtensionCommandSchema,
  approveExtensionCommandSchema,
  refuseExtensionCommandSchema,
  requestParkingCommandSchema,
  approveParkingCommandSchema,
  refuseParkingCommandSchema,
  unparkCommandSchema,
  feedbackCommandSchema,
  startCheckCommandSchema,
  checkPassCommandSchema,
  checkFailCommandSchema,
  evaluateCommandSchema,
  reopenCommandSchema,
  remindCommandSchema,
  superviseCommandSchema,
]);
export type CaseCommand = z.infer<typeof caseCommandSchema>;
export type CommandOf<A extends CaseAction> = Extract<CaseCommand, { action: A }>;

export const COMMAND_ERROR_CODES = [
  /** The command names another case than the one it was applied to. */
  'case_mismatch',
  /** expectedVersion is not the case's version: reload and retry (HTTP 409). */
  'version_conflict',
  /** The action is not allowed in the case's current state. */
  'invalid_transition',
  /** The actor's role may not take this action. */
  'forbidden_role',
  /** A department handler acted on a case assigned to another department. */
  'wrong_department',
  /** The action needs a non-blank comment giving the reason. */
  'reason_required',
  /** The command is well-formed but its content does not fit the case. */
  'invalid_command',
  /** The command's time is earlier than the case's last change. */
  'invalid_time',
  /** An extension asked for, or approved, after the step's deadline had passed. */
  'deadline_passed',
] as const;
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

export interface CommandError {
  code: CommandErrorCode;
  message: string;
}

// ---- what screens receive ---------------------------------------------------------------

/** Where a case's current step stands against its limit (computed by the server). */
export interface CaseSlaView {
  step: SlaStep;
  deadline: number | null;
  light: SlaLight;
  fractionUsed: number;
  overdue: boolean;
  paused: boolean;
}

/**
 * A case as the live topics carry it: no description and no reporter (personal data), which
 * only GET /api/v1/cases/:id gives, to those allowed to see them.
 */
export interface CaseSummary {
  id: string;
  version: number;
  title: string;
  channel: Channel;
  category: Category;
  subCategory?: string | undefined;
  requestType?: RequestType | undefined;
  urgency: Urgency;
  division: string;
  location?: CaseLocation | undefined;
  state: CaseState;
  department: string | null;
  reportedAt: number;
  updatedAt: number;
  closedAt: number | null;
  supervised: boolean;
  reminders: number;
  mergedInto: string | null;
  mergedReportIds: string[];
  sla: CaseSlaView | null;
  /** How many instructions (批示) leaders have given on it. */
  instructions: number;
  /** The alert it was opened from, if any. */
  fromAlert?: AlertOrigin | undefined;
}

export interface DepartmentKpi {
  department: string;
  /** Feedbacks given (处置反馈), each ending one handling step. */
  handled: number;
  handledOnTime: number;
  onTimeRate: number | null;
  acknowledged: number;
  returns: number;
  reworks: number;
}

/**
 * Dispatch KPIs, computed from case histories. Rates are fractions in [0, 1] or null; the
 * formulas are in docs/dispatch.md ("KPIs").
 */
export interface DispatchKpis {
  openedToday: number;
  closedToday: number;
  /** Cases taken in (立案数): registered, or closed on the call. */
  registered: number;
  /**
   * Cases due for closure (应结案数): taken-in cases now closed, plus open ones whose handling
   * or checking deadline has passed.
   */
  due: number;
  /** Taken-in cases now closed or evaluated. */
  closed: number;
  /** Closed cases none of whose timed steps ended after its deadline. */
  closedOnTime: number;
  /** 结案率: closed / due. */
  closureRate: number | null;
  /** 按期结案率: closed on time / due. */
  onTimeClosureRate: number | null;
  /** Taken-in cases granted at least one extension. */
  extended: number;
  /** 延期率: extended / registered. */
  extensionRate: number | null;
  /** Closed cases that were sent back for rework or reopened on the way. */
  reworked: number;
  /** 返工率: reworked / closed. */
  reworkRate: number | null;
  /** Mean wall-clock time from a step's start to its end, over the steps that ended. */
  averageStepMs: Record<SlaStep, number | null>;
  returns: number;
  reworks: number;
  /** Return visits done (evaluations), each counted, also one after which the case was redone. */
  evaluated: number;
  /** Rated satisfied or basically satisfied. */
  satisfied: number;
  /** 回访满意率: satisfied / evaluated. */
  satisfactionRate: number | null;
  /** Best on-time handling rate first; then more cases handled; then by id. */
  departments: DepartmentKpi[];
}

/** The `dispatch` topic's entry `kpis`: KPIs over the last `days` days, plus open counts. */
export interface DispatchOverview extends DispatchKpis {
  days: number;
  open: number;
  overdue: number;
  supervisedOpen: number;
  /** Today against yesterday by the same time (hot issues); absent until first computed. */
  trends?: DispatchTrends | undefined;
}

/** A case with its history, as GET /api/v1/cases/:id returns it. */
export interface CaseDetail {
  case: CaseRecord;
  history: CaseTransition[];
  /** The actions the requesting user may take now (drives the console's buttons). */
  allowed: CaseAction[];
  /** Open reports that look like the same thing (same category, close in place and time). */
  duplicates: { id: string; title: string; channel: Channel; distanceM: number; gapMs: number; score: number }[];
  sla: CaseSlaView | null;
  instructions: Instruction[];
}

/** A leader's instruction (批示) on a case. */
export interface Instruction {
  at: number;
  byName: string;
  text: string;
}

export const instructionSchema = z.object({ text: z.string().trim().min(1).max(2000) });
