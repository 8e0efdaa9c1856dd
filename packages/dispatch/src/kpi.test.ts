import { describe, expect, it } from 'vitest';
import type { CaseState, CaseTransition, SlaClock, SlaStep, TransitionAction } from '@cw/contracts';
import { dispatchKpis, pastDueCases } from './kpi.ts';
import { at, handler, officer } from './testing.ts';

type Details = CaseTransition['details'];
type Row = [
  action: TransitionAction,
  from: CaseState | null,
  to: CaseState,
  at: string,
  department: string | null,
  sla?: [SlaStep, string] | null,
  details?: Details,
];

const DEPARTMENT_ACTIONS: readonly TransitionAction[] = ['acknowledge', 'return', 'start', 'feedback'];
/** "12-07 09:20" in December 2026, Shaoyang time. */
const when = (text: string) => at(`2026-${text.replace(' ', 'T')}+08:00`);

/** A case history written out by hand: [action, from, to, at, department, [step, deadline], details]. */
function history(caseId: string, rows: Row[]): CaseTransition[] {
  return rows.map(([action, from, to, time, department, sla, details], i) => ({
    seq: i + 1,
    caseId,
    action,
    from,
    to,
    actor: DEPARTMENT_ACTIONS.includes(action) && department ? handler(department) : officer,
    at: when(time),
    department,
    sla: sla ? { step: sla[0], deadline: when(sla[1]) } : null,
    ...(details ? { details } : {}),
  }));
}

const W = 'dept-water';
const G = 'dept-green';
const C = 'dept-city';

// A: on time all the way from dispatch, closed today, rated satisfied. The centre accepted
// it ten minutes late, which is the centre's lateness, not the case's: still closed on time.
const caseA = history('A', [
  ['report', null, 'reported', '12-04 10:00', null],
  ['register', 'reported', 'registered', '12-04 10:30', null, ['accept', '12-04 10:20']],
  ['dispatch', 'registered', 'dispatched', '12-04 11:00', null, ['dispatch', '12-04 11:00'], { department: W }],
  ['acknowledge', 'dispatched', 'acknowledged', '12-04 12:00', W, ['sign_for', '12-04 14:30']],
  ['start', 'acknowledged', 'in_progress', '12-04 13:40', W, ['handling', '12-07 17:30']],
  ['feedback', 'in_progress', 'feedback', '12-07 10:00', W, ['handling', '12-07 17:30']],
  ['start_check', 'feedback', 'checking', '12-07 11:00', W, ['checking', '12-08 17:30']],
  ['check_pass', 'checking', 'closed', '12-07 15:00', W, ['checking', '12-08 17:30']],
  ['evaluate', 'closed', 'evaluated', '12-07 16:00', W, ['return_visit', '12-09 17:30'], { rating: 'satisfied' }],
]);
// B: opened today, fed back late, reworked, then closed on Wednesday; rated dissatisfied.
const caseB = history('B', [
  ['report', null, 'reported', '12-07 08:00', null],
  ['register', 'reported', 'registered', '12-07 08:10', null],
  ['dispatch', 'registered', 'dispatched', '12-07 08:20', null, null, { department: G }],
  ['acknowledge', 'dispatched', 'acknowledged', '12-07 09:20', G, ['sign_for', '12-07 11:00']],
  ['start', 'acknowledged', 'in_progress', '12-07 09:30', G, ['handling', '12-08 17:30']],
  ['feedback', 'in_progress', 'feedback', '12-09 10:00', G, ['handling', '12-08 17:30']],
  ['start_check', 'feedback', 'checking', '12-09 10:30', G, ['checking', '12-10 17:30']],
  ['check_fail', 'checking', 'in_progress', '12-09 11:00', G, ['checking', '12-10 17:30']],
  ['feedback', 'in_progress', 'feedback', '12-09 15:00', G, ['handling', '12-10 17:30']],
  ['start_check', 'feedback', 'checking', '12-09 15:30', G, ['checking', '12-10 17:30']],
  ['check_pass', 'checking', 'closed', '12-09 16:00', G, ['checking', '12-10 17:30']],
  ['evaluate', 'closed', 'evaluated', '12-09 17:00', G, null, { rating: 'dissatisfied' }],
]);
// C: opened today, returned by water, re-dispatched to city, signed for late, still open.
const caseC = history('C', [
  ['report', null, 'reported', '12-07 09:00', null],
  ['register', 'reported', 'registered', '12-07 09:05', null],
  ['dispatch', 'registered', 'dispatched', '12-07 09:10', null, null, { department: W }],
  ['return', 'dispatched', 'returned', '12-07 09:40', W, ['sign_for', '12-07 11:10']],
  ['re_dispatch', 'returned', 'dispatched', '12-07 10:00', null, null, { department: C }],
  ['acknowledge', 'dispatched', 'acknowledged', '12-07 13:00', C, ['sign_for', '12-07 12:00']],
  ['start', 'acknowledged', 'in_progress', '12-07 13:10', C, ['handling', '12-10 17:30']],
]);
// D: opened today and voided; E: a duplicate merged this morning. Neither was registered.
const caseD = history('D', [
  ['report', null, 'reported', '12-07 11:00', null],
  ['void', 'reported', 'voided', '12-07 11:30', null],
]);
const caseE = history('E', [
  ['report', null, 'reported', '12-06 20:00', null],
  ['merge_into', 'reported', 'merged', '12-07 08:00', null, null, { primaryId: 'A' }],
]);
// F: closed on time last week, rated dissatisfied, reopened today (which withdraws the rating).
const caseF = history('F', [
  ['report', null, 'reported', '12-03 09:00', null],
  ['register', 'reported', 'registered', '12-03 09:10', null],
  ['dispatch', 'registered', 'dispatched', '12-03 09:20', null, null, { department: C }],
  ['acknowledge', 'dispatched', 'acknowledged', '12-03 09:50', C, ['sign_for', '12-03 11:20']],
  ['start', 'acknowledged', 'in_progress', '12-03 10:00', C, ['handling', '12-04 17:30']],
  ['feedback', 'in_progress', 'feedback', '12-03 16:00', C, ['handling', '12-04 17:30']],
  ['start_check', 'feedback', 'checking', '12-03 16:30', C, ['checking', '12-04 17:30']],
  ['check_pass', 'checking', 'closed', '12-04 10:00', C, ['checking', '12-04 17:30']],
  ['evaluate', 'closed', 'evaluated', '12-04 11:00', C, null, { rating: 'dissatisfied' }],
  ['reopen', 'evaluated', 'registered', '12-07 09:00', C],
  ['dispatch', 'registered', 'dispatched', '12-07 09:30', null, null, { department: W }],
]);

const MIN = 60_000;
const TODAY = when('12-07 00:00');
const NONE_DUE: ReadonlySet<string> = new Set();

describe('dispatchKpis', () => {
  const all = [...caseA, ...caseB, ...caseC, ...caseD, ...caseE, ...caseF];

  it('computes the hand-counted figures', () => {
    // C's handling deadline has passed; F, dispatched again, waits to be signed for.
    expect(dispatchKpis(all, TODAY, new Set(['C']))).toEqual({
      openedToday: 3, // B, C, D
      closedToday: 1, // A
      registered: 4, // A, B, C, F
      due: 3, // A, B closed; C past due
      closed: 2, // A, B (F was reopened)
      closedOnTime: 1, // A; B's first feedback was late
      closureRate: 2 / 3,
      onTimeClosureRate: 1 / 3,
      extended: 0,
      extensionRate: 0,
      reworked: 1, // B failed a check
      reworkRate: 0.5,
      averageStepMs: {
        // Report to registration, voiding or merging: A 30, B 10, C 5, D 30, E 720, F 10 min.
        accept: (805 * MIN) / 6,
        verify: null,
        register: null,
        // To dispatch: A 30, B 10, C 5 and 20 (returned → re-dispatched), F 10 and 30 (reopened).
        dispatch: 17.5 * MIN,
        // A 60, B 60, C 30 (until returned) and 180, F 30 min; F's second dispatch is still open.
        sign_for: 72 * MIN,
        // A 4200 (Fri 12:00 → Mon 10:00), B 2920 and 240 (rework), F 370 min.
        handling: 1932.5 * MIN,
        // A 300, B 60 and 60, F 1080 min.
        checking: 375 * MIN,
        // A's return visit an hour after closure; F's history predates the return-visit clock.
        return_visit: 60 * MIN,
      },
      returns: 1,
      reworks: 1,
      evaluated: 3, // A, B and F: every return visit counts, also F's, after which it was reopened
      satisfied: 1,
      satisfactionRate: 1 / 3,
      departments: [
        // city and water both handled 1 of 1 on time; ties go by id.
        { department: C, handled: 1, handledOnTime: 1, onTimeRate: 1, acknowledged: 2, returns: 0, reworks: 0 },
        { department: W, handled: 1, handledOnTime: 1, onTimeRate: 1, acknowledged: 1, returns: 1, reworks: 0 },
        { department: G, handled: 2, handledOnTime: 1, onTimeRate: 0.5, acknowledged: 1, returns: 0, reworks: 1 },
      ],
    });
  });

  it('does not depend on the order of the transitions', () => {
    expect(dispatchKpis([...all].reverse(), TODAY, NONE_DUE)).toEqual(dispatchKpis(all, TODAY, NONE_DUE));
  });

  it('counts "today" from the given day start', () => {
    const wednesday = dispatchKpis(all, when('12-09 00:00'), NONE_DUE);
    expect([wednesday.openedToday, wednesday.closedToday]).toEqual([0, 1]); // B closed on Wednesday
    const thursday = dispatchKpis(all, when('12-03 00:00'), NONE_DUE);
    expect([thursday.openedToday, thursday.closedToday]).toEqual([1, 0]); // F opened
  });

  it('counts a closure as late when only the check overran', () => {
    const lateCheck = history('K', [
      ['report', null, 'reported', '12-07 08:00', null],
      ['register', 'reported', 'registered', '12-07 08:10', null],
      ['dispatch', 'registered', 'dispatched', '12-07 08:20', null, null, { department: W }],
      ['acknowledge', 'dispatched', 'acknowledged', '12-07 08:50', W, ['sign_for', '12-07 11:00']],
      ['start', 'acknowledged', 'in_progress', '12-07 09:00', W, ['handling', '12-08 17:30']],
      ['feedback', 'in_progress', 'feedback', '12-07 10:00', W, ['handling', '12-08 17:30']],
      ['start_check', 'feedback', 'checking', '12-07 10:30', W, ['checking', '12-08 17:30']],
      ['check_pass', 'checking', 'closed', '12-09 09:00', W, ['checking', '12-08 17:30']],
    ]);
    expect(dispatchKpis(lateCheck, TODAY, NONE_DUE)).toMatchObject({
      registered: 1,
      due: 1,
      closed: 1,
      closedOnTime: 0,
      closureRate: 1,
      onTimeClosureRate: 0,
      // Mon 08:20 → 08:50, 08:50 → 10:00, Mon 10:00 → Wed 09:00.
      averageStepMs: { sign_for: 30 * MIN, handling: 70 * MIN, checking: 47 * 60 * MIN },
      departments: [
        { department: W, handled: 1, handledOnTime: 1, onTimeRate: 1, acknowledged: 1, returns: 0, reworks: 0 },
      ],
    });
  });

  it('counts a case closed on the call as taken in and closed on time, today', () => {
    const onCall = history('H', [
      ['report', null, 'reported', '12-07 09:00', null],
      ['close_on_call', 'reported', 'closed', '12-07 09:06', null, null, { answer: '已告知办理流程' }],
      ['evaluate', 'closed', 'evaluated', '12-07 15:00', null, null, { rating: 'basically_satisfied' }],
    ]);
    expect(dispatchKpis(onCall, TODAY, NONE_DUE)).toMatchObject({
      openedToday: 1,
      closedToday: 1,
      registered: 1,
      due: 1,
      closed: 1,
      closedOnTime: 1,
      closureRate: 1,
      evaluated: 1,
      satisfied: 1,
      averageStepMs: { sign_for: null, handling: null, checking: null },
      departments: [],
    });
  });

  it('gives null rates, not zeros, when there is nothing to divide by', () => {
    const k = dispatchKpis(caseD, TODAY, new Set(['D']));
    expect(k).toMatchObject({
      openedToday: 1,
      registered: 0,
      due: 0,
      closureRate: null,
      onTimeClosureRate: null,
      extensionRate: null,
      reworkRate: null,
      satisfactionRate: null,
      averageStepMs: { sign_for: null, handling: null, checking: null },
      departments: [],
    });
  });
});

describe('closure rates over the cases due (应结案数)', () => {
  /** The same history under another case id. */
  const as = (id: string, source: readonly CaseTransition[]) => source.map((t) => ({ ...t, caseId: id }));
  // A closed on time and rated satisfied; B closed late after a rework, rated dissatisfied;
  // C open in handling; X open in handling after an approved extension.
  const extendedOpen = history('X', [
    ['report', null, 'reported', '12-07 09:00', null],
    ['register', 'reported', 'registered', '12-07 09:05', null],
    ['dispatch', 'registered', 'dispatched', '12-07 09:10', null, null, { department: C }],
    ['acknowledge', 'dispatched', 'acknowledged', '12-07 10:00', C, ['sign_for', '12-07 11:10']],
    ['start', 'acknowledged', 'in_progress', '12-07 10:10', C, ['handling', '12-08 17:30']],
    ['request_extension', 'in_progress', 'extension_requested', '12-08 10:00', C, ['handling', '12-08 17:30'], { extensionDays: 2 }],
    ['approve_extension', 'extension_requested', 'in_progress', '12-08 11:00', C, ['handling', '12-08 17:30'], { extensionDays: 2 }],
  ]);
  const cases: CaseTransition[] = [];
  const pastDue = new Set<string>();
  const add = (prefix: string, n: number, source: readonly CaseTransition[], due = false) => {
    for (let i = 0; i < n; i++) {
      cases.push(...as(`${prefix}${i}`, source));
      if (due) pastDue.add(`${prefix}${i}`);
    }
  };
  add('on-time-', 880, caseA);
  add('late-', 31, caseB);
  add('overdue-', 21, caseC, true);
  add('overdue-extended-', 40, extendedOpen, true);
  add('not-yet-due-', 24, caseC);

  it('立案 996, 应结案 972, 结案 911: 结案率 93.72 %', () => {
    const k = dispatchKpis(cases, TODAY, pastDue);
    expect([k.registered, k.due, k.closed, k.closedOnTime, k.extended, k.reworked, k.evaluated, k.satisfied]).toEqual([996, 972, 911, 880, 40, 31, 911, 880]);
    expect(k.closureRate).toBeCloseTo(0.93724, 5); // 911 / 972
    expect(k.onTimeClosureRate).toBeCloseTo(0.90535, 5); // 880 / 972
    expect(k.extensionRate).toBeCloseTo(0.04016, 5); // 40 / 996
    expect(k.reworkRate).toBeCloseTo(0.03403, 5); // 31 / 911
    expect(k.satisfactionRate).toBeCloseTo(0.96597, 5); // 880 / 911
  });

  it('counts a reopened case as reworked once it is closed again', () => {
    const reopened = history('R', [
      ['report', null, 'reported', '12-03 09:00', null],
      ['register', 'reported', 'registered', '12-03 09:10', null],
      ['dispatch', 'registered', 'dispatched', '12-03 09:20', null, null, { department: C }],
      ['acknowledge', 'dispatched', 'acknowledged', '12-03 09:50', C, ['sign_for', '12-03 11:20']],
      ['start', 'acknowledged', 'in_progress', '12-03 10:00', C, ['handling', '12-04 17:30']],
      ['feedback', 'in_progress', 'feedback', '12-03 16:00', C, ['handling', '12-04 17:30']],
      ['start_check', 'feedback', 'checking', '12-03 16:30', C, ['checking', '12-04 17:30']],
      ['check_pass', 'checking', 'closed', '12-04 10:00', C, ['checking', '12-04 17:30']],
      ['reopen', 'closed', 'registered', '12-07 09:00', C],
      ['dispatch', 'registered', 'dispatched', '12-07 09:30', null, null, { department: W }],
      ['acknowledge', 'dispatched', 'acknowledged', '12-07 10:00', W, ['sign_for', '12-07 11:30']],
      ['start', 'acknowledged', 'in_progress', '12-07 10:10', W, ['handling', '12-10 17:30']],
      ['feedback', 'in_progress', 'feedback', '12-07 16:00', W, ['handling', '12-10 17:30']],
      ['start_check', 'feedback', 'checking', '12-07 16:10', W, ['checking', '12-08 17:30']],
      ['check_pass', 'checking', 'closed', '12-08 09:00', W, ['checking', '12-08 17:30']],
    ]);
    expect(dispatchKpis(reopened, TODAY, NONE_DUE)).toMatchObject({ registered: 1, due: 1, closed: 1, reworked: 1, reworkRate: 1, closureRate: 1 });
  });
});

describe('pastDueCases', () => {
  const running = (step: SlaStep, deadline: string): SlaClock => ({
    step,
    basis: 'working_time',
    startedAt: when('12-07 09:00'),
    budgetMs: 60 * MIN,
    remindedAt: null,
    supervisedAt: null,
    paused: false,
    deadline: when(deadline),
  });
  it('names the open cases whose handling or checking deadline has passed, and no others', () => {
    const now = when('12-09 10:00');
    const parked: SlaClock = { ...running('handling', '12-08 17:30'), paused: true, pausedAt: when('12-08 09:00'), remainingMs: 30 * MIN };
    const cases = [
      { id: 'handling-late', sla: running('handling', '12-08 17:30') },
      { id: 'checking-late', sla: running('checking', '12-09 09:59') },
      { id: 'handling-in-time', sla: running('handling', '12-09 10:00') },
      { id: 'unsigned-late', sla: running('sign_for', '12-08 11:00') },
      { id: 'parked', sla: parked },
      { id: 'not-dispatched', sla: null },
    ];
    expect([...pastDueCases(cases, now)].sort()).toEqual(['checking-late', 'handling-late']);
  });
});
