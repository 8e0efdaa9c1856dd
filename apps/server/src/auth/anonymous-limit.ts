import type { Redis } from 'ioredis';

/** How many API requests an address may make without a valid credential. */
export interface AnonymousLimit {
  /** Milliseconds until the address may try again; 0 (and counted) when it may now. */
  take(address: string, now: number): number | Promise<number>;
}

/**
 * Counts API requests from callers with no valid credential, per address, in one-minute
 * windows that start at an address's first request. Signed-in traffic has its own
 * per-identity limits; this keeps scanners and floods of made-up tokens from costing
 * unbounded lookups. Pure: the caller passes the time.
 */
export class AnonymousLimiter implements AnonymousLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Addresses beyond `maxAddresses` share one window, so memory stays bounded. */
  private overflow = { start: 0, count: 0 };

  constructor(
    private readonly perMinute: number,
    private readonly maxAddresses = 100_000,
  ) {}

  /** Milliseconds until the address may try again; 0 (and counted) when it may now. */
  take(address: string, now: number): number {
    let w = this.windows.get(address);
    if (w === undefined && this.windows.size >= this.maxAddresses) {
      for (const [k, v] of this.windows) if (now - v.start >= WINDOW_MS) this.windows.delete(k);
    }
    if (w === undefined && this.windows.size >= this.maxAddresses) w = this.overflow;
    else if (w === undefined) this.windows.set(address, (w = { start: now, count: 0 }));
    if (now - w.start >= WINDOW_MS) {
      w.start = now;
      w.count = 0;
    }
    w.count += 1;
    return w.count > this.perMinute ? w.start + WINDOW_MS - now : 0;
  }
}

const WINDOW_MS = 60_000;

/** Counts a request in the address's window: the window starts at its first request (PEXPIRE on the first count). */
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`;

/**
 * The same windows counted in Redis, for a cluster: a client spread over several nodes
 * gets the allowance once, not once per node. Keys expire with their window. When Redis
 * does not answer the request is let through (the limit protects, it must not take the
 * API down with Redis).
 */
export function redisAnonymousLimit(redis: Redis, prefix: string, perMinute: number, onError: (err: unknown) => void): AnonymousLimit {
  return {
    async take(address) {
      try {
        const [n, ttl] = (await redis.eval(COUNT, 1, `${prefix}${address}`, String(WINDOW_MS))) as [number, number];
        return n > perMinute ? Math.max(1, ttl) : 0;
      } catch (err) {
        onError(err);
        return 0;
      }
    },
  };
}
