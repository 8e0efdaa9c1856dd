import type { SourceHealth } from '@cw/contracts';

const MINUTE = 60_000;
/** Minutes of counts kept per source: the refusal rate looks back this far. */
const KEEP_MINUTES = 5;

interface Tally {
  lastEventAt: number | null;
  /** Minute start → lines accepted (duplicates included: the source did deliver) and refused. */
  minutes: Map<number, { accepted: number; refused: number }>;
}

/**
 * What each data source delivered, per minute, as the ingest path saw it: enough for the
 * registry's health columns and for noticing a source that went silent. Time comes from the
 * caller (the server clock), so it is testable without waiting.
 */
export class SourceHealthBook {
  private readonly bySource = new Map<string, Tally>();
  private readonly registeredAt = new Map<string, number>();

  /** `startedAt`: when the server started; a source registered before then is judged from it. */
  constructor(private readonly startedAt: number) {}

  /** A source registered while the server runs is judged silent from then on. */
  registered(source: string, at: number): void {
    this.registeredAt.set(source, at);
  }

  /** Before its first event, when a source's silence is counted from. */
  judgedFrom(source: string): number {
    return this.registeredAt.get(source) ?? this.startedAt;
  }

  record(source: string, now: number, accepted: number, refused: number): void {
    let t = this.bySource.get(source);
    if (t === undefined) this.bySource.set(source, (t = { lastEventAt: null, minutes: new Map() }));
    if (accepted > 0) t.lastEventAt = now;
    const minute = Math.floor(now / MINUTE) * MINUTE;
    const m = t.minutes.get(minute);
    if (m === undefined) t.minutes.set(minute, { accepted, refused });
    else {
      m.accepted += accepted;
      m.refused += refused;
    }
    for (const start of t.minutes.keys()) if (start <= minute - KEEP_MINUTES * MINUTE) t.minutes.delete(start);
  }

  /** A source's health at `now`; stale when silent past `intervalSec` (never when it has no expected interval). */
  health(source: string, intervalSec: number | null, now: number): SourceHealth {
    const t = this.bySource.get(source);
    const minute = Math.floor(now / MINUTE) * MINUTE;
    let accepted = 0;
    let refused = 0;
    for (const [start, m] of t?.minutes ?? []) {
      if (start <= minute - KEEP_MINUTES * MINUTE) continue;
      accepted += m.accepted;
      refused += m.refused;
    }
    const lastEventAt = t?.lastEventAt ?? null;
    // Before its first event a source is judged from when it was registered (or the server started).
    const silentSince = lastEventAt ?? this.judgedFrom(source);
    return {
      lastEventAt,
      eventsPerMinute: t?.minutes.get(minute - MINUTE)?.accepted ?? 0,
      refusalRate: accepted + refused === 0 ? 0 : Math.round((refused / (accepted + refused)) * 1000) / 1000,
      stale: intervalSec !== null && now - silentSince > intervalSec * 1000,
    };
  }
}

/**
 * Per-source event budgets: a token bucket of one second's worth that may run into debt. A
 * request is let in only while its source is not in debt (decided before the body is read);
 * its lines are charged once read, so a source over its rate waits out its debt on the next
 * request instead of being cut mid-stream.
 */
export class EventBudget {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  /** Milliseconds until `source` is out of debt (0: may send now). */
  waitMs(source: string, perSec: number, now: number): number {
    const b = this.refill(source, perSec, now);
    return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / perSec) * 1000);
  }

  charge(source: string, perSec: number, events: number, now: number): void {
    this.refill(source, perSec, now).tokens -= events;
  }

  private refill(source: string, perSec: number, now: number) {
    let b = this.buckets.get(source);
    if (b === undefined) this.buckets.set(source, (b = { tokens: perSec, last: now }));
    b.tokens = Math.min(perSec, b.tokens + ((now - b.last) / 1000) * perSec);
    b.last = now;
    return b;
  }
}

/** The registered, unrevoked sources with an expected interval that are silent past it, by id, with the kinds they may send. */
export function silentSources(
  sources: readonly { id: string; name: string; revoked: boolean; registration: { intervalSec: number | null; kinds?: readonly string[] | null } | null }[],
  book: SourceHealthBook,
  now: number,
): Map<string, SilentSource> {
  const silent = new Map<string, SilentSource>();
  for (const s of sources) {
    const interval = s.registration?.intervalSec ?? null;
    if (s.revoked || interval === null) continue;
    const h = book.health(s.id, interval, now);
    if (h.stale) {
      const silentSec = Math.round((now - (h.lastEventAt ?? book.judgedFrom(s.id))) / 1000);
      silent.set(s.id, { name: s.name, intervalSec: interval, silentSec, kinds: s.registration?.kinds ?? null });
    }
  }
  return silent;
}

export interface SilentSource {
  name: string;
  intervalSec: number;
  silentSec: number;
  /** The kinds it may send; null for any. */
  kinds: readonly string[] | null;
}
