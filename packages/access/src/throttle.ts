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
 * `signInReserve` to its stored entries in one transaction, so that every node counts into
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
 * The sign-in limits, after OWASP's authentication guidance: a strict lock-out per account and
 * client address, so one address guessing one account's password is stopped after a few
 * tries without locking the account for its owner elsewhere; and a looser count per account
 * across addresses, so that guesses spread over many addresses are still slowed.
 */
export interface SignInPolicy {
  /** Per (account, address): locks that address out of that account. */
  perAddress: ThrottlePolicy;
  /**
   * Per account, every address together. Over it, the account is closed only to addresses
   * with a failure at it inside `perAddress.windowMs`; an address with none gets one attempt
   * (which then counts), so an owner at a clean address is never held by a stranger's guesses.
   */
  perAccount: ThrottlePolicy;
}

/** An account's two records as one sign-in attempt reads them. */
export interface SignInEntries {
  account: ThrottleEntry | null;
  /** The (account, address) record. */
  pair: ThrottleEntry | null;
}

/** The key of an (account, address) record: unambiguous whatever the name holds. */
export const signInPairKey = (account: string, address: string): string => JSON.stringify([account, address]);

/**
 * Reserves one attempt at a real account before its password is checked. Refused (entries
 * unchanged) while the pair is locked, or while the account is locked and this address
 * already failed at it inside the window; otherwise counted at once as a failure of both
 * records (a correct password then clears them). The store applies it to both rows in one
 * transaction, so of many attempts made at once no more than the limits get past a lock.
 * Returns the wait (0: reserved) and the entries to store.
 */
export function signInReserve(entries: SignInEntries, now: number, policy: SignInPolicy): { waitMs: number } & SignInEntries {
  const pairWait = throttleWait(entries.pair, now);
  if (pairWait > 0) return { waitMs: pairWait, ...entries };
  const accountWait = throttleWait(entries.account, now);
  const clean = (entries.pair?.failures ?? []).every((t) => now - t >= policy.perAddress.windowMs);
  if (accountWait > 0 && !clean) return { waitMs: accountWait, ...entries };
  return { waitMs: 0, account: throttleFailure(entries.account, now, policy.perAccount), pair: throttleFailure(entries.pair, now, policy.perAddress) };
}

/**
 * From when the entry may be forgotten: its lock is over and no failure is left inside the
 * window (its strikes go with it, as they would after a success).
 */
export function throttleForgetAt(entry: ThrottleEntry, policy: ThrottlePolicy): number {
  return Math.max(entry.lockedUntil, (entry.failures.at(-1) ?? 0) + policy.windowMs);
}
