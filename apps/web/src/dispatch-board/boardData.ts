import type { CaseLocation, CaseSummary, DepartmentKpi, Division } from '@cw/contracts';
import { escapeHtml } from '../charts/escapeHtml.ts';

/**
 * The dispatch board's figures from the live `cases` topic (open cases and those closed in
 * the last day). The KPIs themselves come ready-made on the `dispatch` topic.
 */

/** Open as the server counts it for the KPIs: not closed, voided or merged. */
export const isOpen = (c: CaseSummary): boolean => c.closedAt === null && c.state !== 'voided' && c.state !== 'merged';

/** Open cases per division code; every division of the profile appears, with 0 if it has none. */
export function openByDivision(cases: Iterable<CaseSummary>, divisions: readonly Pick<Division, 'code'>[]): Map<string, number> {
  const counts = new Map(divisions.map((d) => [d.code, 0]));
  for (const c of cases) if (isOpen(c) && counts.has(c.division)) counts.set(c.division, counts.get(c.division)! + 1);
  return counts;
}

/** Why a case is on the watch list (督办): past its deadline, or put under supervision. */
export type WatchReason = 'overdue' | 'supervised';

export interface Watched {
  case: CaseSummary;
  reason: WatchReason;
}

/** Open cases past their deadline (most overdue first), then supervised ones (oldest first). */
export function watchList(cases: Iterable<CaseSummary>): Watched[] {
  const overdue: CaseSummary[] = [];
  const supervised: CaseSummary[] = [];
  for (const c of cases) {
    if (!isOpen(c)) continue;
    if (c.sla?.overdue) overdue.push(c);
    else if (c.supervised) supervised.push(c);
  }
  overdue.sort((a, b) => b.sla!.fractionUsed - a.sla!.fractionUsed || a.reportedAt - b.reportedAt);
  supervised.sort((a, b) => a.reportedAt - b.reportedAt);
  return [...overdue.map((c) => ({ case: c, reason: 'overdue' as const })), ...supervised.map((c) => ({ case: c, reason: 'supervised' as const }))];
}

/** The newest reports, newest first. */
export function latestCases(cases: Iterable<CaseSummary>, n: number): CaseSummary[] {
  return [...cases].sort((a, b) => b.reportedAt - a.reportedAt || (a.id < b.id ? 1 : -1)).slice(0, n);
}

export interface WatchMarker {
  id: string;
  reason: WatchReason;
  position: CaseLocation;
  /** The case has no location of its own; it is drawn at its division's label point. */
  approximate: boolean;
}

/** Map markers for the watch list: at the reported location, else at the division's label point. */
export function watchMarkers(watched: readonly Watched[], divisions: readonly Pick<Division, 'code' | 'center'>[]): WatchMarker[] {
  const centres = new Map(divisions.map((d) => [d.code, d.center]));
  return watched.flatMap(({ case: c, reason }) => {
    const position = c.location ?? centres.get(c.division);
    return position === undefined ? [] : [{ id: c.id, reason, position, approximate: c.location === undefined }];
  });
}

/** Departments that have handled something, best on-time rate first (the server's order), at most `n`. */
export function departmentRanking(departments: readonly DepartmentKpi[], n: number): DepartmentKpi[] {
  return departments.filter((d) => d.handled > 0).slice(0, n);
}

/** A rate in [0, 1] as a percentage with one decimal; a dash when there is nothing to rate. */
export function formatRate(rate: number | null, lang: 'zh-CN' | 'en'): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** An ECharts tooltip (which is HTML): a bold first line and plain lines, every text escaped. */
export function tooltipHtml(title: string, lines: readonly string[]): string {
  return [`<b>${escapeHtml(title)}</b>`, ...lines.map(escapeHtml)].join('<br/>');
}

/**
 * Board colours for a rate: the city's target decides green or red, and a rate over fewer
 * than `minSample` cases is shown neutral, because one case moves it by several points.
 */
export type RateTone = 'good' | 'bad' | 'thin' | 'none';

export interface RateTarget {
  /** Good at or above this (closure, satisfaction) … */
  atLeast?: number;
  /** … or at or below this (extension, rework). */
  atMost?: number;
}

/** Denominators below this are too small to colour (one case would move a rate by more than 5 points). */
export const MIN_RATE_SAMPLE = 20;

/**
 * Targets the board colours against: an operational choice (docs/dispatch-screens.md), at
 * the level 数字城管 and 12345 evaluations commonly set (≥ 90 % closed, on time and
 * satisfied; extensions and rework at most one case in ten).
 */
export const RATE_TARGETS = {
  closure: { atLeast: 0.9 },
  onTime: { atLeast: 0.9 },
  satisfaction: { atLeast: 0.9 },
  extension: { atMost: 0.1 },
  rework: { atMost: 0.1 },
} as const satisfies Record<string, RateTarget>;

export function rateTone(rate: number | null, sample: number, target: RateTarget, minSample = MIN_RATE_SAMPLE): RateTone {
  if (rate === null || !Number.isFinite(rate)) return 'none';
  if (sample < minSample) return 'thin';
  if (target.atLeast !== undefined) return rate >= target.atLeast ? 'good' : 'bad';
  if (target.atMost !== undefined) return rate <= target.atMost ? 'good' : 'bad';
  return 'none';
}

/** States in which a case waits for someone to take it up (the centre, or a department to sign for it). */
const WAITING_STATES: readonly CaseSummary['state'][] = ['reported', 'verified', 'registered', 'dispatched', 'returned'];

/**
 * Open cases waiting longest since their last step (oldest first), overdue ones left out as
 * the watch list shows them.
 */
export function oldestWaiting(cases: Iterable<CaseSummary>): CaseSummary[] {
  return [...cases]
    .filter((c) => isOpen(c) && WAITING_STATES.includes(c.state) && !c.sla?.overdue)
    .sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : 1));
}

/** A change against yesterday by this time, signed: "+3", "−2" (a true minus), "±0". */
export function signedChange(today: number, yesterday: number): string {
  const d = today - yesterday;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0';
}

/**
 * How much of a shared column a list panel takes: in step with its rows, between 1 and 4, so
 * a list of ten overdue cases is not cut to two beside an almost empty one.
 */
export const listGrow = (rows: number): number => Math.max(1, Math.min(4, rows / 2));

/** A panel's title and padding, vh. */
const PANEL_HEAD_VH = 6.5;

/** A list panel's own height (vh): its title and up to two rows, so no list shows only "n more". */
export const listBasisVh = (rows: number, rowVh: number, gapVh: number): number => PANEL_HEAD_VH + Math.min(rows, 2) * (rowVh + gapVh);
