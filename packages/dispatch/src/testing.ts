import type { Actor, ActorRole, CaseAction, CaseCommand, CaseRecord, NewCase } from '@cw/contracts';
import { createWorkingCalendar } from './calendar.ts';
import { DEFAULT_SLA_POLICY } from './sla.ts';
import { openCase, type DispatchRules } from './workflow.ts';

/** Test helpers shared by the *.test.ts files of this package. */

export const SHAOYANG_OFFSET_MIN = 480;

/** An instant from an ISO string with an explicit offset, e.g. "2026-12-04T16:00+08:00". */
export function at(iso: string): number {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`give the offset explicitly: ${iso}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date: ${iso}`);
  return ms;
}

/** An instant as Shaoyang local time, "YYYY-MM-DDTHH:MM+08:00" (seconds only when not zero). */
export function local(ms: number | null | undefined): string {
  if (ms == null) return String(ms);
  const text = new Date(ms + SHAOYANG_OFFSET_MIN * 60_000).toISOString();
  const seconds = text.slice(16, 23) === ':00.000' ? '' : text.slice(16, 23);
  return `${text.slice(0, 16)}${seconds}+08:00`;
}

export const calendar = createWorkingCalendar({
  utcOffsetMinutes: SHAOYANG_OFFSET_MIN,
  holidays: ['2027-01-01'],
});
export const rules: DispatchRules = { calendar, sla: DEFAULT_SLA_POLICY };

export const officer: Actor = { userId: 'u-officer', role: 'duty_officer' };
export const shiftLeader: Actor = { userId: 'u-shift', role: 'shift_leader' };
export const leader: Actor = { userId: 'u-leader', role: 'leader' };
export const inspector: Actor = { userId: 'u-inspector', role: 'inspector' };
export const system: Actor = { userId: 'system', role: 'system' };
export const handler = (department: string): Actor => ({ userId: `u-${department}`, role: 'department', department });

/** An actor of `role`; a department handler belongs to the case's department. */
export function actorFor(role: ActorRole, c: CaseRecord): Actor {
  switch (role) {
    case 'duty_officer':
      return officer;
    case 'shift_leader':
      return shiftLeader;
    case 'leader':
      return leader;
    case 'inspector':
      return inspector;
    case 'system':
      return system;
    case 'department':
      return handler(c.department ?? 'dept-a');
  }
}

export function report(overrides: Partial<NewCase> = {}): NewCase {
  return {
    title: '垃圾满溢',
    description: 'Overflowing bin at the bus stop',
    channel: 'grid_inspector',
    category: 'city_appearance',
    urgency: 'normal',
    division: '430502',
    location: [111.4677, 27.2389],
    ...overrides,
  };
}

export function newCase(id: string, now: number, overrides: Partial<NewCase> = {}): CaseRecord {
  return openCase(report(overrides), id, officer, now, rules).case;
}

/** A well-formed command for `action` on `c`, with a reason so that rows requiring one pass. */
export function commandFor(c: CaseRecord, action: CaseAction): CaseCommand {
  const base = { caseId: c.id, expectedVersion: c.version, comment: 'reason given' };
  switch (action) {
    case 'dispatch':
      return { ...base, action, department: 'dept-a' };
    case 're_dispatch':
      return { ...base, action, department: c.department === 'dept-a' ? 'dept-b' : 'dept-a' };
    case 'request_extension':
      return { ...base, action, workingDays: 2 };
    case 'evaluate':
      return { ...base, action, rating: 'satisfied' };
    case 'close_on_call':
      return { ...base, action, answer: '已告知办理地点与所需材料' };
    case 'merge':
      return { ...base, action, duplicateId: `${c.id}-dup${c.mergedReportIds.length}`, duplicateExpectedVersion: 1 };
    case 'merge_into':
      return { ...base, action, primaryId: `${c.id}-primary` };
    default:
      return { ...base, action };
  }
}

/** Freezes a value and everything in it, so that any mutation in the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
