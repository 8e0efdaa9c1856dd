import type { CaseRecord, CaseTransition } from '@cw/contracts';

/**
 * When a case stopped needing anyone: closed and evaluated cases at their closure, voided and
 * merged reports at the change that ended them (they are never "closed"). Null while open.
 */
export function endedAt(c: Pick<CaseRecord, 'state' | 'closedAt' | 'updatedAt'>): number | null {
  if (c.state === 'voided' || c.state === 'merged') return c.updatedAt;
  return c.closedAt;
}

/**
 * THE predicate for a case on the live topics (and in the server's memory): still open, or
 * ended less than `keepMs` ago. The topics, the restore and the open-case KPIs all use it, so
 * the live set is the same before and after a restart.
 */
export function isLiveCase(c: Pick<CaseRecord, 'state' | 'closedAt' | 'updatedAt'>, now: number, keepMs: number): boolean {
  const ended = endedAt(c);
  return ended === null || ended >= now - keepMs;
}

/** Open: not yet ended (what the dispatch overview counts as open). */
export const isOpenCase = (c: Pick<CaseRecord, 'state' | 'closedAt' | 'updatedAt'>): boolean => endedAt(c) === null;

/**
 * The case histories the KPIs are computed from, kept in memory and updated with every change,
 * so no write re-reads weeks of history from the store. Cases reported before the window's
 * start roll off.
 */
export class KpiHistory {
  private readonly byCase = new Map<string, { reportedAt: number; transitions: CaseTransition[] }>();

  /** Adds transitions of a case (its first one opens it, at the case's report time). */
  add(reportedAt: number, transitions: readonly CaseTransition[]): void {
    for (const t of transitions) {
      let entry = this.byCase.get(t.caseId);
      if (entry === undefined) {
        entry = { reportedAt, transitions: [] };
        this.byCase.set(t.caseId, entry);
      }
      entry.transitions.push(t);
    }
  }

  /** Forgets cases reported before `since`. */
  rollOff(since: number): void {
    for (const [id, e] of this.byCase) if (e.reportedAt < since) this.byCase.delete(id);
  }

  /** Every kept transition in time order, as the store would list them. */
  transitions(): CaseTransition[] {
    const all: CaseTransition[] = [];
    for (const e of this.byCase.values()) all.push(...e.transitions);
    return all.sort((a, b) => a.at - b.at);
  }

  get cases(): number {
    return this.byCase.size;
  }
}
