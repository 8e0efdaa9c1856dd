import {
  DEPARTMENT_SLA_STEPS,
  type CaseRecord,
  type CaseSubCategory,
  type Category,
  type CommandOf,
  type RequestType,
  type SlaClock,
  type SlaLight,
  type SlaStep,
  type TimeLimit,
  type TimeUnit,
  type Urgency,
} from '@cw/contracts';
import {
  SLA_STEP_LABELS,
} from '@cw/vocabulary';
import {
  HOUR_MS,
  addWorkingDays,
  addWorkingTime,
  workingMsBetween,
  type WorkingCalendar,
} from './calendar.ts';

/**
 * Time limits (办理时限) and the step clock. Working-hour and working-day limits follow the
 * working calendar; clock-hour limits (for critical cases and emergencies) run day and night.
 */

export type { TimeLimit, TimeUnit };
export type UrgencyLimits = Readonly<Record<Urgency, TimeLimit>>;

/**
 * Limits of one step. The most specific entry wins: the sub-category (小类, at normal urgency
 * only: urgent and critical cases keep their shorter limits), the 12345 request type (hotline
 * cases), then the category, then the default.
 */
export interface StepLimits {
  default: UrgencyLimits;
  bySubCategory?: Readonly<Record<string, TimeLimit>>;
  byCategory?: Readonly<Partial<Record<Category, UrgencyLimits>>>;
  byRequestType?: Readonly<Partial<Record<RequestType, UrgencyLimits>>>;
}
export type SlaPolicy = Readonly<Record<SlaStep, StepLimits>>;

const wh = (amount: number): TimeLimit => ({ amount, unit: 'working_hours' });
const wd = (amount: number): TimeLimit => ({ amount, unit: 'working_days' });
const ch = (amount: number): TimeLimit => ({ amount, unit: 'clock_hours' });
const limits = (normal: TimeLimit, urgent: TimeLimit, critical: TimeLimit): UrgencyLimits => ({
  normal,
  urgent,
  critical,
});

/**
 * 12345 limits: sign-for within 1 working day; handling of 2 (inquiry), 5 (help), 15
 * (complaint) or 10 (suggestion) working days; urgent demands in 2 hours on the wall clock,
 * since a burst main or a trapped caller does not wait for office hours.
 */
const HOTLINE_SIGN_FOR = limits(wd(1), ch(0.5), ch(0.25));

/**
 * Intake at the command centre, after the Taiyuan 数字城管 rule (立案、派遣 within 30 minutes,
 * urgent ones within 10; checking within 1 hour): acceptance, registration and dispatch 30
 * working minutes each, on-site verification 1 working hour. Urgent and critical reports and
 * emergencies are taken on the wall clock, the centre being staffed day and night.
 */
const TEN_MINUTES = ch(1 / 6);
const INTAKE_STEP = limits(wh(0.5), TEN_MINUTES, TEN_MINUTES);
const INTAKE_EMERGENCY = limits(TEN_MINUTES, TEN_MINUTES, TEN_MINUTES);
const hotlineHandling = (days: number) => limits(wd(days), ch(2), ch(2));

/** Defaults after common 数字城管 and 12345 practice; a city overrides them as data. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  accept: { default: INTAKE_STEP, byCategory: { emergency: INTAKE_EMERGENCY } },
  verify: {
    default: limits(wh(1), ch(0.5), ch(0.5)),
    byCategory: { emergency: limits(ch(0.5), ch(0.5), ch(0.5)) },
  },
  register: { default: INTAKE_STEP, byCategory: { emergency: INTAKE_EMERGENCY } },
  dispatch: { default: INTAKE_STEP, byCategory: { emergency: INTAKE_EMERGENCY } },
  sign_for: {
    default: limits(wh(2), wh(0.5), ch(0.25)),
    byCategory: { emergency: limits(ch(0.5), ch(0.25), ch(0.25)) },
    byRequestType: { inquiry: HOTLINE_SIGN_FOR, help: HOTLINE_SIGN_FOR, complaint: HOTLINE_SIGN_FOR, suggestion: HOTLINE_SIGN_FOR },
  },
  handling: {
    default: limits(wd(3), wh(4), ch(2)),
    byCategory: {
      city_appearance: limits(wd(1), wh(4), ch(2)),
      street_order: limits(wh(4), wh(2), ch(2)),
      emergency: limits(ch(4), ch(2), ch(1)),
      road_traffic: limits(wd(2), wh(4), ch(2)),
      landscaping: limits(wd(5), wh(4), ch(2)),
      housing_land: limits(wd(5), wh(4), ch(2)),
      other: limits(wd(5), wh(4), ch(2)),
    },
    byRequestType: {
      inquiry: hotlineHandling(2),
      help: hotlineHandling(5),
      complaint: hotlineHandling(15),
      suggestion: hotlineHandling(10),
    },
  },
  checking: {
    default: limits(wd(1), wh(4), ch(2)),
    byCategory: { emergency: limits(ch(2), ch(1), ch(1)) },
  },
  // The hotline calls the caller back within 2 working days of closure, whatever the urgency.
  return_visit: { default: limits(wd(2), wd(2), wd(2)) },
};

/** The policy with the handling limits of a city's sub-categories (profile `caseCategories`). */
export function withSubCategories(policy: SlaPolicy, subCategories: readonly CaseSubCategory[]): SlaPolicy {
  const bySubCategory = Object.fromEntries(subCategories.map((s) => [s.id, s.handling]));
  return { ...policy, handling: { ...policy.handling, bySubCategory: { ...policy.handling.bySubCategory, ...bySubCategory } } };
}

/** Share of the allowance used from which the light turns yellow and a reminder is due. */
export const WARNING_FRACTION = 0.8;

type Classification = Pick<CaseRecord, 'category' | 'subCategory' | 'requestType' | 'urgency'>;

export function stepLimit(policy: SlaPolicy, step: SlaStep, c: Classification): TimeLimit {
  const p = policy[step];
  const bySub = c.urgency === 'normal' && c.subCategory !== undefined ? p.bySubCategory?.[c.subCategory] : undefined;
  if (bySub) return bySub;
  const byType = c.requestType === undefined ? undefined : p.byRequestType?.[c.requestType];
  return (byType ?? p.byCategory?.[c.category] ?? p.default)[c.urgency];
}

function deadlineFor(cal: WorkingCalendar, start: number, limit: TimeLimit): number {
  switch (limit.unit) {
    case 'working_hours':
      return addWorkingTime(cal, start, Math.round(limit.amount * HOUR_MS));
    case 'working_days':
      return addWorkingDays(cal, start, limit.amount);
    case 'clock_hours':
      return start + Math.round(limit.amount * HOUR_MS);
  }
}

/** Allowance left from `now` to `deadline` in the clock's basis; negative once overdue. */
function remaining(clock: SlaClock & { paused: false }, now: number, cal: WorkingCalendar): number {
  return clock.basis === 'working_time' ? workingMsBetween(cal, now, clock.deadline) : clock.deadline - now;
}

/** The clock of a step that starts now, with the limit the policy sets for the case. */
export function startClock(
  step: SlaStep,
  c: Classification,
  now: number,
  cal: WorkingCalendar,
  policy: SlaPolicy,
): SlaClock {
  const limit = stepLimit(policy, step, c);
  const deadline = deadlineFor(cal, now, limit);
  const basis = limit.unit === 'clock_hours' ? 'clock_time' : 'working_time';
  return {
    step,
    basis,
    startedAt: now,
    // At least 1 ms, so that a zero limit in a policy cannot divide by zero later.
    budgetMs: Math.max(1, basis === 'working_time' ? workingMsBetween(cal, now, deadline) : deadline - now),
    remindedAt: null,
    supervisedAt: null,
    paused: false,
    deadline,
  };
}

/** An approved extension (延期): the deadline moves by whole working days. */
export function extendClock(clock: SlaClock, workingDays: number, cal: WorkingCalendar): SlaClock {
  if (clock.paused) return clock;
  const deadline = addWorkingDays(cal, clock.deadline, workingDays);
  const added =
    clock.basis === 'working_time' ? workingMsBetween(cal, clock.deadline, deadline) : deadline - clock.deadline;
  return { ...clock, deadline, budgetMs: clock.budgetMs + added };
}

const common = (c: SlaClock) => ({
  step: c.step,
  basis: c.basis,
  startedAt: c.startedAt,
  budgetMs: c.budgetMs,
  remindedAt: c.remindedAt,
  supervisedAt: c.supervisedAt,
});

/** Parking (挂账) stops the clock; what was left of the allowance is kept. */
export function pauseClock(clock: SlaClock, now: number, cal: WorkingCalendar): SlaClock {
  if (clock.paused) return clock;
  return { ...common(clock), paused: true, pausedAt: now, remainingMs: Math.max(0, remaining(clock, now, cal)) };
}

/** Un-parking resumes the clock with the allowance that was left when it stopped. */
export function resumeClock(clock: SlaClock, now: number, cal: WorkingCalendar): SlaClock {
  if (!clock.paused) return clock;
  const left = clock.remainingMs;
  const deadline = clock.basis === 'working_time' ? addWorkingTime(cal, now, left) : now + left;
  return { ...common(clock), paused: false, deadline };
}

export interface SlaStatus {
  step: SlaStep;
  light: SlaLight;
  /** Null while the clock is paused. */
  deadline: number | null;
  /** Share of the allowance used; above 1 once overdue (in working time for working limits). */
  fractionUsed: number;
  overdue: boolean;
  paused: boolean;
}

/**
 * Traffic light of the current step: green below 80 % of the allowance used, yellow from 80 %
 * up to the deadline, red after it. Null when no step is timed.
 */
export function slaStatus(c: Pick<CaseRecord, 'sla'>, now: number, cal: WorkingCalendar): SlaStatus | null {
  const clock = c.sla;
  if (!clock) return null;
  const left = clock.paused ? clock.remainingMs : remaining(clock, now, cal);
  const fractionUsed = Math.max(0, (clock.budgetMs - left) / clock.budgetMs);
  const overdue = !clock.paused && now > clock.deadline;
  return {
    step: clock.step,
    light: overdue ? 'red' : fractionUsed >= WARNING_FRACTION ? 'yellow' : 'green',
    deadline: clock.paused ? null : clock.deadline,
    fractionUsed,
    overdue,
    paused: clock.paused,
  };
}

/** The comment of an automatic redo (重办), in the city's language like everything people write. */
export const REDO_COMMENT = '回访不满意，系统自动重办';

/**
 * Redos (重办) the server should issue now: a case whose caller was dissatisfied at the
 * return visit goes back to registration, to be dispatched again, as a `system` reopen.
 */
export function dueRedos(cases: readonly CaseRecord[]): CommandOf<'reopen'>[] {
  return cases
    .filter((c) => c.state === 'evaluated' && c.rating === 'dissatisfied')
    .map((c) => ({ caseId: c.id, expectedVersion: c.version, action: 'reopen', comment: REDO_COMMENT }));
}

export type ChaseDue = {
  caseId: string;
  step: SlaStep;
  deadline: number;
  fractionUsed: number;
} & ({ action: 'remind'; command: CommandOf<'remind'> } | { action: 'supervise'; command: CommandOf<'supervise'> });

const CHASED_STEPS: readonly SlaStep[] = DEPARTMENT_SLA_STEPS;

/**
 * Reminders (催办) and supervisions (督办) the server should issue now, as ready commands for
 * the system actor: a reminder once a department step has used 80 % of its allowance,
 * supervision once it is overdue. Each is issued once per step; supervision supersedes a
 * reminder that was never sent. The command centre's own steps (intake, checking) are not chased.
 */
export function dueChases(cases: readonly CaseRecord[], now: number, cal: WorkingCalendar): ChaseDue[] {
  const due: ChaseDue[] = [];
  for (const c of cases) {
    const clock = c.sla;
    if (!clock || clock.paused || !CHASED_STEPS.includes(clock.step)) continue;
    const { fractionUsed, overdue } = slaStatus(c, now, cal)!;
    const base = { caseId: c.id, step: clock.step, deadline: clock.deadline, fractionUsed };
    const target = { caseId: c.id, expectedVersion: c.version };
    if (overdue && clock.supervisedAt === null) {
      // Comments are case data, written in the city's language like everything people write.
      const comment = `系统自动督办：${SLA_STEP_LABELS[clock.step].zh}已超期`;
      due.push({ ...base, action: 'supervise', command: { ...target, action: 'supervise', comment } });
    } else if (!overdue && fractionUsed >= WARNING_FRACTION && clock.remindedAt === null) {
      const comment = `系统自动催办：${SLA_STEP_LABELS[clock.step].zh}时限已用 ${WARNING_FRACTION * 100}%`;
      due.push({ ...base, action: 'remind', command: { ...target, action: 'remind', comment } });
    }
  }
  return due;
}
