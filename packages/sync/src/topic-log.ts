import type { Delta, Snapshot, StreamPosition, Topic } from '@cw/contracts';

/**
 * The server side of one topic: its current entries, a sequence number that grows by one
 * per published change, and a bounded log of recent deltas so that a client that missed a
 * few can catch up without a full snapshot.
 */
export class TopicLog<V> {
  private entries = new Map<string, V>();
  private seq = 0;
  private readonly log: Delta[] = [];

  constructor(
    readonly topic: Topic,
    readonly epoch: string,
    private readonly equals: (a: V, b: V) => boolean,
    private readonly maxLog = 600,
  ) {}

  get position(): StreamPosition {
    return { epoch: this.epoch, seq: this.seq };
  }

  snapshot(): Snapshot {
    return { topic: this.topic, epoch: this.epoch, seq: this.seq, entries: Object.fromEntries(this.entries) as Snapshot['entries'] };
  }

  /**
   * Applies changes; returns the delta to publish, or null when nothing actually changed
   * (so an unchanged figure is never re-sent).
   */
  apply(put: ReadonlyMap<string, V>, remove: Iterable<string> = []): Delta | null {
    const changed: Record<string, V> = {};
    let any = false;
    for (const [key, value] of put) {
      const prev = this.entries.get(key);
      if (prev !== undefined && this.equals(prev, value)) continue;
      this.entries.set(key, value);
      changed[key] = value;
      any = true;
    }
    const removed: string[] = [];
    for (const key of remove) {
      if (this.entries.delete(key)) removed.push(key);
    }
    if (!any && removed.length === 0) return null;
    this.seq += 1;
    const delta: Delta = { topic: this.topic, epoch: this.epoch, seq: this.seq, put: changed as Delta['put'], remove: removed };
    this.log.push(delta);
    if (this.log.length > this.maxLog) this.log.shift();
    return delta;
  }

  /**
   * The deltas a client at `since` is missing, in order, or null when it must take a
   * snapshot instead (another server life, or too far behind the log).
   */
  deltasSince(since: StreamPosition): Delta[] | null {
    if (since.epoch !== this.epoch || since.seq > this.seq) return null;
    if (since.seq === this.seq) return [];
    const first = this.log[0];
    if (first === undefined || first.seq > since.seq + 1) return null;
    return this.log.slice(since.seq + 1 - first.seq);
  }

  /**
   * Continues a log kept elsewhere (another node's, in a cluster): its entries and seq, with
   * no recent deltas here, so the next change gets `seq + 1`.
   */
  resume(seq: number, entries: ReadonlyMap<string, V>): void {
    this.entries = new Map(entries);
    this.seq = seq;
    this.log.length = 0;
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }
}
