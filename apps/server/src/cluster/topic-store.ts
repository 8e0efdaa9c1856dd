import type { Redis } from 'ioredis';
import type { Delta, TopicEntry } from '@cw/contracts';
import type { ClusterKeys } from './keys.ts';

export interface StoredTopic {
  seq: number;
  entries: Map<string, TopicEntry>;
}

export interface StoredTopics {
  /** Id of the last stream entry included in the states: read the stream after it. */
  lastId: string;
  topics: Map<string, StoredTopic>;
}

/**
 * Appends a delta only for the holder of the current lease (fencing: a paused old writer is
 * refused) and only when it continues its topic's seq (no gap can be stored). The stream
 * entry, the topic's state and its seq change together.
 * KEYS: leader, deltas, snapshot(topic), seqs, topics. ARGV: lease, topic, seq, delta JSON,
 * max stream length, number of puts, then key/value pairs, then removed keys.
 */
const APPEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local current = tonumber(redis.call('HGET', KEYS[4], ARGV[2]) or '0')
if tonumber(ARGV[3]) ~= current + 1 then return -1 end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 't', ARGV[2], 'd', ARGV[4])
local puts = tonumber(ARGV[6])
for i = 0, puts - 1 do redis.call('HSET', KEYS[3], ARGV[7 + 2 * i], ARGV[8 + 2 * i]) end
for i = 7 + 2 * puts, #ARGV do redis.call('HDEL', KEYS[3], ARGV[i]) end
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[2])
return 1
`;

/** Reads every topic's state and the stream position it corresponds to, atomically. KEYS: topics, deltas, seqs. ARGV: snapshot key prefix. */
const LOAD = `
local out = {}
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
out[1] = last[1] and last[1][1] or '0-0'
out[2] = redis.call('HGETALL', KEYS[3])
for _, t in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  out[#out + 1] = t
  out[#out + 1] = redis.call('HGETALL', ARGV[1] .. t)
end
return out
`;

export class FencedOut extends Error {}

/**
 * The storage of the sequenced topic logs in cluster mode: one Redis stream of deltas plus
 * each topic's current state, so that `(epoch, seq)` is global and survives the writer.
 */
export class RedisTopicStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly maxStreamLength: number,
  ) {}

  /** The cluster's epoch: the first node's candidate, then the same for every node and writer. */
  async epoch(candidate: string): Promise<string> {
    await this.redis.set(this.keys.epoch, candidate, 'NX');
    return (await this.redis.get(this.keys.epoch))!;
  }

  async load(): Promise<StoredTopics> {
    const raw = (await this.redis.eval(LOAD, 3, this.keys.topics, this.keys.deltas, this.keys.seqs, this.keys.snapshot(''))) as unknown[];
    const seqs = pairs(raw[1] as string[]);
    const topics = new Map<string, StoredTopic>();
    for (let i = 2; i < raw.length; i += 2) {
      const topic = raw[i] as string;
      const entries = new Map<string, TopicEntry>();
      for (const [k, v] of pairs(raw[i + 1] as string[])) entries.set(k, JSON.parse(v) as TopicEntry);
      topics.set(topic, { seq: Number(seqs.get(topic) ?? 0), entries });
    }
    return { lastId: raw[0] as string, topics };
  }

  /** Stores a delta under the lease `lease`; throws FencedOut when the lease is no longer held. */
  async append(delta: Delta, lease: string): Promise<void> {
    const puts = Object.entries(delta.put);
    const args = [lease, delta.topic, String(delta.seq), JSON.stringify(delta), String(this.maxStreamLength), String(puts.length)];
    for (const [k, v] of puts) args.push(k, JSON.stringify(v));
    args.push(...delta.remove);
    const k = this.keys;
    const r = (await this.redis.eval(APPEND, 5, k.leader, k.deltas, k.snapshot(delta.topic), k.seqs, k.topics, ...args)) as number;
    if (r === 0) throw new FencedOut(`the writer's lease ${lease} is no longer held`);
    if (r === -1) throw new Error(`delta ${delta.topic}#${delta.seq} does not continue the stored log`);
  }
}

function pairs(flat: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(flat[i]!, flat[i + 1]!);
  return m;
}
