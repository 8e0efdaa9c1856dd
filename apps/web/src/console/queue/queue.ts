import { canTakeCase } from '@cw/access';
import type { CaseAction, CaseRoleOverrides, CaseSlaView, CaseState, CaseSummary, Category, Channel, Role, Urgency } from '@cw/contracts';
import { WORKFLOW } from '@cw/dispatch';

/**
 * Which cases a desk lists and in what order: views (tabs), filters and sorting, as plain
 * functions of the live case summaries.
 */

export const QUEUE_VIEWS = ['open', 'incoming', 'active', 'mine', 'done'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Not yet with a department: the command centre's intake. */
const INCOMING: ReadonlySet<CaseState> = new Set(['reported', 'verifying', 'verified', 'registered', 'returned']);
/** Finished one way or another; closed cases stay on the live topic for a day. */
const DONE: ReadonlySet<CaseState> = new Set(['closed', 'evaluated', 'voided', 'merged']);

/**
 * Actions that are not anybody's next step: chasing, merging, voiding, reopening and
 * un-parking may happen to an open case at any time, so they do not put it on a "needs me"
 * list. Neither does re-dispatching a case still with its department (a correction).
 */
const SIDE_ACTIONS: ReadonlySet<CaseAction> = new Set(['remind', 'supervise', 'merge', 'merge_into', 'void', 'reopen', 'unpark']);
const CORRECTIONS: Partial<Record<CaseAction, readonly CaseState[]>> = { re_dispatch: ['dispatched'] };

/** The states in which `role` has the case's next step to take (from WORKFLOW and the permission table). */
export function taskStates(role: Role, overrides?: CaseRoleOverrides): ReadonlySet<CaseState> {
  const states = new Set<CaseState>();
  for (const row of WORKFLOW) {
    if (SIDE_ACTIONS.has(row.action) || !canTakeCase(role, row.action, overrides)) continue;
    for (const s of row.from) if (!CORRECTIONS[row.action]?.includes(s)) states.add(s);
  }
  return states;
}

export function inView(c: CaseSummary, view: QueueView, tasks: ReadonlySet<CaseState>): boolean {
  switch (view) {
    case 'open':
      return !DONE.has(c.state);
    case 'incoming':
      return INCOMING.has(c.state);
    case 'active':
      return !INCOMING.has(c.state) && !DONE.has(c.state);
    case 'mine':
      return tasks.has(c.state);
    case 'done':
      return DONE.has(c.state);
  }
}

export interface QueueFilter {
  state: CaseState | null;
  channel: Channel | null;
  category: Category | null;
  division: string | null;
  department: string | null;
  /** Matched against the title and the case id, ignoring case. */
  text: string;
}

export const NO_FILTER: QueueFilter = { state: null, channel: null, category: null, division: null, department: null, text: '' };

export const isFiltered = (f: QueueFilter): boolean =>
  f.state !== null || f.channel !== null || f.category !== null || f.division !== null || f.department !== null || f.text.trim() !== '';

export function matchesFilter(c: CaseSummary, f: QueueFilter): boolean {
  if (f.state !== null && c.state !== f.state) return false;
  if (f.channel !== null && c.channel !== f.channel) return false;
  if (f.category !== null && c.category !== f.category) return false;
  if (f.division !== null && c.division !== f.division) return false;
  if (f.department !== null && c.department !== f.department) return false;
  const text = f.text.trim().toLowerCase();
  return text === '' || c.title.toLowerCase().includes(text) || c.id.toLowerCase().includes(text);
}

const URGENCY_RANK: Record<Urgency, number> = { critical: 2, urgent: 1, normal: 0 };
const LIGHT_RANK = { red: 3, yellow: 2, green: 1 } as const;

/** How pressing a case's time limit is: red > yellow > green > paused or untimed. */
export const slaRank = (sla: CaseSlaView | null): number => (sla === null || sla.paused ? 0 : LIGHT_RANK[sla.light]);

const byId = (a: CaseSummary, b: CaseSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Work order for open cases: the most urgent first (特急, 加急, 一般); within an urgency the
 * most pressing time limit (red, yellow, green; closest to its deadline first); then the
 * oldest report.
 */
export function compareOpen(a: CaseSummary, b: CaseSummary): number {
  return (
    URGENCY_RANK[b.urgency] - URGENCY_RANK[a.urgency] ||
    slaRank(b.sla) - slaRank(a.sla) ||
    (b.sla?.paused ? 0 : (b.sla?.fractionUsed ?? 0)) - (a.sla?.paused ? 0 : (a.sla?.fractionUsed ?? 0)) ||
    a.reportedAt - b.reportedAt ||
    byId(a, b)
  );
}

/** Finished cases: the latest finished first. */
export function compareDone(a: CaseSummary, b: CaseSummary): number {
  return (b.closedAt ?? b.updatedAt) - (a.closedAt ?? a.updatedAt) || byId(a, b);
}

/** The cases a desk lists for a view and filter, in work order. */
export function buildQueue(cases: Iterable<CaseSummary>, view: QueueView, filter: QueueFilter, tasks: ReadonlySet<CaseState>): CaseSummary[] {
  const list = [...cases].filter((c) => inView(c, view, tasks) && matchesFilter(c, filter));
  return list.sort(view === 'done' ? compareDone : compareOpen);
}

/** How many cases each view holds under the filter, for the tab labels. */
export function viewCounts(cases: Iterable<CaseSummary>, filter: QueueFilter, tasks: ReadonlySet<CaseState>): Record<QueueView, number> {
  const counts = Object.fromEntries(QUEUE_VIEWS.map((v) => [v, 0])) as Record<QueueView, number>;
  for (const c of cases) {
    if (!matchesFilter(c, filter)) continue;
    for (const v of QUEUE_VIEWS) if (inView(c, v, tasks)) counts[v]++;
  }
  return counts;
}

/** The id `delta` rows away from `current` in the list, staying at the ends; the first row when nothing is selected. */
export function stepSelection(list: readonly CaseSummary[], current: string | null, delta: number): string | null {
  if (list.length === 0) return null;
  const at = list.findIndex((c) => c.id === current);
  if (at < 0) return list[delta < 0 ? list.length - 1 : 0]!.id;
  return list[Math.min(list.length - 1, Math.max(0, at + delta))]!.id;
}
