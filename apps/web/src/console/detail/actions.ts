import { canTakeCase } from '@cw/access';
import type { CaseAction, CaseCommand, CaseRoleOverrides, Category, Rating, RequestType, Role, Urgency } from '@cw/contracts';
import { WORKFLOW } from '@cw/dispatch';

/**
 * The console's action buttons: which ones a user sees, in what order, under which key,
 * what each asks for, and the command it sends.
 */

/**
 * Button order: the case's next step forward first (so "1" is always "move it on"), then
 * decisions on requests, chasing, the department's own requests, and last what sends a
 * case back, merges it away or ends it.
 */
export const ACTION_ORDER: readonly CaseAction[] = [
  'report_verification',
  'register',
  'close_on_call',
  'verify',
  'dispatch',
  're_dispatch',
  'acknowledge',
  'start',
  'feedback',
  'start_check',
  'check_pass',
  'evaluate',
  'approve_extension',
  'refuse_extension',
  'approve_parking',
  'refuse_parking',
  'unpark',
  'remind',
  'supervise',
  'request_extension',
  'request_parking',
  'check_fail',
  'merge',
  'merge_into',
  'return',
  'reopen',
  'void',
];

export interface ShortcutAction {
  action: CaseAction;
  /** The key that takes it: "1" to "9". */
  key: string;
}

/**
 * The actions to show: those the server allows this user on this case now, that the
 * permission table gives the role (the server refuses the rest anyway), in button order,
 * each with its number key.
 */
export function shortcutActions(allowed: readonly CaseAction[], role: Role, overrides?: CaseRoleOverrides): ShortcutAction[] {
  return ACTION_ORDER.filter((a) => allowed.includes(a) && canTakeCase(role, a, overrides))
    .slice(0, 9)
    .map((action, i) => ({ action, key: String(i + 1) }));
}

export type CommentNeed = 'required' | 'optional' | 'none';

/** What an action asks the user for before it is sent. */
export interface ActionFields {
  department: boolean;
  workingDays: boolean;
  rating: boolean;
  /** Closing on the call records the answer given to the caller. */
  answer: boolean;
  /** merge: the duplicate report to attach; merge_into: the case this one duplicates. */
  other: 'duplicate' | 'primary' | null;
  /** Registration may correct the category, request type and urgency. */
  classification: boolean;
  comment: CommentNeed;
}

const REASONED: ReadonlySet<CaseAction> = new Set(WORKFLOW.filter((r) => r.requiresReason).map((r) => r.action));
/** Actions whose record is worth a remark even though they need no reason: what was done. */
const REMARKED: ReadonlySet<CaseAction> = new Set(['feedback']);

export function actionFields(action: CaseAction): ActionFields {
  const fields = {
    department: action === 'dispatch' || action === 're_dispatch',
    workingDays: action === 'request_extension',
    rating: action === 'evaluate',
    answer: action === 'close_on_call',
    other: action === 'merge' ? 'duplicate' : action === 'merge_into' ? 'primary' : null,
    classification: action === 'register',
  } as const;
  const asksSomething = fields.department || fields.workingDays || fields.rating || fields.answer || fields.other !== null || fields.classification;
  const comment: CommentNeed = REASONED.has(action) ? 'required' : asksSomething || REMARKED.has(action) ? 'optional' : 'none';
  return { ...fields, comment };
}

/** An action with nothing to ask is taken at once, on its click or key. */
export const needsForm = (f: ActionFields): boolean =>
  f.department || f.workingDays || f.rating || f.answer || f.other !== null || f.classification || f.comment !== 'none';

export interface ActionValues {
  department?: string;
  workingDays?: number;
  rating?: Rating;
  answer?: string;
  /** The other case of a merge, at the version the user saw. */
  other?: { id: string; version: number };
  category?: Category;
  /** The sub-category (小类) chosen at registration. */
  subCategory?: string;
  requestType?: RequestType;
  urgency?: Urgency;
  comment?: string;
}

export type FormProblem = 'department' | 'workingDays' | 'rating' | 'answer' | 'other' | 'comment';

/** What is missing or wrong in a form before it may be sent (the server checks again). */
export function formProblems(action: CaseAction, v: ActionValues): FormProblem[] {
  const f = actionFields(action);
  const problems: FormProblem[] = [];
  if (f.department && !v.department) problems.push('department');
  if (f.workingDays && !(Number.isInteger(v.workingDays) && v.workingDays! >= 1 && v.workingDays! <= 30)) problems.push('workingDays');
  if (f.rating && !v.rating) problems.push('rating');
  if (f.answer && !v.answer?.trim()) problems.push('answer');
  if (f.other !== null && !v.other) problems.push('other');
  if (f.comment === 'required' && !v.comment?.trim()) problems.push('comment');
  return problems;
}

/**
 * The command for an action on a case at the version the user saw. Call only when
 * formProblems is empty; a blank comment is left out.
 */
export function buildCommand(action: CaseAction, target: { id: string; version: number }, v: ActionValues): CaseCommand {
  const comment = v.comment?.trim();
  const base = { caseId: target.id, expectedVersion: target.version, ...(comment ? { comment } : {}) };
  switch (action) {
    case 'dispatch':
    case 're_dispatch':
      return { ...base, action, department: v.department! };
    case 'request_extension':
      return { ...base, action, workingDays: v.workingDays! };
    case 'evaluate':
      return { ...base, action, rating: v.rating! };
    case 'close_on_call':
      return { ...base, action, answer: v.answer!.trim() };
    case 'merge':
      return { ...base, action, duplicateId: v.other!.id, duplicateExpectedVersion: v.other!.version };
    case 'merge_into':
      return { ...base, action, primaryId: v.other!.id };
    case 'register':
      return {
        ...base,
        action,
        ...(v.category ? { category: v.category } : {}),
        ...(v.subCategory ? { subCategory: v.subCategory } : {}),
        ...(v.requestType ? { requestType: v.requestType } : {}),
        ...(v.urgency ? { urgency: v.urgency } : {}),
      };
    default:
      return { ...base, action };
  }
}
