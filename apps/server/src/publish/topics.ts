import { ASOF_STEP_MS, CITY_SCOPE, SINGLE_TOPICS, vitalsTopic, type Delta, type Topic, type TopicEntry, type VitalReading } from '@cw/contracts';
import { sameReading } from '@cw/metrics';
import { TopicLog } from '@cw/sync';
import type { Fanout } from './fanout.ts';

/** Entries of the small topics (alerts, feed, system) are compared whole. */
const sameJson = (a: TopicEntry, b: TopicEntry) => JSON.stringify(a) === JSON.stringify(b);

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

  private readonly snapshotTexts = new Map<string, { seq: number; json: string }>();
  /**
   * A topic's snapshot as JSON text, serialized once per (topic, seq) and shared by every
   * client that subscribes at that position (a reconnect storm asks for the same few).
   */
  snapshotText(log: TopicLog<TopicEntry>): string {
    const cached = this.snapshotTexts.get(log.topic);
    if (cached !== undefined && cached.seq === log.position.seq) return cached.json;
    const json = JSON.stringify(log.snapshot());
    this.snapshotTexts.set(log.topic, { seq: log.position.seq, json });
    return json;
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
