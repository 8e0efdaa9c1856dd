import { ASOF_STEP_MS, CITY_SCOPE, SINGLE_TOPICS, vitalsTopic, type Delta, type Snapshot, type StreamPosition, type Topic, type TopicEntry, type VitalReading } from '@cw/contracts';
import { sameReading } from '@cw/metrics';
import { TopicLog } from '@cw/sync';
import type { Fanout } from './fanout.ts';

/** Entries of the small topics (alerts, feed, system) are compared whole. */
const sameJson = (a: TopicEntry, b: TopicEntry) => JSON.stringify(a) === JSON.stringify(b);

/** What the socket gateway reads of one topic: the writer's own log, or a cluster node's mirror of it. */
export interface TopicView {
  readonly topic: Topic;
  readonly position: StreamPosition;
  snapshot(): Snapshot;
  deltasSince(since: StreamPosition): Delta[] | null;
}

/** The topics a socket gateway serves. */
export interface TopicSource {
  readonly epoch: string;
  get(topic: string): TopicView | undefined;
  /** A topic's snapshot as JSON text (see SnapshotTexts). */
  snapshotText(view: TopicView): string;
}

/**
 * Snapshots as JSON text, serialized once per (topic, seq) and shared by every client that
 * subscribes at that position (a reconnect storm asks for the same few).
 */
export class SnapshotTexts {
  private readonly texts = new Map<string, { seq: number; json: string }>();

  text(view: TopicView): string {
    const cached = this.texts.get(view.topic);
    if (cached !== undefined && cached.seq === view.position.seq) return cached.json;
    const json = JSON.stringify(view.snapshot());
    this.texts.set(view.topic, { seq: view.position.seq, json });
    return json;
  }
}

/** All topics this server publishes, each with its sequence and recent-delta log. */
export class TopicRegistry {
  private readonly topics = new Map<string, TopicLog<TopicEntry>>();
  private fanout: Fanout | undefined;

  constructor(
    readonly epoch: string,
    scopes: readonly string[],
    deltaLogSize: number,
  ) {
    for (const scope of [CITY_SCOPE, ...scopes]) {
      const topic = vitalsTopic(scope);
      this.topics.set(topic, new TopicLog<TopicEntry>(topic, epoch, (a, b) => sameReading(a as VitalReading, b as VitalReading, ASOF_STEP_MS), deltaLogSize));
    }
    for (const topic of SINGLE_TOPICS) this.topics.set(topic, new TopicLog<TopicEntry>(topic, epoch, sameJson, deltaLogSize));
    this.deltaLogSize = deltaLogSize;
  }

  private readonly deltaLogSize: number;

  /** Adds a topic known only at run time (a department's cases). */
  ensure(topic: Topic): void {
    if (!this.topics.has(topic)) this.topics.set(topic, new TopicLog<TopicEntry>(topic, this.epoch, sameJson, this.deltaLogSize));
  }

  attach(fanout: Fanout): void {
    this.fanout = fanout;
  }

  get(topic: string): TopicLog<TopicEntry> | undefined {
    return this.topics.get(topic);
  }

  /** The names of every topic, those added at run time included. */
  names(): string[] {
    return [...this.topics.keys()];
  }

  /** Continues a topic from a position and entries kept elsewhere (cluster mode: Redis). */
  resume(topic: Topic, seq: number, entries: ReadonlyMap<string, TopicEntry>): void {
    this.ensure(topic);
    this.topics.get(topic)!.resume(seq, entries);
  }

  private readonly snapshotTexts = new SnapshotTexts();
  snapshotText(view: TopicView): string {
    return this.snapshotTexts.text(view);
  }

  /** Applies a change to a topic and, if anything changed, publishes the delta. */
  publish(topic: Topic, put: ReadonlyMap<string, TopicEntry>, remove: Iterable<string> = []): Delta | null {
    const log = this.topics.get(topic);
    if (log === undefined) throw new Error(`unknown topic ${topic}`);
    const delta = log.apply(put, remove);
    if (delta !== null) this.fanout?.publish(delta);
    return delta;
  }
}
