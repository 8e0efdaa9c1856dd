import type { CaseSummary } from '@cw/contracts';
import { isOpenCase } from '@cw/dispatch';

/** The leader's case lists: every open case, and the three a leader is asked about. */
export const CASE_LISTS = ['open', 'overdue', 'supervised', 'emergency'] as const;
export type CaseList = (typeof CASE_LISTS)[number];

export function isCaseList(v: string | null | undefined): v is CaseList {
  return (CASE_LISTS as readonly string[]).includes(v ?? '');
}

/**
 * Whether an open case belongs on a list: overdue (its current step is past its limit),
 * supervised (督办件) or an emergency (category 突发事件, or 特急 urgency).
 */
export function onList(c: CaseSummary, list: CaseList): boolean {
  if (!isOpenCase(c)) return false;
  switch (list) {
    case 'open':
      return true;
    case 'overdue':
      return c.sla?.overdue === true;
    case 'supervised':
      return c.supervised;
    case 'emergency':
      return c.category === 'emergency' || c.urgency === 'critical';
  }
}

const URGENCY_RANK = { critical: 0, urgent: 1, normal: 2 } as const;

/**
 * A list for the leader, the most pressing first: overdue before on time, then by urgency,
 * then the longest waiting. Optionally one division's only.
 */
export function caseList(cases: Iterable<CaseSummary>, list: CaseList, division: string | null = null): CaseSummary[] {
  const out: CaseSummary[] = [];
  for (const c of cases) if (onList(c, list) && (division === null || c.division === division)) out.push(c);
  return out.sort(
    (a, b) =>
      Number(b.sla?.overdue === true) - Number(a.sla?.overdue === true) ||
      URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
      a.reportedAt - b.reportedAt ||
      a.id.localeCompare(b.id),
  );
}

/** How many cases are on each list. */
export function listCounts(cases: Iterable<CaseSummary>): Record<CaseList, number> {
  const counts: Record<CaseList, number> = { open: 0, overdue: 0, supervised: 0, emergency: 0 };
  for (const c of cases) for (const l of CASE_LISTS) if (onList(c, l)) counts[l]++;
  return counts;
}
