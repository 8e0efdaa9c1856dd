import {
  CASE_STATES,
  TERMINAL_CASE_STATES,
  type Actor,
  type ActorRole,
  type CaseAction,
  type CaseCommand,
  type CaseRecord,
  type CaseRoleOverrides,
  type Category,
  type CaseState,
  type CaseSubCategory,
  type CaseTransition,
  type CommandError,
  type CommandErrorCode,
  type CommandOf,
  type NewCase,
  type SlaClock,
  type SlaStep,
} from '@cw/contracts';
import { canTakeCase, caseRoles, systemMay } from '@cw/access';
import type { WorkingCalendar } from './calendar.ts';
import { extendClock, pauseClock, resumeClock, startClock, type SlaPolicy } from './sla.ts';

/**
 * What an action does to the step clock: start a step's clock (replacing any running one),
 * stop it, pause or resume it (parking), extend it, mark a reminder or supervision, or keep it.
 */
export type ClockEffect =
  | SlaStep
  /** Closure: the return visit's clock when the case needs one (needsReturnVisit), else none. */
  | 'close'
  | 'keep'
  | 'stop'
  | 'pause'
  | 'resume'
  | 'extend'
  | 'mark_reminded'
  | 'mark_supervised';

export interface WorkflowRow {
  action: CaseAction;
  from: readonly CaseState[];
  /** 'unchanged': the action records something without moving the case. */
  to: CaseState | 'unchanged';
  /** The command must carry a non-blank comment stating the reason. */
  requiresReason: boolean;
  clock: ClockEffect;
}

/** Cases not finished: a duplicate can still be attached to them. */
const OPEN: readonly CaseState[] = CASE_STATES.filter(
  (s) => !(TERMINAL_CASE_STATES as readonly CaseState[]).includes(s) && s !== 'closed' && s !== 'evaluated',
);
/** States in which a department step clock runs: the ones worth chasing. */
const DEPARTMENT_CLOCK: readonly CaseState[] = [
  'dispatched',
  'acknowledged',
  'in_progress',
  'extension_requested',
  'parking_requested',
];
const INTAKE: readonly CaseState[] = ['reported', 'verifying', 'verified', 'registered'];

/** THE state machine: one row per action. */
export const WORKFLOW: readonly WorkflowRow[] = [
  { action: 'verify', from: ['reported'], to: 'verifying', requiresReason: false, clock: 'verify' },
  { action: 'report_verification', from: ['verifying'], to: 'verified', requiresReason: true, clock: 'register' },
  { action: 'register', from: ['reported', 'verifying', 'verified'], to: 'registered', requiresReason: false, clock: 'dispatch' },
  { action: 'close_on_call', from: ['reported', 'verifying', 'verified'], to: 'closed', requiresReason: false, clock: 'close' },
  { action: 'void', from: [...INTAKE, 'returned'], to: 'voided', requiresReason: true, clock: 'stop' },
  { action: 'merge', from: OPEN, to: 'unchanged', requiresReason: false, clock: 'keep' },
  { action: 'merge_into', from: INTAKE, to: 'merged', requiresReason: false, clock: 'stop' },
  { action: 'dispatch', from: ['registered'], to: 'dispatched', requiresReason: false, clock: 'sign_for' },
  { action: 're_dispatch', from: ['dispatched', 'returned'], to: 'dispatched', requiresReason: false, clock: 'sign_for' },
  { action: 'acknowledge', from: ['dispatched'], to: 'acknowledged', requiresReason: false, clock: 'handling' },
  { action: 'return', from: ['dispatched', 'acknowledged'], to: 'returned', requiresReason: true, clock: 'dispatch' },
  { action: 'start', from: ['acknowledged'], to: 'in_progress', requiresReason: false, clock: 'keep' },
  { action: 'request_extension', from: ['in_progress'], to: 'extension_requested', requiresReason: true, clock: 'keep' },
  { action: 'approve_extension', from: ['extension_requested'], to: 'in_progress', requiresReason: false, clock: 'extend' },
  { action: 'refuse_extension', from: ['extension_requested'], to: 'in_progress', requiresReason: true, clock: 'keep' },
  { action: 'request_parking', from: ['in_progress'], to: 'parking_requested', requiresReason: true, clock: 'keep' },
  { action: 'approve_parking', from: ['parking_requested'], to: 'parked', requiresReason: false, clock: 'pause' },
  { action: 'refuse_parking', from: ['parking_requested'], to: 'in_progress', requiresReason: true, clock: 'keep' },
  { action: 'unpark', from: ['parked'], to: 'in_progress', requiresReason: false, clock: 'resume' },
  { action: 'feedback', from: ['in_progress'], to: 'feedback', requiresReason: false, clock: 'checking' },
  { action: 'start_check', from: ['feedback'], to: 'checking', requiresReason: false, clock: 'keep' },
  { action: 'check_pass', from: ['checking'], to: 'closed', requiresReason: false, clock: 'close' },
  { action: 'check_fail', from: ['checking'], to: 'in_progress', requiresReason: true, clock: 'handling' },
  { action: 'evaluate', from: ['closed'], to: 'evaluated', requiresReason: false, clock: 'stop' },
  { action: 'reopen', from: ['closed', 'evaluated'], to: 'registered', requiresReason: true, clock: 'dispatch' },
  { action: 'remind', from: DEPARTMENT_CLOCK, to: 'unchanged', requiresReason: false, clock: 'mark_reminded' },
  { action: 'supervise', from: DEPARTMENT_CLOCK, to: 'unchanged', requiresReason: true, clock: 'mark_supervised' },
];

/** Who may take a case action is the permission table's business (packages/access). */
function mayTake(role: ActorRole, action: CaseAction, overrides?: CaseRoleOverrides): boolean {
  return role === 'system' ? systemMay(action) : canTakeCase(role, action, overrides);
}

/** The actor roles that may take an action, from the permission table. */
export function rolesMayTake(action: CaseAction, overrides?: CaseRoleOverrides): ActorRole[] {
  return [...caseRoles(action, overrides), ...(systemMay(action) ? (['system'] as const) : [])].filter((r): r is ActorRole => r !== 'wall' && r !== 'admin' && r !== 'source');
}

const ROWS = new Map(WORKFLOW.map((row) => [row.action, row]));

/** The row of `action` in WORKFLOW. */
export function workflowRow(action: CaseAction): WorkflowRow {
  const row = ROWS.get(action);
  if (!row) throw new Error(`no workflow row for action "${action}"`);
  return row;
}

/**
 * Whether a closed case gets a return visit (回访): 12345 cases that went to a department, and
 * those closed on the call whose caller asked to be called back.
 */
export function needsReturnVisit(c: Pick<CaseRecord, 'channel' | 'department' | 'returnVisitRequested'>): boolean {
  return c.channel === 'hotline_12345' && (c.department !== null || c.returnVisitRequested === true);
}

/** What applyCommand needs besides the case: the calendar, the time limits, the city's sub-categories. */
export interface DispatchRules {
  calendar: WorkingCalendar;
  /** With the sub-categories' handling limits merged in (withSubCategories). */
  sla: SlaPolicy;
  /** The city's category tree below the top-level categories; none when omitted. */
  subCategories?: readonly CaseSubCategory[];
  /** Who registers and closes cases in this city, when the profile says (dispatchRoles). */
  caseRoles?: CaseRoleOverrides;
}

/** Why a sub-category does not fit a case of `category` in this city, or null when it does. */
export function subCategoryProblem(
  subCategories: readonly CaseSubCategory[],
  category: Category,
  subCategory: string | undefined,
): string | null {
  if (subCategory === undefined) return null;
  const found = subCategories.find((s) => s.id === subCategory);
  if (!found) return `Unknown sub-category "${subCategory}" (the city profile's caseCategories lists the valid ones).`;
  if (found.category !== category) {
    return `Sub-category "${subCategory}" belongs to category ${found.category}, not ${category}.`;
  }
  return null;
}

export type CommandResult =
  | { ok: true; case: CaseRecord; transition: CaseTransition }
  | { ok: false; error: CommandError };

const fail = (code: CommandErrorCode, message: string): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, message },
});
const iso = (ms: number) => new Date(ms).toISOString();

/** Opens a case from an intake report (信息收集): state reported, version 1, acceptance (受理) timed. */
export function openCase(
  report: NewCase,
  id: string,
  actor: Actor,
  now: number,
  rules: DispatchRules,
): { case: CaseRecord; transition: CaseTransition } {
  const c: CaseRecord = {
    ...report,
    id,
    state: 'reported',
    department: null,
    version: 1,
    reportedAt: now,
    updatedAt: now,
    closedAt: null,
    mergedReportIds: [],
    mergedInto: null,
    sla: startClock('accept', report, now, rules.calendar, rules.sla),
    pendingExtensionDays: null,
    supervised: false,
    reminders: 0,
    rating: null,
  };
  const transition: CaseTransition = {
    seq: 1,
    caseId: id,
    action: 'report',
    from: null,
    to: 'reported',
    actor,
    at: now,
    department: null,
    sla: null,
  };
  return { case: c, transition };
}

type Details = NonNullable<CaseTransition['details']>;
interface Changes {
  patch: Partial<CaseRecord>;
  details?: Details;
}

/** An instant as local time for messages, e.g. "2026-12-25 17:30 (UTC+08:00)". */
function localTime(ms: number, offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000;
  const zone = `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${new Date(ms + offsetMs).toISOString().slice(0, 16).replace('T', ' ')} (UTC${zone})`;
}

/** Action-specific effects on the case, or why the command does not fit it. */
function changesFor(c: CaseRecord, cmd: CaseCommand, now: number, rules: DispatchRules): Changes | CommandError {
  const cal = rules.calendar;
  const invalid = (message: string): CommandError => ({ code: 'invalid_command', message });
  switch (cmd.action) {
    case 'register': {
      if (cmd.requestType !== undefined && c.channel !== 'hotline_12345') {
        return invalid(`Only 12345 hotline cases have a request type; case ${c.id} came from ${c.channel}.`);
      }
      const category = cmd.category ?? c.category;
      // A new category drops the reported sub-category unless the officer gives one again.
      const subCategory = cmd.subCategory ?? (category === c.category ? c.subCategory : undefined);
      const problem = subCategoryProblem(rules.subCategories ?? [], category, subCategory);
      if (problem) return invalid(problem);
      const details: Details = {};
      if (cmd.category) details.category = cmd.category;
      if (cmd.subCategory) details.subCategory = cmd.subCategory;
      if (cmd.requestType) details.requestType = cmd.requestType;
      if (cmd.urgency) details.urgency = cmd.urgency;
      const patch = {
        category,
        subCategory,
        requestType: cmd.requestType ?? c.requestType,
        urgency: cmd.urgency ?? c.urgency,
      };
      return { patch, details };
    }
    case 'close_on_call': {
      // Only a caller on the line can be answered there and then.
      if (c.channel !== 'hotline_12345') {
        return invalid(`Only 12345 hotline cases can be closed on the call; case ${c.id} came from ${c.channel}.`);
      }
      const answer = cmd.answer.trim();
      if (!answer) return invalid(`Closing case ${c.id} on the call needs the answer given to the caller.`);
      return { patch: { closedAt: now }, details: { answer } };
    }
    case 'dispatch':
      return { patch: { department: cmd.department }, details: { department: cmd.department } };
    case 're_dispatch':
      if (cmd.department === c.department) {
        return invalid(`Case ${c.id} is already assigned to department ${cmd.department}.`);
      }
      return { patch: { department: cmd.department }, details: { department: cmd.department } };
    case 'return':
      return { patch: { department: null } };
    case 'request_extension':
      // An extension moves a deadline still ahead; once it has passed, the case is overdue.
      if (c.sla && !c.sla.paused && now > c.sla.deadline) {
        return {
          code: 'deadline_passed',
          message: `Case ${c.id}'s ${c.sla.step} deadline, ${localTime(c.sla.deadline, cal.offsetMs)}, has passed: an extension must be requested before it.`,
        };
      }
      return { patch: { pendingExtensionDays: cmd.workingDays }, details: { extensionDays: cmd.workingDays } };
    case 'approve_extension':
      // Granted after the deadline, the extension would date from a deadline already missed.
      if (c.sla && !c.sla.paused && now > c.sla.deadline) {
        return {
          code: 'deadline_passed',
          message: `Case ${c.id}'s ${c.sla.step} deadline, ${localTime(c.sla.deadline, cal.offsetMs)}, has passed: the extension can no longer be approved; refuse it instead.`,
        };
      }
      return { patch: { pendingExtensionDays: null } };
    case 'refuse_extension':
      return { patch: { pendingExtensionDays: null } };
    case 'check_pass':
      return { patch: { closedAt: now }, ...(cmd.evidence ? { details: { evidence: cmd.evidence } } : {}) };
    case 'report_verification':
    case 'check_fail':
      return { patch: {}, ...(cmd.evidence ? { details: { evidence: cmd.evidence } } : {}) };
    case 'evaluate':
      return { patch: { rating: cmd.rating }, details: { rating: cmd.rating } };
    case 'reopen':
      return { patch: { department: null, closedAt: null, rating: null } };
    case 'remind':
      return { patch: { reminders: c.reminders + 1 } };
    case 'supervise':
      return { patch: { supervised: true } };
    case 'merge':
      if (cmd.duplicateId === c.id) return invalid(`Case ${c.id} cannot be merged with itself.`);
      if (c.mergedReportIds.includes(cmd.duplicateId)) {
        return invalid(`Report ${cmd.duplicateId} is already merged into case ${c.id}.`);
      }
      return {
        patch: { mergedReportIds: [...c.mergedReportIds, cmd.duplicateId] },
        details: { duplicateId: cmd.duplicateId },
      };
    case 'merge_into':
      if (cmd.primaryId === c.id) return invalid(`Case ${c.id} cannot be merged into itself.`);
      if (c.mergedReportIds.length > 0) {
        return invalid(`Case ${c.id} has merged reports of its own; it cannot become a duplicate.`);
      }
      return { patch: { mergedInto: cmd.primaryId }, details: { primaryId: cmd.primaryId } };
    case 'verify':
    case 'void':
    case 'acknowledge':
    case 'start':
    case 'request_parking':
    case 'approve_parking':
    case 'refuse_parking':
    case 'unpark':
    case 'feedback':
    case 'start_check':
      return { patch: {} };
  }
}

/** `c` is the case with the action's changes applied; `extensionDays` is what was pending before. */
function nextClock(
  effect: ClockEffect,
  c: CaseRecord,
  extensionDays: number | null,
  now: number,
  rules: DispatchRules,
): SlaClock | null {
  const clock = c.sla;
  switch (effect) {
    case 'keep':
      return clock;
    case 'stop':
      return null;
    case 'close':
      return needsReturnVisit(c) ? startClock('return_visit', c, now, rules.calendar, rules.sla) : null;
    case 'handling':
      // 数字城管 counts handling from dispatch (派遣): a department that signs for late gains
      // no time. The sign-for clock started at dispatch; rework after a failed check restarts.
      return startClock(effect, c, clock?.step === 'sign_for' ? clock.startedAt : now, rules.calendar, rules.sla);
    case 'accept':
    case 'verify':
    case 'register':
    case 'dispatch':
    case 'sign_for':
    case 'checking':
    case 'return_visit':
      return startClock(effect, c, now, rules.calendar, rules.sla);
    case 'pause':
      return clock && pauseClock(clock, now, rules.calendar);
    case 'resume':
      return clock && resumeClock(clock, now, rules.calendar);
    case 'extend':
      return clock && extensionDays ? extendClock(clock, extensionDays, rules.calendar) : clock;
    case 'mark_reminded':
      return clock && { ...clock, remindedAt: now };
    case 'mark_supervised':
      return clock && { ...clock, supervisedAt: now };
  }
}

/** Why `actor` may not take `row`'s action on `c`, or null when it may (state aside). */
function actorRefusal(row: WorkflowRow, c: CaseRecord, actor: Actor, overrides?: CaseRoleOverrides): CommandError | null {
  if (!mayTake(actor.role, row.action, overrides)) {
    return {
      code: 'forbidden_role',
      message: `Role "${actor.role}" may not take action "${row.action}" (allowed: ${rolesMayTake(row.action, overrides).join(', ')}).`,
    };
  }
  if (actor.role === 'department' && actor.department !== c.department) {
    const assigned = c.department ?? 'no department';
    const own = actor.department ?? '(none)';
    return {
      code: 'wrong_department',
      message: `Case ${c.id} is assigned to ${assigned}, not to the actor's department ${own}.`,
    };
  }
  return null;
}

/**
 * Applies one command to a case: checks it against WORKFLOW, the case version, the actor's
 * role and department, and returns the new case with its history entry. The input case is
 * never modified; a refused command leaves nothing to undo.
 */
export function applyCommand(
  c: CaseRecord,
  command: CaseCommand,
  actor: Actor,
  now: number,
  rules: DispatchRules,
): CommandResult {
  if (command.caseId !== c.id) {
    return fail('case_mismatch', `The command is for case ${command.caseId} but was applied to case ${c.id}.`);
  }
  if (command.expectedVersion !== c.version) {
    return fail(
      'version_conflict',
      `Case ${c.id} is at version ${c.version}, not ${command.expectedVersion}: ` +
        'it changed meanwhile; reload it and retry.',
    );
  }
  if (now < c.updatedAt) {
    return fail('invalid_time', `The command time ${iso(now)} is before the case's last change, ${iso(c.updatedAt)}.`);
  }
  const row = workflowRow(command.action);
  if (!row.from.includes(c.state)) {
    return fail(
      'invalid_transition',
      `Action "${row.action}" is not allowed in state "${c.state}" (allowed in: ${row.from.join(', ')}).`,
    );
  }
  const refusal = actorRefusal(row, c, actor, rules.caseRoles);
  if (refusal) return { ok: false, error: refusal };
  const comment = command.comment?.trim();
  if (row.requiresReason && !comment) {
    return fail('reason_required', `Action "${row.action}" requires a reason in the comment.`);
  }
  const changes = changesFor(c, command, now, rules);
  if ('code' in changes) return { ok: false, error: changes };

  const patched: CaseRecord = { ...c, ...changes.patch };
  const sla = nextClock(row.clock, patched, c.pendingExtensionDays, now, rules);
  const to = row.to === 'unchanged' ? c.state : row.to;
  const next: CaseRecord = { ...patched, state: to, sla, version: c.version + 1, updatedAt: now };
  // An approved extension records what was granted and the deadline it led to.
  const details =
    row.clock === 'extend' && sla && !sla.paused && c.pendingExtensionDays
      ? { ...changes.details, extensionDays: c.pendingExtensionDays, extendedUntil: sla.deadline }
      : changes.details;
  const transition: CaseTransition = {
    seq: next.version,
    caseId: c.id,
    action: command.action,
    from: c.state,
    to,
    actor,
    at: now,
    department: c.department,
    sla: c.sla && { step: c.sla.step, deadline: c.sla.paused ? null : c.sla.deadline },
  };
  if (comment) transition.comment = comment;
  if (details && Object.keys(details).length > 0) transition.details = details;
  return { ok: true, case: next, transition };
}

/**
 * Merges a duplicate report into a primary case (并案), atomically: the primary records the
 * duplicate (merge) and the duplicate moves to merged (merge_into), or neither changes.
 */
export function applyMerge(
  primary: CaseRecord,
  duplicate: CaseRecord,
  command: CommandOf<'merge'>,
  actor: Actor,
  now: number,
  rules: DispatchRules,
):
  | { ok: true; primary: CaseRecord; duplicate: CaseRecord; transitions: [CaseTransition, CaseTransition] }
  | { ok: false; error: CommandError } {
  if (duplicate.id !== command.duplicateId) {
    return fail('case_mismatch', `The command names duplicate ${command.duplicateId}, but ${duplicate.id} was given.`);
  }
  const dup = applyCommand(
    duplicate,
    {
      action: 'merge_into',
      caseId: duplicate.id,
      expectedVersion: command.duplicateExpectedVersion,
      primaryId: primary.id,
      ...(command.comment === undefined ? {} : { comment: command.comment }),
    },
    actor,
    now,
    rules,
  );
  if (!dup.ok) return fail(dup.error.code, `Duplicate case: ${dup.error.message}`);
  const main = applyCommand(primary, command, actor, now, rules);
  if (!main.ok) return main;
  return { ok: true, primary: main.case, duplicate: dup.case, transitions: [main.transition, dup.transition] };
}

/** The actions `actor` may take on `c` now, e.g. to show the right buttons. */
export function allowedActions(c: CaseRecord, actor: Actor, overrides?: CaseRoleOverrides): CaseAction[] {
  return WORKFLOW.filter((row) => row.from.includes(c.state) && actorRefusal(row, c, actor, overrides) === null).map(
    (row) => row.action,
  );
}
