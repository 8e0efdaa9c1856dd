import {
  DEPARTMENT_STATUSES,
  REPORT_KINDS,
  declareEmergencySchema,
  type DeclareEmergency,
  type DepartmentStatus,
  type EmergencyAction,
  type EmergencyCategory,
  type EmergencyInstruction,
  type EmergencyLevel,
  type EmergencyRecord,
  type EmergencyReport,
  type EmergencySubtype,
  type ReportDeadline,
  type ReportKind,
} from '@cw/contracts';

/**
 * The command desk's pure parts: the order emergencies are listed in, which controls the
 * server's `allowed` opens, the reporting timers, the report slots, the department desk's
 * next steps and the declaration form. The server decides everything again.
 */

/** Active first, the highest level (smallest number) leading, then the earliest declared; stood down after, newest first. */
export function sortEmergencies<E extends Pick<EmergencyRecord, 'status' | 'level' | 'declaredAt'>>(records: readonly E[]): E[] {
  return [...records].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
    if (a.status === 'active') return a.level - b.level || a.declaredAt - b.declaredAt;
    return b.declaredAt - a.declaredAt;
  });
}

/** The parts of the desk a user may work, from the detail's `allowed` (permission, status and department applied by the server). */
export interface DeskControls {
  changeLevel: boolean;
  standDown: boolean;
  casualties: boolean;
  checklist: boolean;
  notify: boolean;
  instruct: boolean;
  draftReport: boolean;
  sendReport: boolean;
  phoneReport: boolean;
  note: boolean;
}

export function deskControls(allowed: readonly EmergencyAction[]): DeskControls {
  const has = (a: EmergencyAction) => allowed.includes(a);
  return {
    changeLevel: has('change_level'),
    standDown: has('stand_down'),
    casualties: has('update_casualties'),
    checklist: has('check_item'),
    notify: has('notify_department'),
    instruct: has('instruct'),
    draftReport: has('draft_report'),
    sendReport: has('send_report'),
    phoneReport: has('record_phone_report'),
    note: has('add_note'),
  };
}

export type DeadlineState = 'met' | 'overdue' | 'running';

/** A reporting limit now: met, overdue (the server marked it, or its time passed unmet), or running with the time left. */
export function deadlineState(d: ReportDeadline, now: number): { state: DeadlineState; ms: number } {
  if (d.metAt !== null) return { state: 'met', ms: d.metAt - d.dueAt };
  if (d.overdueAt !== null || now >= d.dueAt) return { state: 'overdue', ms: now - d.dueAt };
  return { state: 'running', ms: d.dueAt - now };
}

export interface ReportSlot {
  kind: ReportKind;
  /** The unsent draft of this kind, if any. */
  draft: EmergencyReport | null;
  /** Sent reports of this kind, oldest first; frozen. */
  sent: EmergencyReport[];
  /** Whether a (new) draft of this kind may be made now. */
  open: boolean;
}

/**
 * 初报 once, first; 续报 (any number) and 终报 only once the 初报 was sent; nothing after the
 * 终报 was sent (docs/emergency.md "Rules inside the commands").
 */
export function reportSlots(reports: readonly EmergencyReport[]): ReportSlot[] {
  const sentOf = (k: ReportKind) => reports.filter((r) => r.kind === k && r.sentAt !== null).sort((a, b) => a.sentAt! - b.sentAt!);
  const initialSent = sentOf('initial').length > 0;
  const finalSent = sentOf('final').length > 0;
  return REPORT_KINDS.map((kind) => ({
    kind,
    draft: reports.find((r) => r.kind === kind && r.sentAt === null) ?? null,
    sent: sentOf(kind),
    open: !finalSent && (kind === 'initial' ? !initialSent : initialSent),
  }));
}

/** The statuses a department may report next: only forward, skipping allowed. */
export function nextStatuses(current: DepartmentStatus): DepartmentStatus[] {
  return DEPARTMENT_STATUSES.slice(DEPARTMENT_STATUSES.indexOf(current) + 1);
}

/** Instructions addressed to the department that it has not acknowledged yet, oldest first. */
export function pendingInstructions(e: Pick<EmergencyRecord, 'instructions'>, department: string): EmergencyInstruction[] {
  return e.instructions.filter((i) => i.to.includes(department) && i.acknowledgedBy[department] === undefined);
}

/** Whether a department's desk shows the emergency: it is linked, or an instruction is addressed to it. */
export function concernsDepartment(e: Pick<EmergencyRecord, 'departments' | 'instructions'>, department: string): boolean {
  return e.departments.some((d) => d.department === department) || e.instructions.some((i) => i.to.includes(department));
}

// ---- declaring --------------------------------------------------------------------------

/** What the declaration form holds, as typed. */
export interface DeclareDraft {
  title: string;
  category: EmergencyCategory;
  subtype: string;
  level: EmergencyLevel | null;
  drill: boolean;
  reason: string;
  deaths: string;
  injured: string;
  missing: string;
  lossesWan: string;
  /** Declared directly (no case): where. */
  division: string;
  address: string;
}

export type DeclareField = 'title' | 'subtype' | 'level' | 'reason' | 'deaths' | 'injured' | 'missing' | 'lossesWan' | 'division' | 'address';

/** Where a declaration comes from: open cases (location from the first), or a division's centre. */
export type DeclareOrigin = { caseIds: string[] } | { location: [number, number]; division: string };

const count = (s: string): number | null => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : s.trim() === '' ? 0 : null);
const amount = (s: string): number | null => {
  const t = s.trim();
  if (t === '') return 0;
  return /^\d{1,9}(\.\d{1,2})?$/.test(t) ? Number(t) : null;
};

/** The casualties and losses typed so far, or null where a figure is not a whole number (losses: up to 2 decimals). */
export function draftFigures(d: Pick<DeclareDraft, 'deaths' | 'injured' | 'missing' | 'lossesWan'>) {
  return { deaths: count(d.deaths), injured: count(d.injured), missing: count(d.missing), lossesWan: amount(d.lossesWan) };
}

/**
 * The declaration the form describes, or the fields that are wrong. The sub-type must be one
 * of the profile's for the category; the level is the officer's choice (the suggestion is
 * only shown).
 */
export function draftToDeclaration(d: DeclareDraft, subtypes: readonly EmergencySubtype[], origin: DeclareOrigin): { ok: true; declaration: DeclareEmergency } | { ok: false; fields: DeclareField[] } {
  const wrong: DeclareField[] = [];
  const f = draftFigures(d);
  if (d.title.trim() === '') wrong.push('title');
  if (!subtypes.some((s) => s.id === d.subtype && s.category === d.category)) wrong.push('subtype');
  if (d.level === null) wrong.push('level');
  if (d.reason.trim() === '') wrong.push('reason');
  if (f.deaths === null) wrong.push('deaths');
  if (f.injured === null) wrong.push('injured');
  if (f.missing === null) wrong.push('missing');
  if (f.lossesWan === null) wrong.push('lossesWan');
  if ('division' in origin && origin.division === '') wrong.push('division');
  if (wrong.length > 0) return { ok: false, fields: wrong };
  const parsed = declareEmergencySchema.safeParse({
    title: d.title.trim(),
    category: d.category,
    subtype: d.subtype,
    level: d.level,
    drill: d.drill,
    reason: d.reason.trim(),
    casualties: { deaths: f.deaths, injured: f.injured, missing: f.missing },
    lossesWan: f.lossesWan,
    ...origin,
    ...(d.address.trim() === '' ? {} : { address: d.address.trim() }),
  });
  if (!parsed.success) return { ok: false, fields: [...new Set(parsed.error.issues.map(fieldOf))] };
  return { ok: true, declaration: parsed.data };
}

const FIELDS: readonly DeclareField[] = ['title', 'subtype', 'level', 'reason', 'deaths', 'injured', 'missing', 'lossesWan', 'division', 'address'];

/** The form field a schema issue is about (casualties by their figure; the place by its division). */
function fieldOf(issue: { path: readonly PropertyKey[] }): DeclareField {
  const [first, second] = issue.path.map(String);
  const name = first === 'casualties' ? second : first === 'location' ? 'division' : first;
  return (FIELDS as readonly (string | undefined)[]).includes(name) ? (name as DeclareField) : 'title';
}
