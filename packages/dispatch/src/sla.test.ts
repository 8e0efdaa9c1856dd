import { describe, expect, it } from 'vitest';
import type { Actor, CaseCommand, CaseRecord, CaseSubCategory, CaseTransition, NewCase, RequestType, SlaStep, Urgency } from '@cw/contracts';
import { HOUR_MS, createWorkingCalendar } from './calendar.ts';
import { DEFAULT_SLA_POLICY, REDO_COMMENT, dueChases, dueRedos, slaStatus, startClock, stepLimit, withSubCategories } from './sla.ts';
import { applyCommand, openCase, type DispatchRules } from './workflow.ts';
import { at, calendar, handler, leader, local, officer, report, rules, shiftLeader, system } from './testing.ts';

/** A command without its target, which play fills in. */
type Step = CaseCommand extends infer C
  ? C extends CaseCommand
    ? Omit<C, 'caseId' | 'expectedVersion'>
    : never
  : never;

/** Opens a case and plays commands on it at the given local times; any refusal fails the test. */
function play(id: string, openedAt: string, overrides: Partial<NewCase>, steps: [Step, Actor, string][], withRules: DispatchRules = rules) {
  const rules = withRules;
  let c = openCase(report(overrides), id, officer, at(openedAt), rules).case;
  const history: CaseTransition[] = [];
  for (const [step, actor, when] of steps) {
    const command = { ...step, caseId: c.id, expectedVersion: c.version } as CaseCommand;
    const r = applyCommand(c, command, actor, at(when), rules);
    if (!r.ok) throw new Error(`${step.action} at ${when}: ${r.error.message}`);
    c = r.case;
    history.push(r.transition);
  }
  return { c, history };
}

const water = handler('dept-water');
const intake = (dispatchAt: string): [Step, Actor, string][] => [
  [{ action: 'register' }, officer, dispatchAt],
  [{ action: 'dispatch', department: 'dept-water' }, officer, dispatchAt],
];
const deadline = (c: CaseRecord) => local(c.sla && !c.sla.paused ? c.sla.deadline : null);

describe('stepLimit', () => {
  it('takes the request type for hotline cases, else the category, else the default', () => {
    const limit = (step: SlaStep, c: Parameters<typeof stepLimit>[2]) => {
      const { amount, unit } = stepLimit(DEFAULT_SLA_POLICY, step, c);
      return `${amount} ${unit}`;
    };
    const hotline = { category: 'city_appearance', requestType: 'complaint', urgency: 'normal' } as const;
    expect(limit('handling', hotline)).toBe('15 working_days');
    expect(limit('handling', { ...hotline, requestType: 'inquiry' })).toBe('2 working_days');
    expect(limit('handling', { ...hotline, urgency: 'urgent' })).toBe('2 clock_hours');
    expect(limit('sign_for', hotline)).toBe('1 working_days');
    const inspector = { category: 'city_appearance', urgency: 'normal' } as const;
    expect(limit('handling', inspector)).toBe('1 working_days');
    expect(limit('handling', { ...inspector, category: 'advertising' })).toBe('3 working_days');
    expect(limit('sign_for', inspector)).toBe('2 working_hours');
    expect(limit('sign_for', { ...inspector, urgency: 'critical' })).toBe('0.25 clock_hours');
    expect(limit('checking', inspector)).toBe('1 working_days');
  });
});

describe('12345 limits over a calendar with a holiday week and 调休 working days', () => {
  // National Day 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked.
  const national = createWorkingCalendar({
    utcOffsetMinutes: 480,
    holidays: ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}`),
    workdays: ['2025-09-28', '2025-10-11'],
  });
  const clock = (step: SlaStep, requestType: RequestType, urgency: Urgency, startIso: string) =>
    startClock(step, { category: 'city_appearance', requestType, urgency }, at(startIso), national, DEFAULT_SLA_POLICY);
  const due = (step: SlaStep, requestType: RequestType, urgency: Urgency, startIso: string) => {
    const c = clock(step, requestType, urgency, startIso);
    return local(c.paused ? null : c.deadline);
  };

  it('gives an inquiry 2 working days: over the holiday week, Thursday 9 and Friday 10 October', () => {
    expect(due('handling', 'inquiry', 'normal', '2025-09-30T10:00+08:00')).toBe('2025-10-10T17:30+08:00');
    // 10:00–12:00 and 13:30–17:30 on Tuesday, then two days of 7 hours.
    expect(clock('handling', 'inquiry', 'normal', '2025-09-30T10:00+08:00').budgetMs).toBe(20 * HOUR_MS);
  });

  it('gives a request for help 5 working days, the worked Saturday among them', () => {
    // From Thursday 9 October: Fri 10, Sat 11 (调休), Mon 13, Tue 14, Wed 15.
    expect(due('handling', 'help', 'normal', '2025-10-09T11:00+08:00')).toBe('2025-10-15T17:30+08:00');
  });

  it('gives a complaint 15 working days: the worked Sunday, the holiday week and the worked Saturday', () => {
    // From Friday 26 September: Sun 28, Mon 29, Tue 30, Thu 9, Fri 10, Sat 11, Mon 13 … Fri 17,
    // Mon 20 … Thu 23 October.
    expect(due('handling', 'complaint', 'normal', '2025-09-26T15:00+08:00')).toBe('2025-10-23T17:30+08:00');
  });

  it('gives a suggestion 10 working days', () => {
    // From Monday 29 September: Tue 30, Thu 9, Fri 10, Sat 11, Mon 13 … Fri 17, Mon 20 October.
    expect(due('handling', 'suggestion', 'normal', '2025-09-29T09:30+08:00')).toBe('2025-10-20T17:30+08:00');
  });

  it('gives urgent demands 2 hours on the wall clock, holidays and evenings included', () => {
    expect(due('handling', 'help', 'urgent', '2025-10-04T21:10+08:00')).toBe('2025-10-04T23:10+08:00');
    expect(due('handling', 'inquiry', 'urgent', '2025-09-30T16:50+08:00')).toBe('2025-09-30T18:50+08:00');
    expect(clock('handling', 'complaint', 'urgent', '2025-09-30T16:50+08:00').basis).toBe('clock_time');
  });

  it('asks departments to sign for within 1 working day (urgent: half an hour)', () => {
    // Dispatched on the eve of the holiday week: due when work resumes, Thursday 9 October.
    expect(due('sign_for', 'complaint', 'normal', '2025-09-30T16:00+08:00')).toBe('2025-10-09T17:30+08:00');
    // Dispatched on Friday 10 October: the next working day is the worked Saturday.
    expect(due('sign_for', 'suggestion', 'normal', '2025-10-10T10:00+08:00')).toBe('2025-10-11T17:30+08:00');
    expect(due('sign_for', 'help', 'urgent', '2025-10-04T21:10+08:00')).toBe('2025-10-04T21:40+08:00');
  });
});

describe('deadlines through the workflow', () => {
  it('gives a 12345 complaint 15 working days from dispatch, and an extension over New Year', () => {
    const { c } = play('h-1', '2026-12-04T15:40+08:00', { channel: 'hotline_12345', requestType: 'complaint' }, [
      ...intake('2026-12-04T16:00+08:00'),
    ]);
    // Sign-for, 1 working day: Friday does not count, so Monday at close of business;
    // 16:00–17:30 on Friday and the 7 hours of Monday.
    expect(deadline(c)).toBe('2026-12-07T17:30+08:00');
    expect(c.sla?.budgetMs).toBe(8.5 * HOUR_MS);

    const run = play('h-1', '2026-12-04T15:40+08:00', { channel: 'hotline_12345', requestType: 'complaint' }, [
      ...intake('2026-12-04T16:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-04T16:00+08:00'],
    ]);
    // Friday does not count; the 15th working day after it is Friday 25 December.
    expect(deadline(run.c)).toBe('2026-12-25T17:30+08:00');
    expect(run.c.sla?.budgetMs).toBe((1.5 + 15 * 7) * HOUR_MS);

    const extended = play('h-1', '2026-12-04T15:40+08:00', { channel: 'hotline_12345', requestType: 'complaint' }, [
      ...intake('2026-12-04T16:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-04T16:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:00+08:00'],
      [{ action: 'request_extension', workingDays: 5, comment: 'waiting for the property owner' }, water, '2026-12-21T10:00+08:00'],
      [{ action: 'approve_extension' }, shiftLeader, '2026-12-21T11:00+08:00'],
    ]);
    // 28, 29, 30, 31 December, then 1 January is a holiday: the 5th day is Monday 4 January.
    expect(deadline(extended.c)).toBe('2027-01-04T17:30+08:00');
    expect(extended.c.sla?.budgetMs).toBe((1.5 + 20 * 7) * HOUR_MS);
    expect(extended.history.at(-1)?.details).toEqual({ extensionDays: 5, extendedUntil: at('2027-01-04T17:30+08:00') });
    expect(extended.c.pendingExtensionDays).toBeNull();
  });

  it('leaves the deadline alone when an extension is refused', () => {
    const { c } = play('h-2', '2026-12-04T15:40+08:00', { channel: 'hotline_12345', requestType: 'complaint' }, [
      ...intake('2026-12-04T16:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-04T16:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:00+08:00'],
      [{ action: 'request_extension', workingDays: 5, comment: 'waiting for the property owner' }, water, '2026-12-21T10:00+08:00'],
      [{ action: 'refuse_extension', comment: 'a notice can be posted today' }, leader, '2026-12-21T11:00+08:00'],
    ]);
    expect(c.state).toBe('in_progress');
    expect(deadline(c)).toBe('2026-12-25T17:30+08:00');
  });

  it('refuses an extension asked for after the deadline, and changes nothing', () => {
    const complaint = { channel: 'hotline_12345', requestType: 'complaint' } as const;
    const started: [Step, Actor, string][] = [
      ...intake('2026-12-04T16:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-04T16:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:00+08:00'],
    ];
    const { c } = play('h-3', '2026-12-04T15:40+08:00', complaint, started);
    // Due Friday 25 December at 17:30; asked for three working days later, on Wednesday 30th.
    const ask = { action: 'request_extension', caseId: 'h-3', expectedVersion: c.version, workingDays: 5, comment: 'owner abroad' } as const;
    const frozen = structuredClone(c);
    const late = applyCommand(c, ask, water, at('2026-12-30T10:00+08:00'), rules);
    expect(late.ok ? 'accepted' : late.error).toEqual({
      code: 'deadline_passed',
      message: "Case h-3's handling deadline, 2026-12-25 17:30 (UTC+08:00), has passed: an extension must be requested before it.",
    });
    expect(c).toEqual(frozen);
    // A minute after the deadline is too late; at the deadline itself it is still in time.
    const justLate = applyCommand(c, ask, water, at('2026-12-25T17:31+08:00'), rules);
    expect(justLate.ok ? 'accepted' : justLate.error.code).toBe('deadline_passed');
    const inTime = applyCommand(c, ask, water, at('2026-12-25T17:30+08:00'), rules);
    expect(inTime.ok && inTime.case).toMatchObject({ state: 'extension_requested', pendingExtensionDays: 5 });
  });

  it('stops the clock while parked and resumes it with the time that was left', () => {
    const { c: parked } = play('p-1', '2026-12-07T08:00+08:00', { category: 'road_traffic' }, [
      ...intake('2026-12-07T08:30+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-07T09:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:30+08:00'],
      [{ action: 'request_parking', comment: 'needs a road closure permit' }, water, '2026-12-08T09:50+08:00'],
      [{ action: 'approve_parking' }, leader, '2026-12-08T10:00+08:00'],
    ]);
    // 2 working days from Monday 09:00 end Wednesday 17:30: 21 working hours. Parked on
    // Tuesday 10:00 after 8 of them, so 13 remain.
    expect(parked.sla).toMatchObject({
      paused: true,
      pausedAt: at('2026-12-08T10:00+08:00'),
      remainingMs: 13 * HOUR_MS,
      budgetMs: 21 * HOUR_MS,
    });
    expect(slaStatus(parked, at('2026-12-14T09:00+08:00'), calendar)).toEqual({
      step: 'handling',
      light: 'green',
      deadline: null,
      fractionUsed: 8 / 21,
      overdue: false,
      paused: true,
    });

    const r = applyCommand(parked, { action: 'unpark', caseId: 'p-1', expectedVersion: parked.version }, water, at('2026-12-14T14:00+08:00'), rules);
    if (!r.ok) throw new Error(r.error.message);
    // 13 h from Monday 14 Dec 14:00: 3.5 h on Monday, 7 h on Tuesday, 2.5 h on Wednesday.
    expect(deadline(r.case)).toBe('2026-12-16T11:30+08:00');
    const status = (iso: string) => slaStatus(r.case, at(iso), calendar);
    expect(status('2026-12-16T11:30+08:00')).toMatchObject({ light: 'yellow', fractionUsed: 1, overdue: false });
    expect(status('2026-12-16T11:31+08:00')).toMatchObject({ light: 'red', overdue: true });
  });

  it('resumes a case parked after its deadline with no time left', () => {
    const { c } = play('p-2', '2026-12-07T08:00+08:00', { category: 'road_traffic' }, [
      ...intake('2026-12-07T08:30+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-07T09:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:30+08:00'],
      [{ action: 'request_parking', comment: 'needs a road closure permit' }, water, '2026-12-10T09:30+08:00'],
      [{ action: 'approve_parking' }, leader, '2026-12-10T10:00+08:00'],
      [{ action: 'unpark' }, officer, '2026-12-11T10:00+08:00'],
    ]);
    expect(deadline(c)).toBe('2026-12-11T10:00+08:00');
    expect(slaStatus(c, at('2026-12-11T10:01+08:00'), calendar)).toMatchObject({ light: 'red', overdue: true });
  });

  it('times urgent cases across the lunch break and critical cases on the wall clock', () => {
    const urgent = play('u-1', '2026-12-08T11:40+08:00', { urgency: 'urgent' }, intake('2026-12-08T11:45+08:00'));
    expect(deadline(urgent.c)).toBe('2026-12-08T13:45+08:00');

    const critical = play('k-1', '2026-12-05T21:55+08:00', { urgency: 'critical' }, intake('2026-12-05T22:00+08:00'));
    expect(deadline(critical.c)).toBe('2026-12-05T22:15+08:00'); // Saturday night, 15 minutes
    expect(critical.c.sla?.basis).toBe('clock_time');
    const handling = play('k-1', '2026-12-05T21:55+08:00', { urgency: 'critical' }, [
      ...intake('2026-12-05T22:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-05T22:10+08:00'],
    ]);
    // Two hours from dispatch at 22:00, not from the sign-for ten minutes later.
    expect(deadline(handling.c)).toBe('2026-12-06T00:00+08:00');

    // Emergencies run on the wall clock even at normal urgency: 30 minutes at 3 a.m. on a Sunday.
    const emergency = play('e-1', '2026-12-06T02:50+08:00', { category: 'emergency' }, intake('2026-12-06T03:00+08:00'));
    expect(deadline(emergency.c)).toBe('2026-12-06T03:30+08:00');
  });

  it('restarts handling with the full limit on rework and times the check', () => {
    const base: [Step, Actor, string][] = [
      ...intake('2026-12-09T08:30+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-09T09:00+08:00'],
      [{ action: 'start' }, water, '2026-12-09T09:10+08:00'],
      [{ action: 'feedback' }, water, '2026-12-10T10:00+08:00'],
    ];
    const fedBack = play('w-1', '2026-12-09T08:00+08:00', {}, base);
    expect(fedBack.c.sla?.step).toBe('checking');
    expect(deadline(fedBack.c)).toBe('2026-12-11T17:30+08:00');
    // The feedback ended a handling step that was due on Thursday at close: on time.
    expect(fedBack.history.at(-1)?.sla).toEqual({ step: 'handling', deadline: at('2026-12-10T17:30+08:00') });

    const rework = play('w-1', '2026-12-09T08:00+08:00', {}, [
      ...base,
      [{ action: 'start_check' }, officer, '2026-12-10T10:30+08:00'],
      [{ action: 'check_fail', comment: 'rubbish still on the pavement' }, officer, '2026-12-11T09:00+08:00'],
    ]);
    expect(rework.c.sla).toMatchObject({ step: 'handling', startedAt: at('2026-12-11T09:00+08:00') });
    expect(deadline(rework.c)).toBe('2026-12-14T17:30+08:00');
  });
});

describe('handling counted from dispatch (派遣), not from sign-for', () => {
  it('gives a department that signs for late over a weekend no extra time', () => {
    // 道路交通: 2 working days. Dispatched Friday 4 December 16:00.
    const dispatched: [Step, Actor, string][] = intake('2026-12-04T16:00+08:00');
    const { c: waiting } = play('d-1', '2026-12-04T15:50+08:00', { category: 'road_traffic' }, dispatched);
    // Sign-for, 2 working hours: 16:00–17:30 Friday, then 09:00–09:30 Monday.
    expect(deadline(waiting)).toBe('2026-12-07T09:30+08:00');
    const { c, history } = play('d-1', '2026-12-04T15:50+08:00', { category: 'road_traffic' }, [
      ...dispatched,
      [{ action: 'acknowledge' }, water, '2026-12-07T15:00+08:00'],
    ]);
    // Friday does not count; Monday and Tuesday do: due Tuesday 8 December 17:30, as if signed
    // for on Friday (counted from the sign-for it would be Wednesday 9 December).
    expect(deadline(c)).toBe('2026-12-08T17:30+08:00');
    expect(c.sla).toMatchObject({ step: 'handling', startedAt: at('2026-12-04T16:00+08:00') });
    // Its allowance: 1.5 hours on Friday and 7 on each of Monday and Tuesday.
    expect(c.sla?.budgetMs).toBe(15.5 * HOUR_MS);
    // Signed for at Monday 15:00, 6 of the 15.5 hours are gone (1.5 on Friday, 4.5 on Monday).
    expect(slaStatus(c, at('2026-12-07T15:00+08:00'), calendar)?.fractionUsed).toBe(6 / 15.5);
    // The sign-for itself was late: the history records the sign-for deadline it missed.
    expect(history.at(-1)?.sla).toEqual({ step: 'sign_for', deadline: at('2026-12-07T09:30+08:00') });
  });

  it('counts over New Year\'s Day from dispatch', () => {
    // 市容环境: 1 working day. Dispatched Thursday 31 December 15:00; 1 January is a holiday,
    // 2–3 January a weekend: due Monday 4 January at close, however late it is signed for.
    const { c } = play('d-2', '2026-12-31T14:50+08:00', { category: 'city_appearance' }, [
      ...intake('2026-12-31T15:00+08:00'),
      [{ action: 'acknowledge' }, water, '2027-01-04T11:00+08:00'],
    ]);
    expect(deadline(c)).toBe('2027-01-04T17:30+08:00');
    // 15:00–17:30 on Thursday and Monday's 7 hours.
    expect(c.sla?.budgetMs).toBe(9.5 * HOUR_MS);
  });

  it('starts again from dispatch after a re-dispatch, and from the failed check on rework', () => {
    const { c } = play('d-3', '2026-12-07T08:50+08:00', { category: 'road_traffic' }, [
      ...intake('2026-12-07T09:00+08:00'),
      [{ action: 'return', comment: 'not ours' }, water, '2026-12-07T10:00+08:00'],
      [{ action: 're_dispatch', department: 'dept-road' }, officer, '2026-12-09T10:00+08:00'],
      [{ action: 'acknowledge' }, handler('dept-road'), '2026-12-10T09:00+08:00'],
    ]);
    // The second department's 2 working days run from Wednesday's re-dispatch: Thu, Fri.
    expect(deadline(c)).toBe('2026-12-11T17:30+08:00');
    expect(c.sla?.startedAt).toBe(at('2026-12-09T10:00+08:00'));
  });
});

describe('intake limits (受理, 核实, 立案, 派遣) in working hours', () => {
  const steps = (id: string, openedAt: string, overrides: Partial<NewCase>, moves: [Step, Actor, string][]) =>
    play(id, openedAt, overrides, moves);

  it('times each intake step across a weekend and the lunch break', () => {
    // Reported Friday 4 December 17:20: acceptance within 30 working minutes, 10 of them on
    // Friday and 20 on Monday.
    const opened = steps('i-1', '2026-12-04T17:20+08:00', {}, []);
    expect(opened.c.sla).toMatchObject({ step: 'accept', budgetMs: 30 * 60_000 });
    expect(deadline(opened.c)).toBe('2026-12-07T09:20+08:00');

    const all = steps('i-1', '2026-12-04T17:20+08:00', {}, [
      [{ action: 'verify' }, officer, '2026-12-07T09:10+08:00'],
      [{ action: 'report_verification', comment: '现场属实' }, officer, '2026-12-07T10:00+08:00'],
      [{ action: 'register' }, officer, '2026-12-07T11:50+08:00'],
      [{ action: 'dispatch', department: 'dept-water' }, officer, '2026-12-07T13:40+08:00'],
    ]);
    expect(all.history.map((t) => [t.action, t.sla?.step, local(t.sla?.deadline)])).toEqual([
      // Accepted (sent for verification) at 09:10, before the 09:20 deadline.
      ['verify', 'accept', '2026-12-07T09:20+08:00'],
      // Verification, 1 working hour from 09:10.
      ['report_verification', 'verify', '2026-12-07T10:10+08:00'],
      // Registration, 30 working minutes from 10:00: registered at 11:50, late.
      ['register', 'register', '2026-12-07T10:30+08:00'],
      // Dispatch, 30 working minutes from 11:50: 10 before lunch, 20 after it.
      ['dispatch', 'dispatch', '2026-12-07T13:50+08:00'],
    ]);
    // Then sign-for: 2 working hours from 13:40.
    expect(deadline(all.c)).toBe('2026-12-07T15:40+08:00');
  });

  it('waits for New Year\'s Day and the weekend at normal urgency', () => {
    const { c } = steps('i-2', '2026-12-31T17:15+08:00', {}, []);
    expect(deadline(c)).toBe('2027-01-04T09:15+08:00');
  });

  it('takes urgent and critical reports and emergencies in 10 minutes on the wall clock', () => {
    expect(deadline(steps('i-3', '2026-12-05T21:00+08:00', { urgency: 'urgent' }, []).c)).toBe('2026-12-05T21:10+08:00');
    expect(deadline(steps('i-4', '2027-01-01T03:00+08:00', { urgency: 'critical' }, []).c)).toBe('2027-01-01T03:10+08:00');
    const emergency = steps('i-5', '2026-12-06T02:00+08:00', { category: 'emergency' }, [
      [{ action: 'verify' }, officer, '2026-12-06T02:05+08:00'],
    ]);
    // Verification of an emergency: half an hour, day or night.
    expect(deadline(emergency.c)).toBe('2026-12-06T02:35+08:00');
  });

  it('gives the centre 30 working minutes to dispatch a returned or reopened case', () => {
    const { c } = steps('i-6', '2026-12-07T09:00+08:00', {}, [
      ...intake('2026-12-07T09:10+08:00'),
      [{ action: 'return', comment: 'not ours' }, water, '2026-12-07T11:45+08:00'],
    ]);
    // 11:45–12:00, then 13:30–13:45.
    expect(c.sla?.step).toBe('dispatch');
    expect(deadline(c)).toBe('2026-12-07T13:45+08:00');
  });

  it('does not chase intake steps: reminders and supervision are for departments', () => {
    const { c } = steps('i-7', '2026-12-07T09:00+08:00', {}, []);
    expect(slaStatus(c, at('2026-12-07T10:00+08:00'), calendar)).toMatchObject({ step: 'accept', overdue: true });
    expect(dueChases([c], at('2026-12-07T10:00+08:00'), calendar)).toEqual([]);
  });
});

describe('limits per sub-category (小类)', () => {
  const sub = (id: string, category: CaseSubCategory['category'], amount: number, unit: CaseSubCategory['handling']['unit']): CaseSubCategory => ({
    id,
    category,
    name: { zh: id, en: id },
    handling: { amount, unit },
    closure: { zh: '处置到位', en: 'Done' },
  });
  const tree = [
    sub('exposed_garbage', 'city_appearance', 1, 'working_days'),
    sub('dirty_road', 'city_appearance', 5, 'working_hours'),
    sub('illegal_construction', 'construction', 15, 'working_days'),
  ];
  const cityRules: DispatchRules = { calendar, sla: withSubCategories(DEFAULT_SLA_POLICY, tree), subCategories: tree };
  const handled = (id: string, subCategory: string, category: NewCase['category'], dispatchAt: string, more: Partial<NewCase> = {}) =>
    play(id, dispatchAt, { category, subCategory, ...more }, [...intake(dispatchAt), [{ action: 'acknowledge' }, water, dispatchAt]], cityRules).c;

  it('gives 道路不洁 5 working hours: Friday 15:00 is due Monday 11:30', () => {
    // 2.5 hours on Friday, 2.5 on Monday morning.
    expect(deadline(handled('s-1', 'dirty_road', 'city_appearance', '2026-12-04T15:00+08:00'))).toBe('2026-12-07T11:30+08:00');
  });

  it('gives 暴露垃圾 1 working day over New Year: Thursday 31 December is due Monday 4 January', () => {
    expect(deadline(handled('s-2', 'exposed_garbage', 'city_appearance', '2026-12-31T10:00+08:00'))).toBe('2027-01-04T17:30+08:00');
  });

  it('gives 违法搭建 15 working days: from Monday 21 December, due Tuesday 12 January', () => {
    // 22–25 Dec (4), 28–31 Dec (8), 1 January off, 4–8 Jan (13), 11 and 12 Jan (15). The
    // category alone (施工管理) would give 3 working days.
    expect(deadline(handled('s-3', 'illegal_construction', 'construction', '2026-12-21T10:00+08:00'))).toBe('2027-01-12T17:30+08:00');
  });

  it('takes the sub-category over the 12345 request type, but keeps the urgency limits of urgent cases', () => {
    // A 12345 complaint (15 working days) about 道路不洁: 5 working hours.
    const complaint = handled('s-4', 'dirty_road', 'city_appearance', '2026-12-04T15:00+08:00', { channel: 'hotline_12345', requestType: 'complaint' });
    expect(deadline(complaint)).toBe('2026-12-07T11:30+08:00');
    // Urgent 违法搭建: the urgent handling limit, 4 working hours, not 15 days.
    const urgent = handled('s-5', 'illegal_construction', 'construction', '2026-12-07T09:00+08:00', { urgency: 'urgent' });
    expect(deadline(urgent)).toBe('2026-12-07T14:30+08:00');
  });
});

describe('approving an extension after the deadline', () => {
  const complaint = { channel: 'hotline_12345', requestType: 'complaint' } as const;
  // Handling due Friday 25 December 17:30 (dispatched Friday 4 December); asked for in time.
  const asked = () =>
    play('x-1', '2026-12-04T15:40+08:00', complaint, [
      ...intake('2026-12-04T16:00+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-04T16:00+08:00'],
      [{ action: 'start' }, water, '2026-12-07T09:00+08:00'],
      [{ action: 'request_extension', workingDays: 3, comment: 'waiting for parts' }, water, '2026-12-25T16:00+08:00'],
    ]).c;

  it('is refused once the deadline has passed, and changes nothing; refusing still works', () => {
    const c = asked();
    const frozen = structuredClone(c);
    const approve = { action: 'approve_extension', caseId: 'x-1', expectedVersion: c.version } as const;
    const late = applyCommand(c, approve, shiftLeader, at('2026-12-28T09:00+08:00'), rules);
    expect(late.ok ? 'accepted' : late.error).toEqual({
      code: 'deadline_passed',
      message: "Case x-1's handling deadline, 2026-12-25 17:30 (UTC+08:00), has passed: the extension can no longer be approved; refuse it instead.",
    });
    expect(c).toEqual(frozen);
    const refused = applyCommand(c, { ...approve, action: 'refuse_extension', comment: 'too late' }, shiftLeader, at('2026-12-28T09:00+08:00'), rules);
    expect(refused.ok && refused.case.state).toBe('in_progress');
  });

  it('is granted up to the deadline itself: three working days after Friday 25 December', () => {
    const c = asked();
    const r = applyCommand(c, { action: 'approve_extension', caseId: 'x-1', expectedVersion: c.version }, shiftLeader, at('2026-12-25T17:30+08:00'), rules);
    // 28, 29, 30 December.
    expect(r.ok && deadline(r.case)).toBe('2026-12-30T17:30+08:00');
  });
});

describe('return visits (回访)', () => {
  const closedAfterHandling = (more: [Step, Actor, string][] = []) =>
    play('v-1', '2026-12-02T09:00+08:00', { channel: 'hotline_12345', requestType: 'help' }, [
      ...intake('2026-12-02T09:10+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-02T09:30+08:00'],
      [{ action: 'start' }, water, '2026-12-02T09:40+08:00'],
      [{ action: 'feedback' }, water, '2026-12-03T10:00+08:00'],
      [{ action: 'start_check' }, officer, '2026-12-03T11:00+08:00'],
      [{ action: 'check_pass' }, officer, '2026-12-04T15:00+08:00'],
      ...more,
    ]);

  it('gives a 12345 case closed after handling 2 working days for its return visit', () => {
    // Closed Friday 4 December: Monday 7 and Tuesday 8.
    const { c } = closedAfterHandling();
    expect(c.sla?.step).toBe('return_visit');
    expect(deadline(c)).toBe('2026-12-08T17:30+08:00');
    // The visit stops the clock and records whether it came in time.
    const visited = closedAfterHandling([[{ action: 'evaluate', rating: 'satisfied' }, officer, '2026-12-09T10:00+08:00']]);
    expect(visited.c.sla).toBeNull();
    expect(visited.history.at(-1)?.sla).toEqual({ step: 'return_visit', deadline: at('2026-12-08T17:30+08:00') });
  });

  it('gives a case closed on the call a return visit only when the caller asked for one', () => {
    const answer = { action: 'close_on_call', answer: '已告知办理地点' } as const;
    const plain = play('v-2', '2026-12-04T10:00+08:00', { channel: 'hotline_12345', requestType: 'inquiry' }, [[answer, officer, '2026-12-04T10:05+08:00']]);
    expect(plain.c.sla).toBeNull();
    const asked = play('v-3', '2026-12-04T10:00+08:00', { channel: 'hotline_12345', requestType: 'inquiry', returnVisitRequested: true }, [
      [answer, officer, '2026-12-04T10:05+08:00'],
    ]);
    expect(asked.c.sla?.step).toBe('return_visit');
    expect(deadline(asked.c)).toBe('2026-12-08T17:30+08:00');
  });

  it('redoes (重办) a case whose caller was dissatisfied, as the system, back to dispatch', () => {
    const happy = closedAfterHandling([[{ action: 'evaluate', rating: 'basically_satisfied' }, officer, '2026-12-07T10:00+08:00']]).c;
    const unhappy = closedAfterHandling([[{ action: 'evaluate', rating: 'dissatisfied' }, officer, '2026-12-07T10:00+08:00']]).c;
    const due = dueRedos([happy, unhappy]);
    expect(due).toEqual([{ caseId: 'v-1', expectedVersion: unhappy.version, action: 'reopen', comment: REDO_COMMENT }]);
    const r = applyCommand(unhappy, due[0]!, system, at('2026-12-07T10:01+08:00'), rules);
    if (!r.ok) throw new Error(r.error.message);
    // Registered again, with 30 working minutes to dispatch it: 10:01 → 10:31.
    expect([r.case.state, r.case.rating, r.case.sla?.step, deadline(r.case)]).toEqual(['registered', null, 'dispatch', '2026-12-07T10:31+08:00']);
    expect(dueRedos([r.case])).toEqual([]);
  });
});

describe('slaStatus', () => {
  // Handling of 2 working days from Monday 7 Dec 09:00: due Wednesday 17:30, 21 working hours.
  const started = at('2026-12-07T09:00+08:00');
  const c = { sla: startClock('handling', { category: 'road_traffic', urgency: 'normal' }, started, calendar, DEFAULT_SLA_POLICY) };
  const status = (iso: string) => slaStatus(c, at(iso), calendar);

  it('is green below 80 % of the allowance', () => {
    expect(status('2026-12-08T16:00+08:00')).toEqual({
      step: 'handling',
      light: 'green',
      deadline: at('2026-12-09T17:30+08:00'),
      fractionUsed: 12.5 / 21,
      overdue: false,
      paused: false,
    });
    // 80 % of 21 h is 16 h 48 min, reached on Wednesday at 11:48.
    expect(status('2026-12-09T11:47+08:00')?.light).toBe('green');
    expect(status('2026-12-09T11:47+08:00')?.fractionUsed).toBeCloseTo((16 + 47 / 60) / 21, 12);
  });

  it('turns yellow at 80 %, stays yellow through lunch and up to the deadline', () => {
    expect(status('2026-12-09T11:48+08:00')).toMatchObject({ light: 'yellow', fractionUsed: 0.8 });
    expect(status('2026-12-09T13:00+08:00')).toMatchObject({ light: 'yellow', fractionUsed: 17 / 21 });
    expect(status('2026-12-09T17:30+08:00')).toMatchObject({ light: 'yellow', fractionUsed: 1, overdue: false });
  });

  it('turns red after the deadline, counting overrun in working time', () => {
    expect(status('2026-12-09T17:31+08:00')).toMatchObject({ light: 'red', fractionUsed: 1, overdue: true });
    expect(status('2026-12-10T10:00+08:00')).toMatchObject({ light: 'red', fractionUsed: 22 / 21, overdue: true });
  });

  it('is null when no step is timed', () => {
    expect(slaStatus({ sla: null }, at('2026-12-10T10:00+08:00'), calendar)).toBeNull();
  });
});

describe('dueChases', () => {
  const now = at('2026-12-09T14:00+08:00');
  const handled = (id: string, category: NewCase['category'], ackAt: string, more: [Step, Actor, string][] = []) =>
    play(id, '2026-12-07T08:00+08:00', { category }, [
      ...intake('2026-12-07T08:30+08:00'),
      [{ action: 'acknowledge' }, water, ackAt],
      ...more,
    ]).c;

  const cases = [
    handled('a', 'road_traffic', '2026-12-07T09:00+08:00'), // 17.5 of 21 h used: remind
    handled('b', 'city_appearance', '2026-12-07T09:00+08:00'), // due Tue 17:30: supervise
    handled('c', 'road_traffic', '2026-12-07T09:00+08:00', [[{ action: 'remind' }, officer, '2026-12-09T12:00+08:00']]),
    handled('d', 'city_appearance', '2026-12-07T09:00+08:00', [[{ action: 'supervise', comment: 'overdue' }, shiftLeader, '2026-12-09T09:00+08:00']]),
    play('e', '2026-12-09T08:00+08:00', { category: 'road_traffic' }, [
      ...intake('2026-12-09T08:30+08:00'),
      [{ action: 'acknowledge' }, water, '2026-12-09T09:00+08:00'],
    ]).c, // dispatched Wednesday, due Fri: green
    play('f', '2026-12-09T12:50+08:00', {}, intake('2026-12-09T13:00+08:00')).c, // sign-for due 15:30, 25 % used
    play('g', '2026-12-09T09:50+08:00', {}, intake('2026-12-09T10:00+08:00')).c, // sign-for due 12:00: supervise
    handled('h', 'city_appearance', '2026-12-07T09:00+08:00', [
      [{ action: 'start' }, water, '2026-12-07T09:10+08:00'],
      [{ action: 'feedback' }, water, '2026-12-07T10:00+08:00'], // checking due Tue 17:30, not chased
    ]),
    handled('i', 'road_traffic', '2026-12-07T09:00+08:00', [
      [{ action: 'start' }, water, '2026-12-07T09:10+08:00'],
      [{ action: 'request_parking', comment: 'permit' }, water, '2026-12-07T10:00+08:00'],
      [{ action: 'approve_parking' }, leader, '2026-12-07T11:00+08:00'],
    ]),
  ];

  it('reminds at 80 % and supervises when overdue, once per step, department steps only', () => {
    const due = dueChases(cases, now, calendar);
    expect(due.map((d) => [d.caseId, d.action, d.step, local(d.deadline)])).toEqual([
      ['a', 'remind', 'handling', '2026-12-09T17:30+08:00'],
      ['b', 'supervise', 'handling', '2026-12-08T17:30+08:00'],
      ['g', 'supervise', 'sign_for', '2026-12-09T12:00+08:00'],
    ]);
    expect(due[0]?.fractionUsed).toBe(17.5 / 21);
  });

  it('issues commands the workflow accepts from the system, after which nothing is due', () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const after = dueChases(cases, now, calendar).map((d) => {
      const r = applyCommand(byId.get(d.caseId)!, d.command, system, now, rules);
      if (!r.ok) throw new Error(r.error.message);
      return r.case;
    });
    expect(after.map((c) => [c.id, c.reminders, c.supervised])).toEqual([
      ['a', 1, false],
      ['b', 0, true],
      ['g', 0, true],
    ]);
    expect(dueChases(after, now, calendar)).toEqual([]);
    // Once case a is overdue as well, its supervision is due.
    expect(dueChases(after, at('2026-12-10T09:30+08:00'), calendar).map((d) => [d.caseId, d.action])).toEqual([
      ['a', 'supervise'],
    ]);
  });
});
