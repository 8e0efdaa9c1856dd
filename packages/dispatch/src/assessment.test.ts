import { describe, expect, it } from 'vitest';
import type { CaseState, CaseTransition, DepartmentAssessment, SlaStep, TransitionAction } from '@cw/contracts';
import { assessment, monthPeriod, rankDepartments } from './assessment.ts';
import { at, handler, officer, SHAOYANG_OFFSET_MIN } from './testing.ts';

type Row = [
  action: TransitionAction,
  from: CaseState | null,
  to: CaseState,
  at: string,
  department: string | null,
  sla?: [SlaStep, string] | null,
  details?: CaseTransition['details'],
];

/** "12-07 09:20" is December 2026 and "01-05 10:00" January 2027, Shaoyang time. */
const when = (text: string) => at(`${text.startsWith('01-') ? 2027 : 2026}-${text.replace(' ', 'T')}+08:00`);
const DEPARTMENT_ACTIONS: readonly TransitionAction[] = ['acknowledge', 'return', 'start', 'feedback', 'request_extension'];

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

/** Report, register, dispatch to `dept` on `day` at 09:00, signed for at 10:00 with `deadline` as handling deadline. */
function assigned(caseId: string, dept: string, day: string, deadline: string, rest: Row[] = []): CaseTransition[] {
  return history(caseId, [
    ['report', null, 'reported', `${day} 08:30`, null],
    ['register', 'reported', 'registered', `${day} 08:45`, null],
    ['dispatch', 'registered', 'dispatched', `${day} 09:00`, null, null, { department: dept }],
    ['acknowledge', 'dispatched', 'acknowledged', `${day} 10:00`, dept, ['sign_for', `${day} 11:00`]],
    ['start', 'acknowledged', 'in_progress', `${day} 10:30`, dept, ['handling', deadline]],
    ...rest,
  ]);
}
/** Feedback at `time` against `deadline`, checked and closed half an hour later. */
const closedAt = (time: string, deadline: string, dept: string): Row[] => [
  ['feedback', 'in_progress', 'feedback', time, dept, ['handling', deadline]],
  ['start_check', 'feedback', 'checking', time, dept, ['checking', '01-29 17:30']],
  ['check_pass', 'checking', 'closed', time, dept, ['checking', '01-29 17:30']],
];

const W = 'dept-water';
const G = 'dept-green';
const C = 'dept-city';
const R = 'dept-road';
const DECEMBER = monthPeriod('2026-12', SHAOYANG_OFFSET_MIN * 60_000);

describe('monthPeriod', () => {
  it('is the local calendar month', () => {
    expect(DECEMBER).toEqual({ from: at('2026-12-01T00:00+08:00'), to: at('2027-01-01T00:00+08:00') });
    expect(() => monthPeriod('2026-13', 0)).toThrow(/YYYY-MM/);
    expect(() => monthPeriod('26-12', 0)).toThrow(/YYYY-MM/);
  });
});

describe('department assessment for December 2026', () => {
  // Water: W1 on time; W2 on time after an extension (deadline 12-07 → 12-09); W3 late and
  // reworked, caller dissatisfied; W4 open, its deadline 12-18 passed; W5 open, due in January.
  // W was also sent C1 and returned it (not W's to answer for).
  const cases = [
    ...assigned('W1', W, '12-01', '12-04 17:30', [
      ...closedAt('12-03 15:00', '12-04 17:30', W),
      ['evaluate', 'closed', 'evaluated', '12-05 10:00', W, ['return_visit', '12-08 17:30'], { rating: 'satisfied' }],
    ]),
    ...assigned('W2', W, '12-02', '12-07 17:30', [
      ['request_extension', 'in_progress', 'extension_requested', '12-07 09:00', W, ['handling', '12-07 17:30'], { extensionDays: 2 }],
      ['approve_extension', 'extension_requested', 'in_progress', '12-07 10:00', W, ['handling', '12-07 17:30'], { extensionDays: 2, extendedUntil: when('12-09 17:30') }],
      ...closedAt('12-09 10:00', '12-09 17:30', W),
    ]),
    ...assigned('W3', W, '12-04', '12-10 17:30', [
      ['feedback', 'in_progress', 'feedback', '12-11 09:00', W, ['handling', '12-10 17:30']],
      ['start_check', 'feedback', 'checking', '12-11 09:30', W, ['checking', '12-14 17:30']],
      ['check_fail', 'checking', 'in_progress', '12-11 10:00', W, ['checking', '12-14 17:30']],
      ...closedAt('12-11 16:00', '12-14 17:30', W),
      ['evaluate', 'closed', 'evaluated', '12-14 10:00', W, null, { rating: 'dissatisfied' }],
    ]),
    ...assigned('W4', W, '12-14', '12-18 17:30'),
    ...assigned('W5', W, '12-28', '01-04 17:30'),
    // Green: both on time, one rated basically satisfied.
    ...assigned('G1', G, '12-03', '12-08 17:30', closedAt('12-08 17:30', '12-08 17:30', G)),
    ...assigned('G2', G, '12-09', '12-15 17:30', [
      ...closedAt('12-15 09:00', '12-15 17:30', G),
      ['evaluate', 'closed', 'evaluated', '12-16 09:00', G, null, { rating: 'basically_satisfied' }],
    ]),
    // City: C1 returned by water, re-dispatched to city, fed back on time; no return visit.
    ...history('C1', [
      ['report', null, 'reported', '12-10 08:30', null],
      ['register', 'reported', 'registered', '12-10 08:45', null],
      ['dispatch', 'registered', 'dispatched', '12-10 09:00', null, null, { department: W }],
      ['return', 'dispatched', 'returned', '12-10 09:30', W, ['sign_for', '12-10 11:00']],
      ['re_dispatch', 'returned', 'dispatched', '12-10 10:00', null, null, { department: C }],
      ['acknowledge', 'dispatched', 'acknowledged', '12-10 11:00', C, ['sign_for', '12-10 12:00']],
      ['start', 'acknowledged', 'in_progress', '12-10 11:30', C, ['handling', '12-18 17:30']],
      ...closedAt('12-17 10:00', '12-18 17:30', C),
    ]),
    // Road: dispatched on 30 December, nothing due before January.
    ...assigned('R1', R, '12-30', '01-06 17:30'),
  ];
  // W4's and W5's handling clocks run now; their deadlines are only on the case records.
  const open = new Map([
    ['W4', when('12-18 17:30')],
    ['W5', when('01-04 17:30')],
  ]);
  const a = assessment(cases, DECEMBER, open);
  const row = (id: string) => a.departments.find((d) => d.department === id)!;

  it('counts each department by hand', () => {
    expect(row(W)).toEqual({
      department: W,
      dispatched: 6, // W1–W5 and C1
      due: 4, // W1–W4 (W5 falls due in January; C1 was returned)
      handled: 3, // W1, W2, W3
      handledOnTime: 2, // W1, W2 (within its extended deadline)
      extended: 1, // W2
      reworked: 1, // W3
      evaluated: 2, // W1, W3
      satisfied: 1,
      onTimeRate: 0.5,
      handlingRate: 0.75,
      extensionRate: 0.25,
      reworkRate: 1 / 3,
      satisfactionRate: 0.5,
      rank: 3,
    });
    expect(row(G)).toMatchObject({ dispatched: 2, due: 2, handled: 2, handledOnTime: 2, extended: 0, reworked: 0, evaluated: 1, satisfied: 1, onTimeRate: 1, reworkRate: 0, satisfactionRate: 1 });
    expect(row(C)).toMatchObject({ dispatched: 1, due: 1, handled: 1, handledOnTime: 1, onTimeRate: 1, evaluated: 0, satisfactionRate: null });
    expect(row(R)).toMatchObject({ dispatched: 1, due: 0, onTimeRate: null, rank: null });
  });

  it('ranks by 按期处置率, then 返工率, then 回访满意率; nothing due is not ranked', () => {
    // Green and city both 100 % on time with no rework; green has a satisfied return visit, city none.
    expect(a.departments.map((d) => [d.department, d.rank])).toEqual([
      [G, 1],
      [C, 2],
      [W, 3],
      [R, null],
    ]);
  });

  it('judges as of the end of the month: a feedback in January does not count for December', () => {
    const late = assigned('L1', G, '12-21', '12-28 17:30', closedAt('01-04 10:00', '12-28 17:30', G));
    const g = assessment(late, DECEMBER).departments[0]!;
    expect(g).toMatchObject({ due: 1, handled: 0, handledOnTime: 0, onTimeRate: 0 });
    expect(assessment(late, DECEMBER).centre).toMatchObject({ due: 1, closed: 0, closureRate: 0 });
  });
});

describe('rankDepartments', () => {
  const dept = (department: string, onTimeRate: number, reworkRate: number, satisfactionRate: number | null): DepartmentAssessment => ({
    department,
    dispatched: 10,
    due: 10,
    handled: 10,
    handledOnTime: onTimeRate * 10,
    extended: 0,
    reworked: reworkRate * 10,
    evaluated: satisfactionRate === null ? 0 : 10,
    satisfied: (satisfactionRate ?? 0) * 10,
    onTimeRate,
    handlingRate: 1,
    extensionRate: 0,
    reworkRate,
    satisfactionRate,
    rank: null,
  });
  it('gives equal departments one rank and skips the next (1, 1, 3)', () => {
    const ranked = rankDepartments([dept('b', 0.9, 0.1, 0.8), dept('a', 0.9, 0.1, 0.8), dept('c', 0.9, 0.2, 1), dept('d', 1, 0.5, 0)]);
    expect(ranked.map((d) => [d.department, d.rank])).toEqual([
      ['d', 1],
      ['a', 2],
      ['b', 2],
      ['c', 4],
    ]);
  });
});

describe('centre closure rate over the cases due (应结案数)', () => {
  /** The same history under another case id. */
  const as = (id: string, source: readonly CaseTransition[]) => source.map((t) => ({ ...t, caseId: id }));
  const onTime = assigned('x', W, '12-07', '12-10 17:30', closedAt('12-10 09:00', '12-10 17:30', W));
  const late = assigned('x', W, '12-07', '12-10 17:30', closedAt('12-11 09:00', '12-10 17:30', W));
  const closedInJanuary = assigned('x', W, '12-14', '12-21 17:30', closedAt('01-05 09:00', '12-21 17:30', W));
  const openOverdue = assigned('x', W, '12-14', '12-21 17:30');
  const openNotDue = assigned('x', W, '12-28', '01-05 17:30');
  const cases: CaseTransition[] = [];
  const open = new Map<string, number>();
  const add = (prefix: string, n: number, source: readonly CaseTransition[], openDeadline?: string) => {
    for (let i = 0; i < n; i++) {
      cases.push(...as(`${prefix}${i}`, source));
      if (openDeadline) open.set(`${prefix}${i}`, when(openDeadline));
    }
  };
  add('on-time-', 880, onTime);
  add('late-', 31, late);
  add('closed-in-january-', 30, closedInJanuary);
  add('open-overdue-', 31, openOverdue, '12-21 17:30');
  add('open-not-due-', 24, openNotDue, '01-05 17:30');
  // A report voided at intake is neither taken in nor due.
  cases.push(...history('voided', [['report', null, 'reported', '12-02 09:00', null], ['void', 'reported', 'voided', '12-02 09:10', null]]));

  it('立案 996, 应结案 972, 结案 911: 结案率 93.72 %', () => {
    const { centre } = assessment(cases, DECEMBER, open);
    // 880 + 31 + 30 + 31 + 24 = 996 registered; all but the 24 fell due in December.
    expect([centre.registered, centre.due, centre.closed, centre.closedOnTime]).toEqual([996, 972, 911, 880]);
    expect(centre.closureRate).toBeCloseTo(0.93724, 5); // 911 / 972
    expect(centre.onTimeClosureRate).toBeCloseTo(0.90535, 5); // 880 / 972
  });

  it('counts a case closed on the call as taken in, due and closed at once', () => {
    const onCall = history('K', [
      ['report', null, 'reported', '12-02 09:00', null],
      ['close_on_call', 'reported', 'closed', '12-02 09:05', null, ['accept', '12-02 09:30'], { answer: '已告知' }],
    ]);
    expect(assessment(onCall, DECEMBER).centre).toMatchObject({ registered: 1, due: 1, closed: 1, closedOnTime: 1, closureRate: 1 });
    expect(assessment(onCall, DECEMBER).departments).toEqual([]);
  });
});
