/**
 * Backpressure for the ingest API, checked before a request's body is read: too many
 * requests being read at once, too many events waiting for the journal and the rollups, or a
 * tick running late (ingestion starving the window closing and publishing) all answer
 * "come back in a few seconds" instead of queueing without bound. Each request in flight
 * holds at most one chunk of parsed events, so memory is bounded by `maxStreams` chunks.
 */
export class IngestGate {
  private streams = 0;

  constructor(
    private readonly options: {
      maxStreams: number;
      maxQueued: number;
      queued: () => number;
      /** How late the rollup tick is, ms (0 when on time). */
      tickLateMs: () => number;
      tickMs: number;
    },
  ) {}

  /** Seconds to wait before retrying, with why; null when a request may come in. */
  refuse(): { retryAfterSec: number; reason: string } | null {
    if (this.streams >= this.options.maxStreams) return { retryAfterSec: 1, reason: `${this.streams} ingest requests already in progress` };
    if (this.options.queued() >= this.options.maxQueued) return { retryAfterSec: 2, reason: 'the journal and the rollups are behind' };
    const late = this.options.tickLateMs();
    if (late > 5 * this.options.tickMs) return { retryAfterSec: Math.min(30, Math.ceil(late / 1000)), reason: 'the rollups are behind' };
    return null;
  }

  enter(): void {
    this.streams++;
  }

  leave(): void {
    this.streams--;
  }
}
