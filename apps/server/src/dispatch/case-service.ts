import { can, canTakeCase } from '@cw/access';
import type {
  Actor,
  AlertOrigin,
  CaseAction,
  CaseCommand,
  CaseDetail,
  CaseRecord,
  CaseSlaView,
  CaseSummary,
  AssessmentReport,
  CaseTransition,
  CommandError,
  Department,
  DispatchOverview,
  NewCase,
} from '@cw/contracts';
import {
  KpiHistory,
  allowedActions,
  assessment,
  monthPeriod,
  applyCommand,
  applyMerge,
  dispatchKpis,
  dispatchTrends,
  dueChases,
  dueRedos,
  isLiveCase,
  isOpenCase,
  openCase,
  pastDueCases,
  slaStatus,
  subCategoryProblem,
  suggestMerges,
  type DispatchRules,
  type TrendCase,
} from '@cw/dispatch';
import type { Logger } from 'pino';
import type { Principal } from '../auth/auth-service.ts';
import { localDayAndYear, type Clock } from '../clock.ts';
import type { TopicRegistry } from '../publish/topics.ts';
import { Serial } from '../serial.ts';
import { AlertLinkConflict, CaseConflict, type Storage } from '../storage/storage.ts';

const DAY_MS = 86_400_000;
/**
 * The monthly assessment reads the histories of cases reported this long before the month: a
 * case reported earlier whose deadline still fell in the month (a long extension, a long
 * parking) is not in that month's report.
 */
const ASSESSMENT_LOOKBACK_MS = 183 * DAY_MS;
/** Closed cases stay on the live topics this long (the wall's "closed today" and overdue lists). */
const RECENT_MS = DAY_MS;

export type CommandOutcome =
  | { ok: true; case: CaseSummary }
  | { ok: false; error: CommandError; current?: CaseSummary }
  /** No such case, or one the caller may not read: the two must look the same to them. */
  | { ok: false; error: 'not_found' };

/** Who may read a case at all: every case, or their own department's. */
export function mayRead(who: Pick<Principal, 'role' | 'department'>, c: Pick<CaseRecord, 'department'>): boolean {
  return can(who.role, 'cases.read_all') || (can(who.role, 'cases.read_department') && who.department !== null && c.department === who.department);
}

/** An intake retried under the same idempotency key: the original case, or a clash. */
export type ReportOutcome =
  | { ok: true; case: CaseRecord; replayed: boolean }
  | { ok: false; error: 'idempotency_mismatch' }
  /** Opened from an alert that meanwhile got a case or an emergency from someone else: nothing opened. */
  | { ok: false; error: 'already_linked' }
  /** The report names a sub-category the city does not have, or one of another category. */
  | { ok: false; error: 'invalid_sub_category'; message: string };

export interface CaseServiceOptions {
  rules: DispatchRules;
  /** The departments in force (they can change at run time). */
  departments: () => readonly Department[];
  utcOffsetMs: number;
  /** KPIs cover cases reported in the last this many days. */
  kpiDays: number;
  /** Whether a field photo was uploaded for the case; without it, no command may name a photo. */
  photoExists?: (caseId: string, photoId: string) => Promise<boolean>;
  /**
   * A desk nobody hears (the first start's case replay, apps/server/src/ingest/case-backfill.ts):
   * it publishes nothing and keeps no trends or KPIs, which the live desk rebuilds from storage.
   * Summarising every live case on each replayed minute was most of the replay's time.
   */
  unheard?: boolean;
}

export function actorOf(p: Principal): Actor {
  return p.role === 'department' && p.department !== null
    ? { userId: p.id, role: 'department', department: p.department, name: p.name }
    : { userId: p.id, role: p.role as Actor['role'], name: p.name };
}

/**
 * The dispatch desk on the server: opens cases, applies commands through the workflow table,
 * persists each change before anyone hears of it, and keeps the `cases`, `cases:<department>`
 * and `dispatch` topics equal to the store. Commands run one at a time; the store's version
 * check refuses a change made elsewhere in between.
 */
export class CaseService {
  private readonly active = new Map<string, CaseRecord>();
  private readonly serial = new Serial();
  private kpiTimer: NodeJS.Timeout | undefined;
  /** Histories of the cases inside the KPI window, kept current with every change. */
  private readonly kpiHistory = new KpiHistory();
  /** Cases reported or closed since yesterday began: the board's today against yesterday. */
  private readonly trendCases = new Map<string, TrendCase>();

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
    private readonly clock: Clock,
    private readonly options: CaseServiceOptions,
    private readonly log: Logger,
  ) {
    for (const d of options.departments()) topics.ensure(`cases:${d.id}`);
  }

  private readonly instructionCounts = new Map<string, number>();
  private readonly changeListeners: ((transitions: readonly CaseTransition[]) => void)[] = [];

  /** Hears every accepted change (reports and commands), after it is stored. */
  onChange(listener: (transitions: readonly CaseTransition[]) => void): void {
    this.changeListeners.push(listener);
  }

  private changed(transitions: readonly CaseTransition[]): void {
    for (const listener of this.changeListeners) listener(transitions);
  }

  /** A live case (open, or ended within a day) as stored, or undefined. */
  liveCase(id: string): CaseRecord | undefined {
    return this.active.get(id);
  }

  /** The live cases (open, or ended within a day). */
  liveCases(): CaseRecord[] {
    return [...this.active.values()];
  }

  /** Loads the live cases and the KPI window with a fixed number of reads, whatever their count. */
  async restore(): Promise<void> {
    const now = this.clock.now();
    const live = (await this.storage.activeCases(now - RECENT_MS)).filter((c) => isLiveCase(c, now, RECENT_MS));
    const ids = live.map((c) => c.id);
    const counts = await this.storage.instructionCounts(ids);
    for (const c of live) {
      this.active.set(c.id, c);
      const n = counts.get(c.id);
      if (n !== undefined) this.instructionCounts.set(c.id, n);
    }
    const since = this.kpiWindowStart(now);
    const byCase = new Map<string, CaseTransition[]>();
    for (const t of await this.storage.transitionsOfCasesSince(since)) {
      const list = byCase.get(t.caseId);
      if (list) list.push(t);
      else byCase.set(t.caseId, [t]);
    }
    for (const list of byCase.values()) this.kpiHistory.add(list[0]!.at, list);
    for (const c of await this.storage.activeCases(this.yesterdayStart(now))) this.keepForTrends(c);
    this.publish([...this.active.values()], []);
    await this.publishKpis();
  }

  private yesterdayStart(now: number): number {
    return localDayAndYear(now, this.options.utcOffsetMs).today - DAY_MS;
  }

  private keepForTrends(c: CaseRecord): void {
    const since = this.yesterdayStart(this.clock.now());
    if (c.reportedAt >= since || (c.closedAt !== null && c.closedAt >= since)) {
      this.trendCases.set(c.id, { reportedAt: c.reportedAt, closedAt: c.closedAt, category: c.category, division: c.division });
    }
  }

  private kpiWindowStart(now: number): number {
    return localDayAndYear(now, this.options.utcOffsetMs).today - (this.options.kpiDays - 1) * DAY_MS;
  }

  summary(c: CaseRecord, now = this.clock.now()): CaseSummary {
    return {
      id: c.id,
      version: c.version,
      title: c.title,
      channel: c.channel,
      category: c.category,
      subCategory: c.subCategory,
      requestType: c.requestType,
      urgency: c.urgency,
      division: c.division,
      location: c.location,
      state: c.state,
      department: c.department,
      reportedAt: c.reportedAt,
      updatedAt: c.updatedAt,
      closedAt: c.closedAt,
      supervised: c.supervised,
      reminders: c.reminders,
      mergedInto: c.mergedInto,
      mergedReportIds: c.mergedReportIds,
      sla: this.slaView(c, now),
      instructions: this.instructionCounts.get(c.id) ?? 0,
      ...(c.fromAlert ? { fromAlert: c.fromAlert } : {}),
    };
  }

  private slaView(c: CaseRecord, now: number): CaseSlaView | null {
    const s = slaStatus(c, now, this.options.rules.calendar);
    return s === null ? null : { step: s.step, deadline: s.deadline, light: s.light, fractionUsed: Math.round(s.fractionUsed * 1000) / 1000, overdue: s.overdue, paused: s.paused };
  }

  /**
   * Opens a case from an intake report. With an idempotency key (scoped to the reporting
   * principal), a retry of the same report answers the case the first attempt opened. With
   * `fromAlert`, the case keeps the alert it came from and the alert's link is stored with it.
   */
  report(report: NewCase, actor: Actor, idempotency?: { scope: string; key: string; bodyHash: string }, fromAlert?: { alert: AlertOrigin; by: string }): Promise<ReportOutcome> {
    return this.serial.run(async () => {
      const problem = subCategoryProblem(this.options.rules.subCategories ?? [], report.category, report.subCategory);
      if (problem !== null) return { ok: false, error: 'invalid_sub_category', message: problem } as const;
      if (idempotency) {
        const replay = await this.replayOf(idempotency);
        if (replay !== null) return replay;
      }
      const now = this.clock.now();
      const { today } = localDayAndYear(now, this.options.utcOffsetMs);
      const local = new Date(today + this.options.utcOffsetMs).toISOString().slice(0, 10).replaceAll('-', '');
      const n = await this.storage.nextInSequence(`case:${local}`);
      const id = `C${local}-${String(n).padStart(4, '0')}`;
      const opened = openCase(report, id, actor, now, this.options.rules);
      if (fromAlert) opened.case = { ...opened.case, fromAlert: fromAlert.alert };
      const link = fromAlert && { alertId: fromAlert.alert.id, kind: 'case' as const, id, at: now, by: fromAlert.by };
      try {
        await this.storage.insertCase(opened.case, opened.transition, idempotency, link);
      } catch (err) {
        if (err instanceof AlertLinkConflict) return { ok: false, error: 'already_linked' } as const;
        // Another server node opened a case under this key meanwhile: answer as to a retry.
        const replay = err instanceof CaseConflict && idempotency ? await this.replayOf(idempotency) : null;
        if (replay === null) throw err;
        return replay;
      }
      this.active.set(id, opened.case);
      this.kpiHistory.add(opened.case.reportedAt, [opened.transition]);
      this.changed([opened.transition]);
      this.publish([opened.case], []);
      this.scheduleKpis();
      return { ok: true, case: opened.case, replayed: false } as const;
    });
  }

  /** What a report under an idempotency key already used answers: the original case, or a mismatch; null if the key is new. */
  private async replayOf(idempotency: { scope: string; key: string; bodyHash: string }): Promise<ReportOutcome | null> {
    const seen = await this.storage.idempotentCase(idempotency.scope, idempotency.key);
    if (seen === null) return null;
    if (seen.bodyHash !== idempotency.bodyHash) return { ok: false, error: 'idempotency_mismatch' };
    const original = this.active.get(seen.caseId) ?? (await this.storage.caseById(seen.caseId));
    return original === null ? null : { ok: true, case: original, replayed: true };
  }

  /**
   * Applies a command from a person (or the server acting as `system`). With `reader`, a case
   * that person may not read answers exactly as a missing one, and no refusal carries a case
   * they may not read.
   */
  command(command: CaseCommand, actor: Actor, reader?: Pick<Principal, 'role' | 'department'>): Promise<CommandOutcome> {
    return this.serial.run(async () => {
      const r = await this.applyOne(command, actor);
      if (reader === undefined || r.ok || r.error === 'not_found') return r;
      if (r.current === undefined || mayRead(reader, r.current)) return r;
      return { ok: false, error: 'not_found' } as const;
    });
  }

  private async applyOne(command: CaseCommand, actor: Actor): Promise<CommandOutcome> {
    {
      const now = this.clock.now();
      const current = this.active.get(command.caseId) ?? (await this.storage.caseById(command.caseId));
      if (current === null) return { ok: false, error: 'not_found' };
      const photoId = 'evidence' in command ? command.evidence?.photoId : undefined;
      if (photoId !== undefined && !((await this.options.photoExists?.(command.caseId, photoId)) ?? false)) {
        return { ok: false, error: { code: 'invalid_command', message: `no photo ${photoId} was uploaded for case ${command.caseId}` }, current: this.summary(current, now) };
      }
      let changes: { case: CaseRecord; expectedVersion: number; transitions: CaseTransition[] }[];
      if (command.action === 'merge') {
        const dup = this.active.get(command.duplicateId) ?? (await this.storage.caseById(command.duplicateId));
        if (dup === null) return { ok: false, error: { code: 'invalid_command', message: `no case ${command.duplicateId}` }, current: this.summary(current, now) };
        const r = applyMerge(current, dup, command, actor, now, this.options.rules);
        if (!r.ok) return { ok: false, error: r.error, current: this.summary(current, now) };
        changes = [
          { case: r.primary, expectedVersion: current.version, transitions: [r.transitions[0]] },
          { case: r.duplicate, expectedVersion: dup.version, transitions: [r.transitions[1]] },
        ];
      } else {
        if (command.action === 'dispatch' || command.action === 're_dispatch') {
          if (!this.options.departments().some((d) => d.id === command.department)) {
            return { ok: false, error: { code: 'invalid_command', message: `no department ${command.department}` } };
          }
        }
        const r = applyCommand(current, command, actor, now, this.options.rules);
        if (!r.ok) return { ok: false, error: r.error, current: this.summary(current, now) };
        changes = [{ case: r.case, expectedVersion: current.version, transitions: [r.transition] }];
      }
      try {
        await this.storage.updateCases(changes);
      } catch (err) {
        if (!(err instanceof CaseConflict)) throw err;
        // Another server node changed it: reload so the next attempt sees the truth.
        const fresh = await this.storage.caseById(command.caseId);
        if (fresh) this.active.set(fresh.id, fresh);
        return { ok: false, error: { code: 'version_conflict', message: err.message }, ...(fresh ? { current: this.summary(fresh, now) } : {}) };
      }
      const before = changes.map((ch) => this.active.get(ch.case.id) ?? current);
      for (const ch of changes) {
        this.active.set(ch.case.id, ch.case);
        this.kpiHistory.add(ch.case.reportedAt, ch.transitions);
      }
      this.changed(changes.flatMap((ch) => ch.transitions));
      this.publish(
        changes.map((ch) => ch.case),
        before,
      );
      this.scheduleKpis();
      return { ok: true, case: this.summary(changes[0]!.case, now) };
    }
  }

  /** A case `who` may read, or null (missing or not theirs alike). */
  async readable(id: string, who: Pick<Principal, 'role' | 'department'>): Promise<CaseRecord | null> {
    const c = this.active.get(id) ?? (await this.storage.caseById(id));
    return c !== null && mayRead(who, c) ? c : null;
  }

  /** Whether `role` may take case `action` at all in this city (the profile may set who registers and closes). */
  roleMayTake(role: Principal['role'], action: CaseAction): boolean {
    return canTakeCase(role, action, this.options.rules.caseRoles);
  }

  /** Records a leader's instruction (批示) on a case and shows it on every screen. */
  instruct(id: string, who: Principal, text: string): Promise<CaseSummary | null> {
    return this.serial.run(async () => {
      const c = this.active.get(id) ?? (await this.storage.caseById(id));
      if (c === null) return null;
      await this.storage.addInstruction({ caseId: id, at: this.clock.now(), by: who.id, byName: who.name, text });
      this.instructionCounts.set(id, (this.instructionCounts.get(id) ?? 0) + 1);
      if (this.active.has(id)) this.publish([c], []);
      return this.summary(c);
    });
  }

  /** Reminders, supervision and redos due now, issued by the server; then traffic lights refreshed. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    for (const due of dueChases([...this.active.values()], now, this.options.rules.calendar)) {
      const r = await this.command(due.command, { userId: 'system', role: 'system' });
      if (!r.ok && (r.error === 'not_found' || r.error.code !== 'version_conflict')) this.log.warn({ caseId: due.caseId, error: r.error }, 'automatic chase refused');
    }
    for (const redo of dueRedos([...this.active.values()])) {
      const r = await this.command(redo, { userId: 'system', role: 'system' });
      if (!r.ok && (r.error === 'not_found' || r.error.code !== 'version_conflict')) this.log.warn({ caseId: redo.caseId, error: r.error }, 'automatic redo refused');
    }
    // Ended cases (closed, voided, merged) leave the live topics after a day.
    const gone = [...this.active.values()].filter((c) => !isLiveCase(c, now, RECENT_MS));
    for (const c of gone) this.active.delete(c.id);
    this.publish([...this.active.values()], [], gone);
  }

  /** A case as `who` may see it; 'not_found' also for a case they may not read. */
  async detail(id: string, who: Principal): Promise<CaseDetail | 'not_found'> {
    const c = this.active.get(id) ?? (await this.storage.caseById(id));
    if (c === null || !mayRead(who, c)) return 'not_found';
    const record = visibleRecord(c, who);
    const now = this.clock.now();
    const candidates = suggestMerges([...this.active.values()].filter((x) => x.id === c.id || ['reported', 'verifying', 'verified', 'registered'].includes(x.state)));
    const duplicates = candidates
      .filter((m) => m.primaryId === c.id || m.duplicateId === c.id)
      .map((m) => {
        const other = this.active.get(m.primaryId === c.id ? m.duplicateId : m.primaryId)!;
        return { id: other.id, title: other.title, channel: other.channel, distanceM: Math.round(m.distanceM), gapMs: m.gapMs, score: m.score };
      });
    return {
      case: record,
      history: await this.storage.caseHistory(id),
      allowed: allowedActions(c, actorOf(who), this.options.rules.caseRoles),
      duplicates,
      sla: this.slaView(c, now),
      instructions: (await this.storage.instructions(id)).map((i) => ({ at: i.at, byName: i.byName, text: i.text })),
    };
  }

  /** Puts changed cases on `cases` and on their department's topic; takes them off a department they left. */
  private publish(cases: readonly CaseRecord[], before: readonly CaseRecord[], removed: readonly CaseRecord[] = []): void {
    if (this.options.unheard === true) return;
    const now = this.clock.now();
    for (const c of cases) this.keepForTrends(c);
    const all = new Map<string, CaseSummary>();
    const byDept = new Map<string, Map<string, CaseSummary>>();
    const leave = new Map<string, string[]>();
    for (const c of cases) {
      const s = this.summary(c, now);
      all.set(c.id, s);
      if (c.department !== null) {
        if (!byDept.has(c.department)) byDept.set(c.department, new Map());
        byDept.get(c.department)!.set(c.id, s);
      }
    }
    for (const b of before) {
      const after = cases.find((c) => c.id === b.id);
      if (b.department !== null && after?.department !== b.department) leave.set(b.department, [...(leave.get(b.department) ?? []), b.id]);
    }
    for (const r of removed) if (r.department !== null) leave.set(r.department, [...(leave.get(r.department) ?? []), r.id]);
    this.topics.publish('cases', all, removed.map((r) => r.id));
    for (const d of new Set([...byDept.keys(), ...leave.keys()])) {
      const topic = `cases:${d}` as const;
      if (this.topics.get(topic) === undefined) continue;
      this.topics.publish(topic, byDept.get(d) ?? new Map(), leave.get(d) ?? []);
    }
  }

  /** KPIs are recomputed from the stored histories at most once a second. */
  private scheduleKpis(): void {
    if (this.options.unheard === true) return;
    if (this.kpiTimer !== undefined) return;
    this.kpiTimer = setTimeout(() => {
      this.kpiTimer = undefined;
      this.publishKpis().catch((err: unknown) => this.log.error({ err }, 'dispatch KPIs failed'));
    }, 1000);
  }

  async publishKpis(): Promise<DispatchOverview> {
    const now = this.clock.now();
    const { today } = localDayAndYear(now, this.options.utcOffsetMs);
    this.kpiHistory.rollOff(this.kpiWindowStart(now));
    const transitions = this.kpiHistory.transitions();
    const open = [...this.active.values()].filter(isOpenCase);
    const since = today - DAY_MS;
    for (const [id, c] of this.trendCases) if (c.reportedAt < since && (c.closedAt === null || c.closedAt < since)) this.trendCases.delete(id);
    const overview: DispatchOverview = {
      ...dispatchKpis(transitions, today, pastDueCases(open, now)),
      days: this.options.kpiDays,
      open: open.length,
      overdue: open.filter((c) => this.slaView(c, now)?.overdue).length,
      supervisedOpen: open.filter((c) => c.supervised).length,
      trends: dispatchTrends(this.trendCases.values(), today, now),
    };
    this.topics.publish('dispatch', new Map([['kpis', overview]]));
    return overview;
  }

  /**
   * The monthly assessment (月度考核) of `month` ("YYYY-MM", local), from the stored histories
   * and the handling clocks running now; null for a month that has not begun.
   */
  async assessment(month: string): Promise<AssessmentReport | null> {
    const now = this.clock.now();
    const period = monthPeriod(month, this.options.utcOffsetMs);
    if (period.from > now) return null;
    const transitions = await this.storage.transitionsOfCasesSince(period.from - ASSESSMENT_LOOKBACK_MS);
    const open = new Map<string, number>();
    for (const c of this.active.values()) if (c.sla?.step === 'handling' && !c.sla.paused) open.set(c.id, c.sla.deadline);
    return { month, generatedAt: now, ...assessment(transitions, period, open) };
  }

  /** Cases not yet ended, counted by state (for the metrics). */
  openByState(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.active.values()) if (isOpenCase(c)) out.set(c.state, (out.get(c.state) ?? 0) + 1);
    return out;
  }

  stop(): void {
    clearTimeout(this.kpiTimer);
  }
}

/**
 * What of a case record `who` may see: the reporter (personal data) only with
 * cases.read_personal; the description only for those who handle cases (the centre and the
 * assigned department), never on a wall or an administrator's screen.
 */
export function visibleRecord(c: CaseRecord, who: Pick<Principal, 'role'>): CaseRecord {
  const personal = can(who.role, 'cases.read_personal');
  const handles = personal || can(who.role, 'cases.read_department') || can(who.role, 'cases.read_field');
  return { ...c, reporter: personal ? c.reporter : undefined, description: handles ? c.description : '' };
}
