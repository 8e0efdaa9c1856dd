import { describe, expect, it } from 'vitest';
import { MAX_TOPICS_PER_SUBSCRIBE, subscribeSchema } from './protocol.ts';

describe('subscribe', () => {
  it('takes one topic, or many each with its own position', () => {
    expect(subscribeSchema.parse({ topic: 'alerts' })).toEqual({ topic: 'alerts' });
    expect(subscribeSchema.parse({ topics: [{ topic: 'vitals:city', since: { epoch: 'e1', seq: 4 } }, { topic: 'feed' }] })).toEqual({
      topics: [{ topic: 'vitals:city', since: { epoch: 'e1', seq: 4 } }, { topic: 'feed' }],
    });
  });

  it('refuses an empty list, a topic twice, too many topics, both forms at once and a bad position', () => {
    const bad = [
      { topics: [] },
      { topics: [{ topic: 'feed' }, { topic: 'feed', since: { epoch: 'e1', seq: 1 } }] },
      { topics: Array.from({ length: MAX_TOPICS_PER_SUBSCRIBE + 1 }, (_, i) => ({ topic: `cases:d${i}` })) },
      { topic: 'feed', topics: [{ topic: 'alerts' }] },
      { topics: [{ topic: 'feed', since: { epoch: 'e1', seq: -1 } }] },
      { topics: [{ topic: 'feed', since: { epoch: 'e1', seq: 1.5 } }] },
      { topics: [{ topic: 'weather' }] },
      { topics: 'feed' },
    ];
    for (const msg of bad) expect(subscribeSchema.safeParse(msg).success, JSON.stringify(msg).slice(0, 80)).toBe(false);
    // 64 distinct topics are the most one message may carry.
    expect(subscribeSchema.safeParse({ topics: Array.from({ length: 64 }, (_, i) => ({ topic: `cases:d${i}` })) }).success).toBe(true);
  });
});
