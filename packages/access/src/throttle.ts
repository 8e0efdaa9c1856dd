export interface ThrottlePolicy {
  /** Failures allowed within `windowMs` before a lock-out. */
  maxFailures: number;
  windowMs: number;
  /** First lock-out; each further failure while over the limit doubles it, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  strikes: number;
}

/** What a throttle must remember across a restart: per key, its recent failures and lock. */
export type ThrottleState = [key: string, entry: Entry][];

/**
 * Slows down password guessing: per key (an account, an address), a run of failures locks
 * the key out for a while, doubling with each failure beyond the limit. Pure: the caller
 * passes the time and keeps one instance per kind of key.
 */
export class Throttle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy) {}

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const e = this.entries.get(key);
    return e === undefined ? 0 : Math.max(0, e.lockedUntil - now);
  }

  fail(key: string, now: number): void {
    const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0, strikes: 0 };
    e.failures = e.failures.filter((t) => now - t < this.policy.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.policy.maxFailures) {
      e.lockedUntil = now + Math.min(this.policy.maxLockMs, this.policy.lockMs * 2 ** e.strikes);
      e.strikes += 1;
    }
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.sweep(now);
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The keys still locked or with failures inside the window, the most recently locked
   * first, at most `limit` of them: what a restart must not forget (else restarting the
   * server would reset an attacker's lock).
   */
  state(now: number, limit = 10_000): ThrottleState {
    this.sweep(now);
    return [...this.entries]
      .sort((a, b) => b[1].lockedUntil - a[1].lockedUntil || (b[1].failures.at(-1) ?? 0) - (a[1].failures.at(-1) ?? 0))
      .slice(0, limit)
      .map(([k, e]) => [k, { failures: [...e.failures], lockedUntil: e.lockedUntil, strikes: e.strikes }]);
  }

  /** Takes back a state saved by `state`; entries that are malformed are skipped. */
  load(state: unknown): void {
    if (!Array.isArray(state)) return;
    for (const item of state) {
      if (!Array.isArray(item) || typeof item[0] !== 'string') continue;
      const e = item[1] as Partial<Entry> | null;
      if (e === null || typeof e !== 'object' || !Array.isArray(e.failures) || typeof e.lockedUntil !== 'number' || typeof e.strikes !== 'number') continue;
      this.entries.set(item[0], { failures: e.failures.filter((t) => typeof t === 'number'), lockedUntil: e.lockedUntil, strikes: e.strikes });
    }
  }

  /** Forgets keys that are neither locked nor have recent failures (bounded memory). */
  sweep(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.lockedUntil <= now && e.failures.every((t) => now - t >= this.policy.windowMs)) this.entries.delete(k);
    }
  }
}
