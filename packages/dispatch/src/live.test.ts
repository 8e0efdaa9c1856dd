import { describe, expect, it } from 'vitest';
import type { CaseState, CaseTransition } from '@cw/contracts';
import { KpiHistory, endedAt, isLiveCase, isOpenCase } from './live.ts';
import { at, officer } from './testing.ts';

const H = 3_600_000;
const noon = at('2026-12-04T12:00+08:00');
const c = (state: CaseState, closedAt: number | null, updatedAt: number) => ({ state, closedAt, updatedAt });

describe('the live-case predicate', () => {
  it('keeps open cases whatever their age', () => {
    expect(isLiveCase(c('in_progress', null, noon - 90 * 24 * H), noon, 24 * H)).toBe(true);
    expect(isOpenCase(c('dispatched', null, noon))).toBe(true);
  });

  it('keeps a closed case for the keep period after its closure, then drops it', () => {
    expect(isLiveCase(c('closed', noon - 23 * H, noon - 23 * H), noon, 24 * H)).toBe(true);
    expect(isLiveCase(c('evaluated', noon - 25 * H, noon - 1 * H), noon, 24 * H)).toBe(false);
  });

  it('ends voided and merged reports at their last change, though they carry no closure time', () => {
    expect(endedAt(c('voided', null, noon - 2 * H))).toBe(noon - 2 * H);
    expect(endedAt(c('merged', null, noon - 30 * H))).toBe(noon - 30 * H);
    expect(isOpenCase(c('voided', null, noon))).toBe(false);
    expect(isLiveCase(c('voided', null, noon - 2 * H), noon, 24 * H)).toBe(true);
    expect(isLiveCase(c('merged', null, noon - 30 * H), noon, 24 * H)).toBe(false);
  });
});

describe('KpiHistory', () => {
  const t = (caseId: string, seq: number, iso: string): CaseTransition => ({
    seq,
    caseId,
    action: seq === 1 ? 'report' : 'verify',
    from: seq === 1 ? null : 'reported',
    to: seq === 1 ? 'reported' : 'verifying',
    actor: officer,
    at: at(iso),
    department: null,
    sla: null,
  });

  it('lists every kept transition in time order and rolls off cases reported before the window', () => {
    const h = new KpiHistory();
    h.add(at('2026-12-01T09:00+08:00'), [t('A', 1, '2026-12-01T09:00+08:00')]);
    h.add(at('2026-12-03T10:00+08:00'), [t('B', 1, '2026-12-03T10:00+08:00')]);
    h.add(at('2026-12-01T09:00+08:00'), [t('A', 2, '2026-12-03T11:00+08:00')]);
    expect(h.transitions().map((x) => `${x.caseId}${x.seq}`)).toEqual(['A1', 'B1', 'A2']);
    h.rollOff(at('2026-12-02T00:00+08:00'));
    expect(h.cases).toBe(1);
    expect(h.transitions().map((x) => `${x.caseId}${x.seq}`)).toEqual(['B1']);
  });
});
