import {
  DEPARTMENT_STATUSES,
  type AffectedArea,
  type ChecklistItem,
  type DeclareEmergency,
  type EmergencyAction,
  type EmergencyActor,
  type EmergencyCommand,
  type EmergencyCommandOf,
  type EmergencyError,
  type EmergencyErrorCode,
  type EmergencyRecord,
  type EmergencyStatus,
  type LinkedDepartment,
  type PlanResponse,
  type TimelineEntry,
  type TimelineFacts,
} from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_LABELS,
  REPORT_KIND_LABELS,
} from '@cw/vocabulary';
import { can } from '@cw/access';
import type { EmergencyContext, Notification } from './context.ts';
import { meetDeadline, mergeDeadlines, reportDeadlines } from './deadlines.ts';
import { findPlan, responseDepartments, responseFor } from './plans.ts';
import { draftReport } from './reports.ts';

export type EmergencyWorkflowAction = 'declare' | EmergencyAction;

export interface EmergencyWorkflowRow {
  action: EmergencyWorkflowAction;
  /** Statuses the action is allowed in; empty for declare, which creates the record. */
  from: readonly EmergencyStatus[];
  to: EmergencyStatus | 'unchanged';
  /** Department handlers act only for their own department, which must be concerned. */
  ownDepartment: boolean;
}

const ACTIVE: readonly EmergencyStatus[] = ['active'];
const ANY: readonly EmergencyStatus[] = ['active', 'stood_down'];

/** THE emergency state machine: one row per action. Who may act is the permission table's. */
export const EMERGENCY_WORKFLOW: readonly EmergencyWorkflowRow[] = [
  { action: 'declare', from: [], to: 'active', ownDepartment: false },
  { action: 'change_level', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'stand_down', from: ACTIVE, to: 'stood_down', ownDepartment: false },
  { action: 'update_casualties', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'set_area', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'set_department_status', from: ACTIVE, to: 'unchanged', ownDepartment: true },
  { action: 'check_item', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'notify_department', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'instruct', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'acknowledge_instruction', from: ACTIVE, to: 'unchanged', ownDepartment: true },
  { action: 'draft_report', from: ANY, to: 'unchanged', ownDepartment: false },
  { action: 'send_report', from: ANY, to: 'unchanged', ownDepartment: false },
  { action: 'record_phone_report', from: ACTIVE, to: 'unchanged', ownDepartment: false },
  { action: 'add_note', from: ANY, to: 'unchanged', ownDepartment: false },
];

const ROW = new Map(EMERGENCY_WORKFLOW.map((r) => [r.action, r]));
export const workflowRow = (action: EmergencyWorkflowAction): EmergencyWorkflowRow => ROW.get(action)!;

export type Outcome = { ok: true; record: EmergencyRecord; notifications: Notification[] } | { ok: false; error: EmergencyError };

const fail = (code: EmergencyErrorCode, message: string): Outcome => ({ ok: false, error: { code, message } });

/** The actions this actor may take on the record now (drives the screens' buttons). */
export function allowedActions(e: EmergencyRecord, actor: Pick<EmergencyActor, 'role' | 'department'>): EmergencyAction[] {
  const out: EmergencyAction[] = [];
  for (const row of EMERGENCY_WORKFLOW) {
    if (row.action === 'declare' || !row.from.includes(e.status)) continue;
    if (actor.role === 'system' || !can(actor.role, `emergency.${row.action}`)) continue;
    if (row.ownDepartment && !concerns(e, row.action, actor.department)) continue;
    out.push(row.action);
  }
  return out;
}

/** Is the department concerned by a department-scoped action: linked, or addressed by an open instruction. */
function concerns(e: EmergencyRecord, action: EmergencyAction, department: string | null): boolean {
  if (department === null) return false;
  if (action === 'acknowledge_instruction') return e.instructions.some((i) => i.to.includes(department) && i.acknowledgedBy[department] === undefined);
  return e.departments.some((d) => d.department === department);
}

// ---- building blocks -------------------------------------------------------------------

const levelText = (level: EmergencyRecord['level']) => EMERGENCY_LEVEL_LABELS[level].zh;
const deptName = (ctx: EmergencyContext, id: string) => ctx.departmentName(id) ?? id;

/** Appends timeline entries one by one, keeping their sequence numbers consecutive. */
function append(e: EmergencyRecord, entries: Omit<TimelineEntry, 'seq'>[]): EmergencyRecord {
  const timeline = [...e.timeline];
  for (const x of entries) timeline.push({ ...x, seq: timeline.length + 1 });
  return { ...e, timeline };
}

function linkDepartment(department: string, lead: boolean, at: number): LinkedDepartment {
  return { department, lead, status: 'notified', statusAt: { notified: at }, silentSince: null };
}

function checklistOf(response: PlanResponse | null): ChecklistItem[] {
  return (response?.checklist ?? []).map((c) => ({ id: c.id, text: c.text, doneAt: null, doneBy: null }));
}

export function areaText(area: AffectedArea): string {
  return area.kind === 'radius' ? `半径${area.radiusM >= 1000 ? `${area.radiusM / 1000}公里` : `${area.radiusM}米`}范围` : `划定区域（${area.ring.length}个顶点）`;
}

export function notificationText(e: EmergencyRecord, ctx: EmergencyContext, extra?: string): string {
  const drill = e.drill ? '【演练】' : '';
  const base = `${drill}${ctx.cityName}${levelText(e.level)}突发事件：${e.title}（${EMERGENCY_CATEGORY_LABELS[e.category].zh}），地点${ctx.divisionName(e.division) ?? e.division}${e.address ?? ''}。请立即响应并在系统中反馈处置状态。`;
  return extra === undefined || extra === '' ? base : `${base}${extra}`;
}

/** Records notifications for departments on the timeline; the server appends delivery results. */
function notify(e: EmergencyRecord, ctx: EmergencyContext, departments: readonly string[], at: number, actor: EmergencyActor, text: string, facts: TimelineFacts = {}): { record: EmergencyRecord; notifications: Notification[] } {
  const record = append(
    e,
    departments.map((d) => ({ at, actor, kind: 'notification' as const, text: `通知${deptName(ctx, d)}：${text}`, department: d, facts })),
  );
  return { record, notifications: departments.map((department) => ({ department, text })) };
}

// ---- declaring -----------------------------------------------------------------------------

/** A declaration with the place resolved (from the first case when declared from cases). */
export type Declaration = DeclareEmergency & { location: [number, number]; division: string };

/**
 * Declares an emergency: checks the classification against the profile, links the plan's
 * departments for the level and notifies them, copies the checklist, and starts the reporting
 * limits. The caller checked the permission (`emergency.declare`).
 */
export function declareEmergency(input: Declaration, id: string, actor: EmergencyActor, at: number, ctx: EmergencyContext): Outcome {
  const subtype = ctx.profile.subtypes.find((s) => s.id === input.subtype);
  if (subtype === undefined) return fail('invalid_command', `unknown sub-type ${input.subtype}`);
  if (subtype.category !== input.category) return fail('invalid_command', `sub-type ${input.subtype} belongs to category ${subtype.category}, not ${input.category}`);
  if (ctx.divisionName(input.division) === undefined) return fail('invalid_command', `unknown division ${input.division}`);
  const plan = findPlan(ctx.profile, input.category, input.subtype);
  const response = responseFor(plan, input.level);
  const departments = response === null ? [] : responseDepartments(response);
  let record: EmergencyRecord = {
    id,
    title: input.title,
    category: input.category,
    subtype: input.subtype,
    level: input.level,
    drill: input.drill,
    status: 'active',
    declaredAt: at,
    declaredBy: actor.name,
    standDownAt: null,
    standDownReason: null,
    location: input.location,
    address: input.address ?? null,
    division: input.division,
    area: input.area,
    caseIds: input.caseIds,
    casualties: input.casualties,
    lossesWan: input.lossesWan,
    planId: plan?.id ?? null,
    commander: response?.commander ?? null,
    departments: departments.map((d) => linkDepartment(d, d === response?.leadDepartment, at)),
    checklist: checklistOf(response),
    instructions: [],
    reports: [],
    reportDeadlines: reportDeadlines(ctx.profile.reportDeadlines, input.level, at),
    timeline: [],
    version: 1,
    updatedAt: at,
  };
  const from = input.caseIds.length > 0 ? `（由案件${input.caseIds.join('、')}升级）` : '';
  const plans = plan === null ? '，无匹配预案' : `，启动《${plan.name.zh}》`;
  record = append(record, [
    {
      at,
      actor,
      kind: 'declared',
      text: `${input.drill ? '【演练】' : ''}宣布启动${levelText(input.level)}应急响应${plans}${from}：${input.reason}`,
      facts: { level: input.level, planId: plan?.id ?? null, caseIds: input.caseIds, drill: input.drill, reason: input.reason },
    },
  ]);
  const sent = notify(record, ctx, departments, at, actor, notificationText(record, ctx));
  return { ok: true, record: sent.record, notifications: sent.notifications };
}

// ---- commands ------------------------------------------------------------------------------

/**
 * Applies one command: permission, department scope, version, status, then content. A
 * refusal returns an error and no record, so nothing changes. Every accepted command raises
 * the version by one and appends to the timeline.
 */
export function applyEmergencyCommand(e: EmergencyRecord, cmd: EmergencyCommand, actor: EmergencyActor, at: number, ctx: EmergencyContext): Outcome {
  const row = workflowRow(cmd.action);
  if (actor.role === 'system' || !can(actor.role, `emergency.${cmd.action}`)) return fail('forbidden_role', `role ${actor.role} may not ${cmd.action}`);
  if (row.ownDepartment && 'department' in cmd && cmd.department !== actor.department) return fail('wrong_department', `a handler of ${actor.department ?? 'no department'} may act only for their own department`);
  if (cmd.version !== e.version) return fail('version_conflict', `the emergency is at version ${e.version}, the command was for version ${cmd.version}: reload and retry`);
  if (!row.from.includes(e.status)) return fail('invalid_transition', `${cmd.action} is not allowed when the emergency is ${e.status}`);
  if (at < e.updatedAt) return fail('invalid_command', 'the command is older than the emergency’s last change');
  const out = apply(e, cmd as never, actor, at, ctx);
  if (!out.ok) return out;
  return { ok: true, notifications: out.notifications, record: { ...out.record, version: e.version + 1, updatedAt: at } };
}

type Handler<A extends EmergencyAction> = (e: EmergencyRecord, cmd: EmergencyCommandOf<A>, actor: EmergencyActor, at: number, ctx: EmergencyContext) => Outcome;

const done = (record: EmergencyRecord, notifications: Notification[] = []): Outcome => ({ ok: true, record, notifications });

const HANDLERS: { [A in EmergencyAction]: Handler<A> } = {
  change_level(e, cmd, actor, at, ctx) {
    if (cmd.level === e.level) return fail('invalid_command', `the emergency is already ${levelText(e.level)}`);
    const plan = ctx.profile.plans.find((p) => p.id === e.planId) ?? null;
    const response = responseFor(plan, cmd.level);
    const added = response === null ? [] : responseDepartments(response).filter((d) => !e.departments.some((x) => x.department === d));
    const newItems = checklistOf(response).filter((c) => !e.checklist.some((x) => x.id === c.id));
    const direction = cmd.level < e.level ? '提升' : '调整';
    let record: EmergencyRecord = {
      ...e,
      level: cmd.level,
      commander: response?.commander ?? e.commander,
      departments: [...e.departments, ...added.map((d) => linkDepartment(d, false, at))],
      checklist: [...e.checklist, ...newItems],
      reportDeadlines: mergeDeadlines(e.reportDeadlines, reportDeadlines(ctx.profile.reportDeadlines, cmd.level, at)),
    };
    record = append(record, [{ at, actor, kind: 'level_changed', text: `响应级别由${levelText(e.level)}${direction}为${levelText(cmd.level)}：${cmd.reason}`, facts: { fromLevel: e.level, level: cmd.level, reason: cmd.reason } }]);
    const sent = notify(record, ctx, added, at, actor, notificationText(record, ctx));
    return done(sent.record, sent.notifications);
  },
  stand_down(e, cmd, actor, at) {
    return done(append({ ...e, status: 'stood_down', standDownAt: at, standDownReason: cmd.reason }, [{ at, actor, kind: 'stood_down', text: `终止应急响应：${cmd.reason}`, facts: { reason: cmd.reason } }]));
  },
  update_casualties(e, cmd, actor, at) {
    const c = cmd.casualties;
    const note = cmd.note === undefined || cmd.note === '' ? '' : `（${cmd.note}）`;
    const text = `伤亡损失更新：死亡${c.deaths}人、受伤${c.injured}人、失踪${c.missing}人，直接经济损失约${cmd.lossesWan}万元${note}`;
    const facts: TimelineFacts = { casualties: c, lossesWan: cmd.lossesWan, ...(note === '' ? {} : { note: cmd.note }) };
    return done(append({ ...e, casualties: c, lossesWan: cmd.lossesWan }, [{ at, actor, kind: 'casualties', text, facts }]));
  },
  set_area(e, cmd, actor, at) {
    return done(append({ ...e, area: cmd.area }, [{ at, actor, kind: 'area', text: `影响范围调整为${areaText(cmd.area)}`, facts: { area: cmd.area } }]));
  },
  set_department_status(e, cmd, actor, at, ctx) {
    const d = e.departments.find((x) => x.department === cmd.department);
    if (d === undefined) return fail('wrong_department', `${cmd.department} is not linked to this emergency`);
    if (DEPARTMENT_STATUSES.indexOf(cmd.status) <= DEPARTMENT_STATUSES.indexOf(d.status)) {
      return fail('invalid_command', `status can only move forward: ${d.status} is already at or past ${cmd.status}`);
    }
    const updated: LinkedDepartment = { ...d, status: cmd.status, statusAt: { ...d.statusAt, [cmd.status]: at }, silentSince: null };
    const note = cmd.note === undefined || cmd.note === '' ? '' : `：${cmd.note}`;
    const text = `${deptName(ctx, d.department)}${DEPARTMENT_STATUS_LABELS[cmd.status].zh}${note}`;
    return done(append({ ...e, departments: e.departments.map((x) => (x === d ? updated : x)) }, [{ at, actor, kind: 'department_status', text, department: d.department, facts: { status: cmd.status, ...(note === '' ? {} : { note: cmd.note }) } }]));
  },
  check_item(e, cmd, actor, at) {
    const item = e.checklist.find((c) => c.id === cmd.itemId);
    if (item === undefined) return fail('invalid_command', `no checklist item ${cmd.itemId}`);
    if (item.doneAt !== null) return fail('invalid_command', `checklist item ${cmd.itemId} was done by ${item.doneBy ?? ''}`);
    const checklist = e.checklist.map((c) => (c === item ? { ...c, doneAt: at, doneBy: actor.name } : c));
    return done(append({ ...e, checklist }, [{ at, actor, kind: 'checklist', text: `完成：${item.text.zh}`, facts: { itemId: item.id } }]));
  },
  notify_department(e, cmd, actor, at, ctx) {
    if (ctx.departmentName(cmd.department) === undefined) return fail('invalid_command', `unknown department ${cmd.department}`);
    const linked = e.departments.some((d) => d.department === cmd.department);
    const record = linked ? e : { ...e, departments: [...e.departments, linkDepartment(cmd.department, false, at)] };
    const message = cmd.message === undefined || cmd.message === '' ? {} : { note: cmd.message };
    const sent = notify(record, ctx, [cmd.department], at, actor, notificationText(record, ctx, cmd.message), message);
    return done(sent.record, sent.notifications);
  },
  instruct(e, cmd, actor, at, ctx) {
    const to = [...new Set(cmd.to)];
    const unlinked = to.filter((d) => !e.departments.some((x) => x.department === d));
    if (unlinked.length > 0) return fail('invalid_command', `not linked to this emergency: ${unlinked.join(', ')} (notify them first)`);
    const id = `i${e.instructions.length + 1}`;
    const instruction = { id, at, by: actor.name, text: cmd.text, to, acknowledgedBy: {} };
    let record: EmergencyRecord = { ...e, instructions: [...e.instructions, instruction] };
    record = append(record, [{ at, actor, kind: 'instruction', text: `${actor.name}批示（致${to.map((d) => deptName(ctx, d)).join('、')}）：${cmd.text}`, facts: { instructionId: id, to, note: cmd.text } }]);
    const sent = notify(record, ctx, to, at, actor, `${e.drill ? '【演练】' : ''}${actor.name}对“${e.title}”批示：${cmd.text}。请在系统中签收。`);
    return done(sent.record, sent.notifications);
  },
  acknowledge_instruction(e, cmd, actor, at, ctx) {
    const inst = e.instructions.find((i) => i.id === cmd.instructionId);
    if (inst === undefined) return fail('invalid_command', `no instruction ${cmd.instructionId}`);
    if (!inst.to.includes(cmd.department)) return fail('wrong_department', `instruction ${inst.id} is not addressed to ${cmd.department}`);
    if (inst.acknowledgedBy[cmd.department] !== undefined) return fail('invalid_command', `${cmd.department} already acknowledged instruction ${inst.id}`);
    const updated = { ...inst, acknowledgedBy: { ...inst.acknowledgedBy, [cmd.department]: at } };
    const record = { ...e, instructions: e.instructions.map((i) => (i === inst ? updated : i)) };
    return done(append(record, [{ at, actor, kind: 'instruction_ack', text: `${deptName(ctx, cmd.department)}签收批示：${inst.text}`, department: cmd.department, facts: { instructionId: inst.id, note: inst.text } }]));
  },
  draft_report(e, cmd, actor, at, ctx) {
    const sent = e.reports.filter((r) => r.sentAt !== null);
    if (cmd.kind === 'initial' && sent.some((r) => r.kind === 'initial')) return fail('invalid_command', '初报已报送，请起草续报或终报');
    if (cmd.kind !== 'initial' && !sent.some((r) => r.kind === 'initial')) return fail('invalid_command', '请先报送初报');
    if (sent.some((r) => r.kind === 'final')) return fail('invalid_command', '终报已报送');
    const draft = cmd.text ?? draftReport(e, cmd.kind, ctx, at);
    const existing = e.reports.find((r) => r.kind === cmd.kind && r.sentAt === null);
    const report = { id: existing?.id ?? `r${e.reports.length + 1}`, kind: cmd.kind, draft, draftedAt: at, sentAt: null, sentBy: null, text: null };
    const reports = existing === undefined ? [...e.reports, report] : e.reports.map((r) => (r === existing ? report : r));
    return done(append({ ...e, reports }, [{ at, actor, kind: 'report_drafted', text: `起草${REPORT_KIND_LABELS[cmd.kind].zh}`, facts: { reportKind: cmd.kind } }]));
  },
  send_report(e, cmd, actor, at) {
    const report = e.reports.find((r) => r.id === cmd.reportId);
    if (report === undefined) return fail('invalid_command', `no report ${cmd.reportId}`);
    if (report.sentAt !== null) return fail('invalid_command', `report ${report.id} was sent and cannot change`);
    if (report.kind !== 'initial' && !e.reports.some((r) => r.kind === 'initial' && r.sentAt !== null)) return fail('invalid_command', '请先报送初报');
    const frozen = { ...report, sentAt: at, sentBy: actor.name, text: cmd.text };
    const record = { ...e, reports: e.reports.map((r) => (r === report ? frozen : r)), reportDeadlines: meetDeadline(e.reportDeadlines, 'written', at) };
    return done(append(record, [{ at, actor, kind: 'report_sent', text: `报送${REPORT_KIND_LABELS[report.kind].zh}（书面）`, facts: { reportKind: report.kind } }]));
  },
  record_phone_report(e, cmd, actor, at) {
    return done(append({ ...e, reportDeadlines: meetDeadline(e.reportDeadlines, 'phone', at) }, [{ at, actor, kind: 'phone_report', text: `电话报告：${cmd.note}`, facts: { note: cmd.note } }]));
  },
  add_note(e, cmd, actor, at) {
    return done(append(e, [{ at, actor, kind: 'note', text: cmd.text, facts: { note: cmd.text } }]));
  },
};

function apply<A extends EmergencyAction>(e: EmergencyRecord, cmd: EmergencyCommandOf<A>, actor: EmergencyActor, at: number, ctx: EmergencyContext): Outcome {
  return (HANDLERS[cmd.action] as Handler<A>)(e, cmd, actor, at, ctx);
}

/** Appends server entries (delivery results, silence, overdue limits) without a new version. */
export function appendSystemEntries(e: EmergencyRecord, entries: Omit<TimelineEntry, 'seq'>[]): EmergencyRecord {
  return append(e, entries);
}
