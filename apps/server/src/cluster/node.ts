import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Delta } from '@cw/contracts';
import type { Clock } from '../clock.ts';
import { clusterKeys, type ClusterKeys } from './keys.ts';
import { Leadership, parseLease, type Lease, type LeadershipOptions } from './leadership.ts';
import { TopicMirror } from './topic-mirror.ts';
import { RedisTopicStore } from './topic-store.ts';

export interface ClusterOptions {
  url: string;
  prefix: string;
  /** Stream entries kept for catch-up (all topics together). */
  maxStreamLength: number;
}

/** Shared state changes announced to every node. */
export type Change = 'settings';

/**
 * One node's connections to the cluster's Redis: commands, the blocking stream reader, the
 * pub/sub subscriber and the Socket.IO adapter each have their own (a blocked or subscribed
 * connection cannot send other commands).
 */
export class ClusterNode {
  readonly keys: ClusterKeys;
  readonly store: RedisTopicStore;
  private readonly subscriber: Redis;
  private readonly reader: Redis;
  private readonly adapterConnection: Redis;
  private readonly listeners = new Map<Change, (() => void)[]>();
  private lastTick: number | null = null;
  private tickPoll: NodeJS.Timeout | null = null;
  private leadership: Leadership | null = null;
  private mirrorOf: TopicMirror | null = null;

  private constructor(
    readonly redis: Redis,
    readonly node: string,
    options: ClusterOptions,
    private readonly log: Logger,
  ) {
    this.keys = clusterKeys(options.prefix);
    this.store = new RedisTopicStore(redis, this.keys, options.maxStreamLength);
    this.subscriber = redis.duplicate();
    this.reader = redis.duplicate();
    this.adapterConnection = redis.duplicate();
  }

  static async connect(node: string, options: ClusterOptions, log: Logger): Promise<ClusterNode> {
    const redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    redis.on('error', (err: unknown) => log.error({ err }, 'redis connection error'));
    await redis.connect();
    const c = new ClusterNode(redis, node, options, log);
    for (const conn of [c.subscriber, c.reader, c.adapterConnection]) conn.on('error', (err: unknown) => log.error({ err }, 'redis connection error'));
    await c.subscriber.subscribe(c.keys.changes);
    c.subscriber.on('message', (_channel: string, message: string) => {
      const { change, from } = JSON.parse(message) as { change: Change; from: string };
      if (from === c.node) return;
      for (const l of c.listeners.get(change) ?? []) l();
    });
    c.tickPoll = setInterval(() => {
      c.redis.get(c.keys.tick).then(
        (v) => (c.lastTick = v === null ? c.lastTick : Math.max(c.lastTick ?? 0, Number(v))),
        (err: unknown) => log.warn({ err }, 'reading the writer tick failed'),
      );
    }, 500);
    return c;
  }

  /**
   * The city's clock, the same on every node: real time, or simulated time from one origin
   * stored by the first node (later nodes and restarts continue it rather than start over).
   */
  async clock(speed: number, simStart: number | undefined, notBefore: number): Promise<Clock> {
    if (speed === 1 && simStart === undefined) return { now: () => Date.now() };
    const proposed = JSON.stringify({ start: Math.max(simStart ?? Date.now(), notBefore), realAt: Date.now(), speed });
    await this.redis.set(this.keys.clock, proposed, 'NX');
    const origin = JSON.parse((await this.redis.get(this.keys.clock))!) as { start: number; realAt: number; speed: number };
    if (origin.speed !== speed) this.log.warn({ stored: origin.speed, configured: speed }, 'SIM_SPEED differs from the cluster clock; using the cluster clock');
    return { now: () => Math.floor(origin.start + (Date.now() - origin.realAt) * origin.speed) };
  }

  /** The Socket.IO adapter: rooms and disconnects (revocation) reach every node. */
  socketAdapter() {
    return createAdapter(this.adapterConnection, { streamName: this.keys.socketio });
  }

  mirror(epoch: string, known: (topic: string) => boolean, maxLog: number, onDelta: (d: Delta) => void): TopicMirror {
    this.mirrorOf = new TopicMirror(epoch, this.reader, this.store, this.keys, known, maxLog, onDelta, this.log);
    return this.mirrorOf;
  }

  lead(options: Omit<LeadershipOptions, 'node'>): Leadership {
    this.leadership = new Leadership(this.redis, this.keys, { ...options, node: this.node }, this.log);
    return this.leadership;
  }

  /** The current writer, as every node sees it. */
  async writer(): Promise<Lease | null> {
    return parseLease(await this.redis.get(this.keys.leader));
  }

  /** Lifts the fencing counter to at least `fence` (the store's), so that the next lease can claim the store. */
  async raiseFence(fence: number): Promise<void> {
    await this.redis.eval("if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end", 1, this.keys.fence, String(fence));
  }

  announce(change: Change): void {
    this.redis.publish(this.keys.changes, JSON.stringify({ change, from: this.node })).catch((err: unknown) => this.log.error({ err, change }, 'announcing a change failed'));
  }

  onChange(change: Change, listener: () => void): void {
    this.listeners.set(change, [...(this.listeners.get(change) ?? []), listener]);
  }

  /** The writer's beat, for every node's readiness. */
  ticked(at: number): void {
    this.lastTick = at;
    this.redis.set(this.keys.tick, String(at)).catch((err: unknown) => this.log.warn({ err }, 'storing the tick time failed'));
  }

  lastTickAt(): number | null {
    return this.lastTick;
  }

  async stop(): Promise<void> {
    if (this.tickPoll !== null) clearInterval(this.tickPoll);
    await this.leadership?.stop();
    await this.mirrorOf?.stop();
    this.subscriber.disconnect();
    this.adapterConnection.disconnect();
    await this.redis.quit();
  }
}
