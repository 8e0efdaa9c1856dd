import { HANDLING_SLA_STEPS, SLA_STEPS, type CaseRecord, type CaseTransition, type DepartmentKpi, type DispatchKpis, type Rating, type SlaStep } from '@cw/contracts';
import { workflowRow, type ClockEffect } from './workflow.ts';

/**
 * Dispatch KPIs from case histories, plus which open cases are past due. Rates are fractions
 * in [0, 1], null when there is nothing to divide by. Denominators follow 数字城管 and 12345
 * evaluation: 结案率 and 按期结案率 are taken over the cases due for closure (应结案数), so
 * cases whose time has not yet come, voided and merged reports do not count against them.
 */

const DAY_MS = 86_400_000;

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
/** A report starts acceptance (受理); every other transition does what its workflow row says. */
const clockOf = (t: CaseTransition): ClockEffect => (t.action === 'report' ? 'accept' : workflowRow(t.action).clock);
const isStep = (effect: ClockEffect): effect is SlaStep => (SLA_STEPS as readonly string[]).includes(effect);
/** A transition that starts a step, closes the case or stops the clock ends whatever step was running. */
const endsStep = (effect: ClockEffect) => isStep(effect) || effect === 'close' || effect === 'stop';
const late = (t: CaseTransition) => t.sla?.deadline != null && t.at > t.sla.deadline;
/** 按期结案 judges the steps from dispatch to closure; the centre's intake steps are its own. */
const lateInHandling = (t: CaseTransition) => late(t) && (HANDLING_SLA_STEPS as readonly SlaStep[]).includes(t.sla!.step);
const CLOSURE_DUE_STEPS: readonly SlaStep[] = ['handling', 'checking'];

/**
 * Open cases due for closure by `now`: a handling or checking clock running past its deadline.
 * A case waiting to be signed for, parked or not yet dispatched has no closure deadline yet.
 */
export function pastDueCases(cases: readonly Pick<CaseRecord, 'id' | 'sla'>[], now: number): Set<string> {
  const ids = new Set<string>();
  for (const c of cases) {
    if (c.sla && !c.sla.paused && CLOSURE_DUE_STEPS.includes(c.sla.step) && now > c.sla.deadline) ids.add(c.id);
  }
  return ids;
}

/**
 * KPIs over `transitions` (any order, any number of cases); "today" starts at `dayStart`;
 * `pastDue` names the open cases due for closure (pastDueCases).
 */
export function dispatchKpis(transitions: readonly CaseTransition[], dayStart: number, pastDue: ReadonlySet<string>): DispatchKpis {
  const isToday = (t: CaseTransition) => t.at >= dayStart && t.at < dayStart + DAY_MS;
  const byCase = new Map<string, CaseTransition[]>();
  for (const t of transitions) {
    const list = byCase.get(t.caseId);
    if (list) list.push(t);
    else byCase.set(t.caseId, [t]);
  }

  const k: DispatchKpis = {
    openedToday: 0,
    closedToday: 0,
    registered: 0,
    due: 0,
    closed: 0,
    closedOnTime: 0,
    closureRate: null,
    onTimeClosureRate: null,
    extended: 0,
    extensionRate: null,
    reworked: 0,
    reworkRate: null,
    averageStepMs: { accept: null, verify: null, register: null, dispatch: null, sign_for: null, handling: null, checking: null, return_visit: null },
    returns: 0,
    reworks: 0,
    evaluated: 0,
    satisfied: 0,
    satisfactionRate: null,
    departments: [],
  };
  const durations: Record<SlaStep, number[]> = { accept: [], verify: [], register: [], dispatch: [], sign_for: [], handling: [], checking: [], return_visit: [] };
  const depts = new Map<string, DepartmentKpi>();
  const dept = (id: string) => {
    let d = depts.get(id);
    if (!d) {
      d = { department: id, handled: 0, handledOnTime: 0, onTimeRate: null, acknowledged: 0, returns: 0, reworks: 0 };
      depts.set(id, d);
    }
    return d;
  };

  for (const [caseId, history] of byCase) {
    history.sort((a, b) => a.seq - b.seq);
    const last = history[history.length - 1]!;
    let open: { step: SlaStep; at: number } | null = null;
    let anyLate = false;
    for (const t of history) {
      // Every return visit counts, also one whose dissatisfied caller had the case redone.
      const rating: Rating | undefined = t.action === 'evaluate' ? t.details?.rating : undefined;
      if (rating) {
        k.evaluated++;
        if (rating !== 'dissatisfied') k.satisfied++;
      }
      const effect = clockOf(t);
      if (endsStep(effect) && lateInHandling(t)) anyLate = true;
      // A closure starts a return visit only for the cases that get one: the history shows it
      // by the return-visit clock in force when the visit (or a reopening) ended it.
      if (open && endsStep(effect) && (open.step !== 'return_visit' || t.sla?.step === 'return_visit')) {
        durations[open.step].push(t.at - open.at);
      }
      if (endsStep(effect)) open = null;
      if (isStep(effect)) open = { step: effect, at: t.at };
      if (effect === 'close') open = { step: 'return_visit', at: t.at };
      if (t.action === 'return') {
        k.returns++;
        if (t.department) dept(t.department).returns++;
      }
      if (t.action === 'check_fail') {
        k.reworks++;
        if (t.department) dept(t.department).reworks++;
      }
      if (t.action === 'acknowledge' && t.department) dept(t.department).acknowledged++;
      if (t.action === 'feedback' && t.department) {
        const d = dept(t.department);
        d.handled++;
        if (!late(t)) d.handledOnTime++;
      }
    }
    if (history.some((t) => t.action === 'report' && isToday(t))) k.openedToday++;
    if (history.some((t) => t.to === 'closed' && isToday(t))) k.closedToday++;
    // A case closed on the call was taken in and handled at once, like a registered one.
    if (history.some((t) => t.to === 'registered' || t.action === 'close_on_call')) {
      k.registered++;
      if (history.some((t) => t.action === 'approve_extension')) k.extended++;
      const closed = last.to === 'closed' || last.to === 'evaluated';
      if (closed || pastDue.has(caseId)) k.due++;
      if (closed) {
        k.closed++;
        if (!anyLate) k.closedOnTime++;
        if (history.some((t) => t.action === 'check_fail' || t.action === 'reopen')) k.reworked++;
      }
    }
  }

  k.closureRate = ratio(k.closed, k.due);
  k.onTimeClosureRate = ratio(k.closedOnTime, k.due);
  k.extensionRate = ratio(k.extended, k.registered);
  k.reworkRate = ratio(k.reworked, k.closed);
  k.satisfactionRate = ratio(k.satisfied, k.evaluated);
  for (const step of SLA_STEPS) {
    const list = durations[step];
    k.averageStepMs[step] = list.length === 0 ? null : list.reduce((a, b) => a + b, 0) / list.length;
  }
  k.departments = [...depts.values()]
    .map((d) => ({ ...d, onTimeRate: ratio(d.handledOnTime, d.handled) }))
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        b.handled - a.handled ||
        (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
    );
  return k;
}
