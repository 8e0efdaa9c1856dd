import type { ThrottleEntry } from '@cw/access';

/** A `sign_in_throttles` row as both SQL stores read it. */
export interface ThrottleRow {
  failures: string;
  locked_until: number;
  strikes: number;
}

export const throttleEntryOf = (r: ThrottleRow | undefined): ThrottleEntry | null =>
  r === undefined ? null : { failures: JSON.parse(r.failures) as number[], lockedUntil: r.locked_until, strikes: r.strikes };
