import type { Category } from './cases.ts';

/**
 * Today against yesterday on the dispatch board: reports so far today against yesterday's
 * up to the same time of day, so an unfinished day is never read as a fall.
 */
export interface TrendRow<K extends string = string> {
  key: K;
  today: number;
  /** Yesterday up to the same time of day. */
  yesterday: number;
  /** Enough reports today and clearly more than yesterday by this time (see @cw/dispatch trends). */
  rising: boolean;
}

export interface DispatchTrends {
  /** The moment compared (server time); yesterday is counted up to `at` minus one day. */
  at: number;
  openedToday: number;
  openedYesterday: number;
  closedToday: number;
  closedYesterday: number;
  /** Every category reported today or yesterday, most risen first. */
  categories: TrendRow<Category>[];
  /** Every division with a report today or yesterday, most risen first. */
  divisions: TrendRow[];
}
