import type { CaseRecord, DispatchTrends, TrendRow } from '@cw/contracts';

/**
 * Hot issues for the dispatch board: reports so far today against yesterday up to the same
 * time of day, per category and per division. Comparing whole days would show every
 * morning as a fall; comparing with the same hour does not.
 */

const DAY_MS = 86_400_000;

/** Fewer reports than this today say nothing about a rise (one or two calls are noise). */
export const TREND_MIN_TODAY = 3;
/** A rise must be at least this many reports more than yesterday by this time … */
export const TREND_MIN_RISE = 2;
/** … and at least this fraction more (so 20 → 22 on a busy category is not "rising"). */
export const TREND_MIN_RISE_FRACTION = 0.5;

export type TrendCase = Pick<CaseRecord, 'reportedAt' | 'closedAt' | 'category' | 'division'>;

/** Whether `today` against `yesterday` (by the same time) is a rise worth showing. */
export function isRising(today: number, yesterday: number): boolean {
  return today >= TREND_MIN_TODAY && today - yesterday >= Math.max(TREND_MIN_RISE, Math.ceil(yesterday * TREND_MIN_RISE_FRACTION));
}

function rows<K extends string>(today: Map<K, number>, yesterday: Map<K, number>): TrendRow<K>[] {
  const keys = new Set([...today.keys(), ...yesterday.keys()]);
  return [...keys]
    .map((key) => {
      const t = today.get(key) ?? 0;
      const y = yesterday.get(key) ?? 0;
      return { key, today: t, yesterday: y, rising: isRising(t, y) };
    })
    .sort((a, b) => b.today - b.yesterday - (a.today - a.yesterday) || b.today - a.today || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Trends at `now`, today starting at `dayStart` (local midnight). `cases` must hold every case
 * reported or closed since the start of yesterday; older ones are ignored.
 */
export function dispatchTrends(cases: Iterable<TrendCase>, dayStart: number, now: number): DispatchTrends {
  const yStart = dayStart - DAY_MS;
  const yNow = now - DAY_MS;
  const inToday = (at: number) => at >= dayStart && at <= now;
  const inYesterday = (at: number) => at >= yStart && at <= yNow;
  const out: DispatchTrends = { at: now, openedToday: 0, openedYesterday: 0, closedToday: 0, closedYesterday: 0, categories: [], divisions: [] };
  const cat = { today: new Map<TrendCase['category'], number>(), yesterday: new Map<TrendCase['category'], number>() };
  const div = { today: new Map<string, number>(), yesterday: new Map<string, number>() };
  for (const c of cases) {
    if (inToday(c.reportedAt)) {
      out.openedToday++;
      bump(cat.today, c.category);
      bump(div.today, c.division);
    } else if (inYesterday(c.reportedAt)) {
      out.openedYesterday++;
      bump(cat.yesterday, c.category);
      bump(div.yesterday, c.division);
    }
    if (c.closedAt !== null && inToday(c.closedAt)) out.closedToday++;
    else if (c.closedAt !== null && inYesterday(c.closedAt)) out.closedYesterday++;
  }
  out.categories = rows(cat.today, cat.yesterday);
  out.divisions = rows(div.today, div.yesterday);
  return out;
}
