export interface ThrottlePolicy {
  /** Failures allowed within `windowMs` before a lock-out. */
  maxFailures: number;
  windowMs: number;
  /** First lock-out; each further failure while over the limit doubles it, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
}

/**
 * One key's record (an account, an address): its recent failures (at most the last
 * `maxFailures`, all that the limit needs), when its lock ends and how many locks it earned.
 */
export interface ThrottleEntry {
  failures: number[];
  lockedUntil: number;
  strikes: number;
}

/**
 * Slows down password guessing: per key, a run of failures locks the key out for a while,
 * doubling with each failure beyond the limit. Pure: the store applies `throttleFailure` or
 * `throttleReserve` to its stored entry in one transaction, so that every node counts into
 * the same record.
 */

/** Milliseconds until the key may try again; 0 when it may now. */
export function throttleWait(entry: ThrottleEntry | null, now: number): number {
  return entry === null ? 0 : Math.max(0, entry.lockedUntil - now);
}

/** The entry after one more failure at `now`. */
export function throttleFailure(entry: ThrottleEntry | null, now: number, policy: ThrottlePolicy): ThrottleEntry {
  const failures = [...(entry?.failures ?? []).filter((t) => now - t < policy.windowMs), now].slice(-policy.maxFailures);
  let lockedUntil = entry?.lockedUntil ?? 0;
  let strikes = entry?.strikes ?? 0;
  if (failures.length >= policy.maxFailures) {
    lockedUntil = now + Math.min(policy.maxLockMs, policy.lockMs * 2 ** strikes);
    strikes += 1;
  }
  return { failures, lockedUntil, strikes };
}

/**
 * Reserves one attempt before the password is checked: unless the key is locked, the attempt
 * is counted as a failure at once (a correct password then clears the key). The store applies
 * it in one transaction, so of many attempts made at once no more than the limit get past a
 * lock-out before it is counted. Returns the wait (0: reserved) and the entry to store.
 */
export function throttleReserve(entry: ThrottleEntry | null, now: number, policy: ThrottlePolicy): { waitMs: number; entry: ThrottleEntry | null } {
  const waitMs = throttleWait(entry, now);
  return waitMs > 0 ? { waitMs, entry } : { waitMs: 0, entry: throttleFailure(entry, now, policy) };
}

/**
 * From when the entry may be forgotten: its lock is over and no failure is left inside the
 * window (its strikes go with it, as they would after a success).
 */
export function throttleForgetAt(entry: ThrottleEntry, policy: ThrottlePolicy): number {
  return Math.max(entry.lockedUntil, (entry.failures.at(-1) ?? 0) + policy.windowMs);
}
