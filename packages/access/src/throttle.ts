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

  /** Forgets keys that are neither locked nor have recent failures (bounded memory). */
  sweep(now: number): void {
    for (const [k, e] of this.entries) {
      if (e.lockedUntil <= now && e.failures.every((t) => now - t >= this.policy.windowMs)) this.entries.delete(k);
    }
  }
}
