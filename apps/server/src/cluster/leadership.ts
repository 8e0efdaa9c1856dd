import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ClusterKeys } from './keys.ts';

/** Takes the lease if free: the next fencing number, then "fence|node|url" with a time to live. */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local fence = redis.call('INCR', KEYS[2])
local lease = fence .. '|' .. ARGV[1]
redis.call('SET', KEYS[1], lease, 'PX', ARGV[2])
return lease
`;
/** Extends the lease only if it is still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface Lease {
  fence: number;
  node: string;
  url: string;
}

export function parseLease(value: string | null): Lease | null {
  if (value === null) return null;
  const [fence, node, ...url] = value.split('|');
  return { fence: Number(fence), node: node!, url: url.join('|') };
}

export interface LeadershipOptions {
  node: string;
  /** Where other nodes forward writes to this node, e.g. http://10.0.0.5:8080. */
  url: string;
  ttlMs: number;
}

/**
 * The writer's lease in Redis, with a fencing number: one node at a time holds it and renews
 * it every third of its time to live; the others try to take it on the same beat. A lease
 * that cannot be renewed is given up (the node stops its writer duties for good), and every
 * topic write the old holder still attempts is refused by the fencing check.
 */
export class Leadership {
  private lease: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lost = false;
  private beating = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly options: LeadershipOptions,
    private readonly log: Logger,
  ) {}

  /** The lease string this node holds, or null. */
  get held(): string | null {
    return this.lease;
  }

  /** Starts competing; `elected` runs once, when this node first takes the lease. */
  start(elected: (lease: string) => void, lost: () => void): void {
    const beat = async () => {
      if (this.beating) return;
      this.beating = true;
      try {
        if (this.lease !== null) {
          const ok = (await this.redis.eval(RENEW, 1, this.keys.leader, this.lease, String(this.options.ttlMs))) as number;
          if (ok !== 1) this.giveUp(lost);
        } else if (!this.lost) {
          const lease = (await this.redis.eval(ACQUIRE, 2, this.keys.leader, this.keys.fence, `${this.options.node}|${this.options.url}`, String(this.options.ttlMs))) as string | null;
          if (lease !== null) {
            this.lease = lease;
            this.log.info({ lease }, 'took the writer lease');
            elected(lease);
          }
        }
      } catch (err) {
        this.log.error({ err }, 'writer lease check failed');
        // Without Redis a writer cannot prove it still holds the lease past its time to live.
        if (this.lease !== null) this.giveUp(lost);
      } finally {
        this.beating = false;
      }
    };
    void beat();
    this.timer = setInterval(() => void beat(), Math.max(50, Math.floor(this.options.ttlMs / 3)));
  }

  private giveUp(lost: () => void): void {
    this.log.error({ lease: this.lease }, 'lost the writer lease; stopping writer duties');
    this.lease = null;
    this.lost = true;
    lost();
  }

  /** Stops competing and frees the lease at once, so another node takes over without waiting for it to expire. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.lease !== null) await this.redis.eval(RELEASE, 1, this.keys.leader, this.lease);
    this.lease = null;
  }
}
