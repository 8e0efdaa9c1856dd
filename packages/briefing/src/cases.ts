import { CHANNELS, type BriefingCases, type CaseRecord, type CaseState, type CaseTransition, type Channel, type Localized, type SlaStep } from '@cw/contracts';

/** A stored case with its append-only history. */
export interface CaseWithHistory {
  record: CaseRecord;
  history: readonly CaseTransition[];
}

const ENDED: readonly CaseState[] = ['closed', 'evaluated', 'voided', 'merged'];

/** Where a case stood at instant `t`, rebuilt from its history so that a later change cannot alter it. */
export interface CaseAt {
  state: CaseState;
  department: string | null;
  /** The step clock running at `t`: its step and deadline (null while paused). */
  clock: { step: SlaStep; deadline: number | null } | null;
}

/**
 * The case at `t`, or null if it was not yet reported. State: the last transition before `t`.
 * Department and clock: what the first transition at or after `t` says was in force when it
 * was taken (transitions record the assignment and clock before their own effect); with no
 * such transition, nothing changed since, so the record's own.
 */
export function caseAt(c: CaseWithHistory, t: number): CaseAt | null {
  const history = [...c.history].sort((a, b) => a.seq - b.seq);
  const before = history.filter((h) => h.at < t);
  const last = before[before.length - 1];
  if (last === undefined) return null;
  const next = history.find((h) => h.at >= t);
  if (next !== undefined) return { state: last.to, department: next.department, clock: next.sla };
  const sla = c.record.sla;
  return { state: last.to, department: c.record.department, clock: sla && { step: sla.step, deadline: sla.paused ? null : sla.deadline } };
}

/**
 * Open at `t` with its handling or checking deadline passed (as the dispatch KPIs' 应结案
 * count judges it): not a case waiting to be signed for, nor a parked one.
 */
export function overdueAt(at: CaseAt | null, t: number): boolean {
  if (at === null || ENDED.includes(at.state) || at.clock === null) return false;
  return at.clock.step !== 'sign_for' && at.clock.deadline !== null && t > at.clock.deadline;
}

interface Counts {
  received: number;
  closed: number;
  overdue: number;
}

/**
 * Cases of the day [dayStart, dayEnd): received (reported in the day), closed (closed in the
 * day, once per case, counted for the department that closed it), overdue at the day's end
 * (overdueAt), by the department in charge and by channel.
 */
export function caseFigures(cases: readonly CaseWithHistory[], dayStart: number, dayEnd: number, departments: readonly { id: string; name: Localized }[]): BriefingCases {
  const total: Counts = { received: 0, closed: 0, overdue: 0 };
  const byDept = new Map<string | null, Counts>();
  const byChannel = new Map<Channel, Counts>();
  const bump = (dept: string | null, channel: Channel, key: keyof Counts) => {
    total[key]++;
    let d = byDept.get(dept);
    if (d === undefined) byDept.set(dept, (d = { received: 0, closed: 0, overdue: 0 }));
    d[key]++;
    let ch = byChannel.get(channel);
    if (ch === undefined) byChannel.set(channel, (ch = { received: 0, closed: 0, overdue: 0 }));
    ch[key]++;
  };
  for (const c of cases) {
    const atEnd = caseAt(c, dayEnd);
    const channel = c.record.channel;
    if (c.record.reportedAt >= dayStart && c.record.reportedAt < dayEnd) bump(atEnd?.department ?? null, channel, 'received');
    const closing = [...c.history].sort((a, b) => a.seq - b.seq).find((h) => h.to === 'closed' && h.at >= dayStart && h.at < dayEnd);
    if (closing !== undefined) bump(closing.department, channel, 'closed');
    if (overdueAt(atEnd, dayEnd)) bump(atEnd!.department, channel, 'overdue');
  }
  const names = new Map(departments.map((d) => [d.id, d.name]));
  return {
    ...total,
    byDepartment: [...byDept]
      .map(([department, n]) => ({ department, name: department === null ? null : (names.get(department) ?? null), ...n }))
      .sort((a, b) => b.received - a.received || b.closed - a.closed || (a.department ?? '').localeCompare(b.department ?? '')),
    byChannel: CHANNELS.filter((ch) => byChannel.has(ch)).map((channel) => ({ channel, ...byChannel.get(channel)! })),
  };
}
