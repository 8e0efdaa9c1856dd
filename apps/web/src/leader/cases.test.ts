import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '@cw/contracts';
import { caseList, listCounts, onList } from './cases.ts';

const base: CaseSummary = {
  id: 'c1',
  version: 1,
  title: 't',
  channel: 'grid_inspector',
  category: 'street_order',
  urgency: 'normal',
  division: '430502',
  state: 'dispatched',
  department: 'cgj',
  reportedAt: 1000,
  updatedAt: 1000,
  closedAt: null,
  supervised: false,
  reminders: 0,
  mergedInto: null,
  mergedReportIds: [],
  sla: null,
  instructions: 0,
};
const sla = (overdue: boolean) => ({ step: 'handling' as const, deadline: 5000, light: overdue ? ('red' as const) : ('green' as const), fractionUsed: overdue ? 1.2 : 0.3, overdue, paused: false });

describe('onList', () => {
  it('keeps closed, voided and merged cases off every list', () => {
    for (const state of ['closed', 'evaluated'] as const) expect(onList({ ...base, state, closedAt: 2000, supervised: true }, 'supervised')).toBe(false);
    expect(onList({ ...base, state: 'voided', urgency: 'critical' }, 'emergency')).toBe(false);
    expect(onList({ ...base, state: 'merged' }, 'open')).toBe(false);
  });

  it('puts an open case on the lists it qualifies for', () => {
    const c = { ...base, supervised: true, sla: sla(true) };
    expect(['open', 'overdue', 'supervised', 'emergency'].filter((l) => onList(c, l as never))).toEqual(['open', 'overdue', 'supervised']);
    expect(onList({ ...base, category: 'emergency' }, 'emergency')).toBe(true);
    expect(onList({ ...base, urgency: 'critical' }, 'emergency')).toBe(true);
    expect(onList({ ...base, urgency: 'urgent' }, 'emergency')).toBe(false);
  });
});

describe('caseList', () => {
  it('lists overdue first, then by urgency, then the longest waiting, in one division if asked', () => {
    const cases = [
      { ...base, id: 'a', reportedAt: 10 },
      { ...base, id: 'b', urgency: 'critical' as const, reportedAt: 30 },
      { ...base, id: 'c', sla: sla(true), reportedAt: 50 },
      { ...base, id: 'd', reportedAt: 5, division: '430503' },
      { ...base, id: 'e', reportedAt: 1, state: 'closed' as const, closedAt: 9 },
    ];
    expect(caseList(cases, 'open').map((c) => c.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(caseList(cases, 'open', '430502').map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(listCounts(cases)).toEqual({ open: 4, overdue: 1, supervised: 0, emergency: 1 });
  });
});
