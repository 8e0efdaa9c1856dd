import type { FeedItem, RawEvent } from '@cw/contracts';
import { feedItemOf } from '@cw/metrics';
import type { Storage } from '../storage/storage.ts';
import type { TopicRegistry } from './topics.ts';

/** How many items the `feed` topic holds; the ticker shows the newest. */
export const FEED_SIZE = 40;

/**
 * The wall's ticker: notable raw events, newest first, bounded. Items are collected as
 * events are accepted and published once per tick.
 */
export class FeedService {
  private pending: FeedItem[] = [];
  private shown: FeedItem[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly topics: TopicRegistry,
  ) {}

  async restore(): Promise<void> {
    this.shown = (await this.storage.latestFeed(FEED_SIZE)).reverse();
    this.topics.publish('feed', new Map(this.shown.map((i) => [i.id, i])));
  }

  collect(events: readonly RawEvent[]): void {
    for (const e of events) {
      const item = feedItemOf(e, e.id ?? `${e.kind}:${e.division}:${e.ts}`);
      if (item !== null) this.pending.push(item);
    }
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const incoming = this.pending.sort((a, b) => a.ts - b.ts).slice(-FEED_SIZE);
    this.pending = [];
    await this.storage.appendFeed(incoming, 10 * FEED_SIZE);
    const all = [...this.shown, ...incoming].sort((a, b) => a.ts - b.ts);
    const keep = all.slice(-FEED_SIZE);
    const kept = new Set(keep.map((i) => i.id));
    const removed = this.shown.filter((i) => !kept.has(i.id)).map((i) => i.id);
    this.shown = keep;
    this.topics.publish('feed', new Map(incoming.filter((i) => kept.has(i.id)).map((i) => [i.id, i])), removed);
  }
}
