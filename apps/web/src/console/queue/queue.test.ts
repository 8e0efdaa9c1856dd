import { describe, expect, it } from 'vitest';
import type { CaseSlaView, CaseSummary } from '@cw/contracts';
import { NO_FILTER, buildQueue, compareOpen, isFiltered, matchesFilter, stepSelection, taskStates, viewCounts } from './queue.ts';

const sla = (light: CaseSlaView['light'], fractionUsed: number, paused = false): CaseSlaView => ({
  step: 'handling',
  deadline: paused ? null : 10_000,
  light,
  fractionUsed,
  overdue: light === 'red',
  paused,
});

function summary(id: string, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    version: 1,
    title: `Case ${id}`,
    channel: 'grid_inspector',
    category: 'city_appearance',
    urgency: 'normal',
    division: '430502',
    state: 'reported',
    department: null,
    reportedAt: 1000,
    updatedAt: 1000,
    closedAt: null,
    supervised: false,
    reminders: 0,
    mergedInto: null,
    mergedReportIds: [],
    sla: null,
    instructions: 0,
    ...over,
  };
}

describe('taskStates', () => {
  it('gives the duty officer intake, checking and evaluation, not the departments’ steps', () => {
    const s = taskStates('duty_officer');
    expect([...s].sort()).toEqual(['checking', 'closed', 'feedback', 'registered', 'reported', 'returned', 'verified', 'verifying']);
  });

  it('gives departments signing for, handling and feedback', () => {
    const s = taskStates('department');
    expect([...s].sort()).toEqual(['acknowledged', 'dispatched', 'in_progress']);
  });

  it('gives leaders the requests awaiting their approval, and walls nothing', () => {
    expect([...taskStates('leader')].sort()).toEqual(['extension_requested', 'parking_requested']);
    // The shift leader registers (立案) and closes (结案) too, unless the city gives both to the duty officer.
    expect([...taskStates('shift_leader')].sort()).toEqual(['checking', 'extension_requested', 'parking_requested', 'registered', 'reported', 'returned', 'verified', 'verifying']);
    const officerOnly = { register: ['duty_officer' as const], check_pass: ['duty_officer' as const] };
    expect([...taskStates('shift_leader', officerOnly)].sort()).toEqual(['extension_requested', 'parking_requested', 'registered', 'returned']);
    expect(taskStates('wall').size).toBe(0);
  });
});

describe('views', () => {
  const cases = [
    summary('a', { state: 'reported' }),
    summary('b', { state: 'returned' }),
    summary('c', { state: 'in_progress', department: 'cgj' }),
    summary('d', { state: 'feedback', department: 'cgj' }),
    summary('e', { state: 'closed', closedAt: 5000 }),
    summary('f', { state: 'merged' }),
  ];
  const tasks = taskStates('duty_officer');

  it('counts each view', () => {
    expect(viewCounts(cases, NO_FILTER, tasks)).toEqual({ open: 4, incoming: 2, active: 2, mine: 4, done: 2 });
  });

  it('lists what each view holds', () => {
    const ids = (v: Parameters<typeof buildQueue>[1]) => buildQueue(cases, v, NO_FILTER, tasks).map((c) => c.id).sort();
    expect(ids('incoming')).toEqual(['a', 'b']);
    expect(ids('active')).toEqual(['c', 'd']);
    expect(ids('mine')).toEqual(['a', 'b', 'd', 'e']);
    expect(ids('done')).toEqual(['e', 'f']);
  });
});

describe('filters', () => {
  const c = summary('C20261127-0007', { title: '人民路垃圾满溢', channel: 'hotline_12345', requestType: 'complaint', department: 'cgj', state: 'dispatched' });

  it('matches every field that is set', () => {
    expect(matchesFilter(c, NO_FILTER)).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, channel: 'hotline_12345', department: 'cgj', state: 'dispatched', division: '430502', category: 'city_appearance' })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, channel: 'police_110' })).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, department: 'gaj' })).toBe(false);
    expect(matchesFilter(c, { ...NO_FILTER, division: '430503' })).toBe(false);
  });

  it('searches the title and the id, ignoring case and surrounding blanks', () => {
    expect(matchesFilter(c, { ...NO_FILTER, text: ' 垃圾 ' })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: 'c20261127-0007' })).toBe(true);
    expect(matchesFilter(c, { ...NO_FILTER, text: '噪声' })).toBe(false);
  });

  it('knows whether anything is filtered', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, text: '  ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, category: 'other' })).toBe(true);
  });
});

describe('work order', () => {
  it('puts urgency first, then the time limit, then the oldest report', () => {
    const list = [
      summary('old-green', { reportedAt: 100, sla: sla('green', 0.2) }),
      summary('red', { reportedAt: 900, sla: sla('red', 1.3) }),
      summary('critical', { reportedAt: 950, urgency: 'critical' }),
      summary('yellow', { reportedAt: 800, sla: sla('yellow', 0.85) }),
      summary('redder', { reportedAt: 990, sla: sla('red', 2.1) }),
      summary('paused', { reportedAt: 50, sla: sla('red', 1.5, true) }),
      summary('untimed-old', { reportedAt: 10 }),
      summary('urgent', { reportedAt: 999, urgency: 'urgent', sla: sla('green', 0.1) }),
    ];
    expect([...list].sort(compareOpen).map((c) => c.id)).toEqual(['critical', 'urgent', 'redder', 'red', 'yellow', 'old-green', 'untimed-old', 'paused']);
  });

  it('lists finished cases latest first', () => {
    const list = [summary('a', { state: 'closed', closedAt: 100 }), summary('b', { state: 'voided', updatedAt: 300 }), summary('c', { state: 'closed', closedAt: 200 })];
    expect(buildQueue(list, 'done', NO_FILTER, new Set()).map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('stepSelection', () => {
  const list = [summary('a'), summary('b'), summary('c')];
  it('moves within the list and stops at its ends', () => {
    expect(stepSelection(list, 'a', 1)).toBe('b');
    expect(stepSelection(list, 'c', 1)).toBe('c');
    expect(stepSelection(list, 'a', -1)).toBe('a');
    expect(stepSelection(list, 'b', -1)).toBe('a');
  });
  it('starts at the near end when nothing (or a case no longer listed) is selected', () => {
    expect(stepSelection(list, null, 1)).toBe('a');
    expect(stepSelection(list, 'gone', -1)).toBe('c');
    expect(stepSelection([], null, 1)).toBeNull();
  });
});
