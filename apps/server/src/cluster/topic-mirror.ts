import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Delta, Snapshot, StreamPosition, Topic, TopicEntry } from '@cw/contracts';
import { SnapshotTexts, type TopicSource, type TopicView } from '../publish/topics.ts';
import type { ClusterKeys } from './keys.ts';
import type { RedisTopicStore } from './topic-store.ts';

/** One topic as a cluster node holds it: the stored state plus the deltas read since. */
class MirroredTopic implements TopicView {
  private readonly log: Delta[] = [];
  constructor(
    readonly topic: Topic,
    private readonly epoch: string,
    private seq: number,
    private entries: Record<string, TopicEntry>,
    private readonly maxLog: number,
  ) {}

  get position(): StreamPosition {
    return { epoch: this.epoch, seq: this.seq };
  }

  snapshot(): Snapshot {
    return { topic: this.topic, epoch: this.epoch, seq: this.seq, entries: { ...this.entries } as Snapshot['entries'] };
  }

  /** Same contract as the writer's TopicLog: null means "take a snapshot". */
  deltasSince(since: StreamPosition): Delta[] | null {
    if (since.epoch !== this.epoch || since.seq > this.seq) return null;
    if (since.seq === this.seq) return [];
    const first = this.log[0];
    if (first === undefined || first.seq > since.seq + 1) return null;
    return this.log.slice(since.seq + 1 - first.seq);
  }

  /** Remembers a delta already contained in the loaded state (for catch-up only). */
  remember(d: Delta): void {
    if (d.seq > this.seq) return;
    const last = this.log[this.log.length - 1];
    if (last !== undefined && d.seq !== last.seq + 1) this.log.length = 0;
    this.log.push(d);
    if (this.log.length > this.maxLog) this.log.shift();
  }

  /** 'applied', 'old' (already in), or 'gap' (the caller reloads). */
  apply(d: Delta): 'applied' | 'old' | 'gap' {
    if (d.seq <= this.seq) return 'old';
    if (d.seq !== this.seq + 1) return 'gap';
    const entries = { ...this.entries, ...d.put };
    for (const k of d.remove) delete entries[k];
    this.entries = entries;
    this.seq = d.seq;
    this.log.push(d);
    if (this.log.length > this.maxLog) this.log.shift();
    return 'applied';
  }
}

type StreamReply = [string, [string, string[]][]][] | null;

/**
 * Every node's copy of the topic logs, fed by the Redis stream the writer appends to: the
 * socket gateway answers snapshots and `subscribe { since }` from it, and each delta read is
 * handed to this node's sockets. Topics known to this node but never stored are empty at seq 0.
 */
export class TopicMirror implements TopicSource {
  private topics = new Map<string, MirroredTopic>();
  private readonly snapshotTexts = new SnapshotTexts();
  private lastId = '0-0';
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    readonly epoch: string,
    private readonly reader: Redis,
    private readonly store: RedisTopicStore,
    private readonly keys: ClusterKeys,
    private readonly known: (topic: string) => boolean,
    private readonly maxLog: number,
    private readonly onDelta: (d: Delta) => void,
    private readonly log: Logger,
  ) {}

  snapshotText(view: TopicView): string {
    return this.snapshotTexts.text(view);
  }

  get(topic: string): TopicView | undefined {
    const t = this.topics.get(topic);
    if (t !== undefined) return t;
    if (!this.known(topic)) return undefined;
    const empty = new MirroredTopic(topic as Topic, this.epoch, 0, {}, this.maxLog);
    this.topics.set(topic, empty);
    return empty;
  }

  async start(): Promise<void> {
    await this.reload();
    this.running = true;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.running = false;
    // The blocking read returns within its timeout; disconnecting ends it at once.
    this.reader.disconnect();
    await this.loop;
  }

  /** Loads the stored states, then the stream's retained deltas for catch-up. */
  private async reload(): Promise<void> {
    const stored = await this.store.load();
    const topics = new Map<string, MirroredTopic>();
    for (const [name, t] of stored.topics) topics.set(name, new MirroredTopic(name as Topic, this.epoch, t.seq, Object.fromEntries(t.entries), this.maxLog));
    if (stored.lastId !== '0-0') {
      const retained = (await this.reader.xrange(this.keys.deltas, '-', stored.lastId)) as [string, string[]][];
      for (const [, fields] of retained) {
        const d = deltaOf(fields);
        if (d !== null) topics.get(d.topic)?.remember(d);
      }
    }
    this.topics = topics;
    this.lastId = stored.lastId;
  }

  private async follow(): Promise<void> {
    while (this.running) {
      let reply: StreamReply;
      try {
        reply = (await this.reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', this.keys.deltas, this.lastId)) as StreamReply;
      } catch (err) {
        if (!this.running) return;
        this.log.error({ err }, 'reading the topic stream failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          this.lastId = id;
          const d = deltaOf(fields);
          if (d === null) continue;
          const topic = this.topics.get(d.topic) ?? this.created(d.topic);
          const outcome = topic.apply(d);
          if (outcome === 'applied') this.onDelta(d);
          else if (outcome === 'gap') {
            // Only if this node fell behind the stream's retention: start again from the stored state.
            this.log.warn({ topic: d.topic, seq: d.seq }, 'topic stream gap; reloading the stored state');
            await this.reload();
            break;
          }
        }
      }
    }
  }

  private created(topic: string): MirroredTopic {
    const t = new MirroredTopic(topic as Topic, this.epoch, 0, {}, this.maxLog);
    this.topics.set(topic, t);
    return t;
  }
}

function deltaOf(fields: string[]): Delta | null {
  const i = fields.indexOf('d');
  return i >= 0 && i + 1 < fields.length ? (JSON.parse(fields[i + 1]!) as Delta) : null;
}
