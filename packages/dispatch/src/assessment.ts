import { HANDLING_SLA_STEPS, type Assessment, type AssessmentPeriod, type CaseTransition, type CentreAssessment, type DepartmentAssessment, type SlaStep } from '@cw/contracts';

/**
 * The monthly assessment (月度考核) an assessment office publishes: per department 按期处置率,
 * 处置率, 延期率, 返工率 and 回访满意率 with the department ranking (考核排名), and the centre's
 * 立案数, 应结案数 and 结案率. Denominators follow practice: what fell due in the period
 * (应处置数 / 应结案数 = assignments and cases whose deadline fell in the period), not what
 * was registered in it. Everything is judged as of the end of the period, so a report on a past
 * month does not change when a case is fed back later.
 */

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
const HANDLING_STEPS: readonly SlaStep[] = HANDLING_SLA_STEPS;

/** One department's turn with a case: from its dispatch until it is returned, re-dispatched or fed back. */
interface Assignment {
  department: string;
  /** The handling deadline in force (null until the department signs for it). */
  deadline: number | null;
  fedBackAt: number | null;
  onTime: boolean;
  extended: boolean;
  reworked: boolean;
  /** Returned (退回) or taken away before feedback: not the department's to answer for. */
  dropped: boolean;
}

/**
 * The assessment of `period` from case histories (`transitions`, any order, any cases: give
 * every case that may have fallen due in the period) and the handling deadlines of open cases
 * whose handling clock is running now (`openHandlingDeadlines`, by case id: a deadline not yet
 * written into any history entry).
 */
export function assessment(
  transitions: readonly CaseTransition[],
  period: AssessmentPeriod,
  openHandlingDeadlines: ReadonlyMap<string, number> = new Map(),
): Assessment {
  const inPeriod = (ms: number) => ms >= period.from && ms < period.to;
  const byCase = new Map<string, CaseTransition[]>();
  for (const t of transitions) {
    const list = byCase.get(t.caseId);
    if (list) list.push(t);
    else byCase.set(t.caseId, [t]);
  }
  const centre: CentreAssessment = { registered: 0, due: 0, closed: 0, closedOnTime: 0, closureRate: null, onTimeClosureRate: null };
  const depts = new Map<string, DepartmentAssessment>();
  const dept = (id: string) => {
    let d = depts.get(id);
    if (!d) {
      d = {
        department: id,
        dispatched: 0,
        due: 0,
        handled: 0,
        handledOnTime: 0,
        extended: 0,
        reworked: 0,
        evaluated: 0,
        satisfied: 0,
        onTimeRate: null,
        handlingRate: null,
        extensionRate: null,
        reworkRate: null,
        satisfactionRate: null,
        rank: null,
      };
      depts.set(id, d);
    }
    return d;
  };

  for (const [caseId, unsorted] of byCase) {
    const history = [...unsorted].sort((a, b) => a.seq - b.seq);
    const assignments: Assignment[] = [];
    let current: Assignment | null = null;
    let takenInAt: number | null = null;
    let closedAt: number | null = null;
    let closedOnCall = false;
    let anyLate = false;
    for (const t of history) {
      if (takenInAt === null && (t.action === 'register' || t.action === 'close_on_call')) takenInAt = t.at;
      if (t.action === 'close_on_call') closedOnCall = true;
      if (closedAt === null && (t.action === 'check_pass' || t.action === 'close_on_call')) closedAt = t.at;
      // A reopened case (重办) is judged again on its new round.
      if (t.action === 'reopen') closedAt = null;
      if (t.sla?.deadline != null && HANDLING_STEPS.includes(t.sla.step) && t.at > t.sla.deadline && t.action !== 'report') anyLate = true;
      if (t.action === 'evaluate' && t.details?.rating && t.department && inPeriod(t.at)) {
        const d = dept(t.department);
        d.evaluated++;
        if (t.details.rating !== 'dissatisfied') d.satisfied++;
      }
      if ((t.action === 'dispatch' || t.action === 're_dispatch') && t.details?.department) {
        if (current && current.fedBackAt === null) current.dropped = true;
        current = { department: t.details.department, deadline: null, fedBackAt: null, onTime: false, extended: false, reworked: false, dropped: false };
        assignments.push(current);
        if (inPeriod(t.at)) dept(t.details.department).dispatched++;
        continue;
      }
      if (current === null) continue;
      if (t.action === 'return' && current.fedBackAt === null) current.dropped = true;
      if (current.fedBackAt === null && t.sla?.step === 'handling' && t.sla.deadline !== null) current.deadline = t.sla.deadline;
      if (t.action === 'approve_extension') {
        current.extended = true;
        if (current.fedBackAt === null && t.details?.extendedUntil !== undefined) current.deadline = t.details.extendedUntil;
      }
      if (t.action === 'feedback' && current.fedBackAt === null) {
        current.fedBackAt = t.at;
        current.onTime = current.deadline !== null && t.at <= current.deadline;
      }
      if (t.action === 'check_fail') current.reworked = true;
    }
    const open = openHandlingDeadlines.get(caseId);
    if (current && current.fedBackAt === null && !current.dropped && open !== undefined) current.deadline = open;

    for (const a of assignments) {
      if (a.dropped || a.deadline === null || !inPeriod(a.deadline)) continue;
      const d = dept(a.department);
      d.due++;
      if (a.extended) d.extended++;
      if (a.fedBackAt !== null && a.fedBackAt < period.to) {
        d.handled++;
        if (a.onTime) d.handledOnTime++;
        if (a.reworked) d.reworked++;
      }
    }

    if (takenInAt !== null && inPeriod(takenInAt)) centre.registered++;
    // The case is due when its last assignment's handling deadline falls in the period.
    const last = [...assignments].reverse().find((a) => !a.dropped);
    const dueAt = closedOnCall ? closedAt : (last?.deadline ?? null);
    if (dueAt !== null && inPeriod(dueAt)) {
      centre.due++;
      if (closedAt !== null && closedAt < period.to) {
        centre.closed++;
        if (!anyLate) centre.closedOnTime++;
      }
    }
  }

  centre.closureRate = ratio(centre.closed, centre.due);
  centre.onTimeClosureRate = ratio(centre.closedOnTime, centre.due);
  const rows = [...depts.values()].map((d) => ({
    ...d,
    onTimeRate: ratio(d.handledOnTime, d.due),
    handlingRate: ratio(d.handled, d.due),
    extensionRate: ratio(d.extended, d.due),
    reworkRate: ratio(d.reworked, d.handled),
    satisfactionRate: ratio(d.satisfied, d.evaluated),
  }));
  return { period, centre, departments: rankDepartments(rows) };
}

/**
 * 考核排名: by 按期处置率 (higher first), then 返工率 (lower first; none handled counts as
 * none reworked), then 回访满意率 (higher first; no visit ranks below any rate). Departments
 * equal on all three share a rank and the next rank is skipped (1, 1, 3). Departments with
 * nothing due are not ranked.
 */
export function rankDepartments(rows: readonly DepartmentAssessment[]): DepartmentAssessment[] {
  const key = (d: DepartmentAssessment): [number, number, number] => [-(d.onTimeRate ?? 0), d.reworkRate ?? 0, -(d.satisfactionRate ?? -1)];
  const compare = (a: DepartmentAssessment, b: DepartmentAssessment) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  };
  const byId = (a: DepartmentAssessment, b: DepartmentAssessment) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0);
  const ranked = rows.filter((d) => d.due > 0).sort((a, b) => compare(a, b) || byId(a, b));
  const out = ranked.map((d) => ({ ...d, rank: null as number | null }));
  out.forEach((d, i) => {
    d.rank = i > 0 && compare(out[i - 1]!, d) === 0 ? out[i - 1]!.rank : i + 1;
  });
  const unranked = rows.filter((d) => d.due === 0).sort(byId).map((d) => ({ ...d, rank: null }));
  return [...out, ...unranked];
}

/** The calendar month `month` ("YYYY-MM") of a city `utcOffsetMs` from UTC, as [from, to) instants. */
export function monthPeriod(month: string, utcOffsetMs: number): AssessmentPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM: ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  if (index < 0 || index > 11) throw new Error(`month must be YYYY-MM: ${month}`);
  return { from: Date.UTC(year, index, 1) - utcOffsetMs, to: Date.UTC(year, index + 1, 1) - utcOffsetMs };
}
