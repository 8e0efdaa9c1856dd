/**
 * Counts API requests from callers with no valid credential, per address, in one-minute
 * windows that start at an address's first request. Signed-in traffic has its own
 * per-identity limits; this keeps scanners and floods of made-up tokens from costing
 * unbounded lookups. Pure: the caller passes the time.
 */
export class AnonymousLimiter {
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
