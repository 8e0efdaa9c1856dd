import type { Alert, FeedItem, RawEvent } from '@cw/contracts';
import type { DailyAqiRecord } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import { MAX_STORED_PHOTO_BYTES, journalKey, type AlertLinkRow, type Storage, type StoredPhoto } from './storage.ts';
import { memoryAuthStore } from './memory-auth.ts';
import { memoryCaseStore, memorySequenceStore, memorySettingsStore } from './memory-cases.ts';
import { memoryEmergencyStore } from './memory-emergency.ts';
import { memoryBriefingStore } from './memory-briefings.ts';
import { memorySubscriptionStore } from './memory-subscriptions.ts';
import { memoryThrottleStore } from './memory-throttles.ts';

/** In-memory storage for tests and throwaway demos (STORAGE=memory): same contract, no disk. */
export function createMemoryStorage(): Storage {
  const events: RawEvent[] = [];
  const ids = new Set<string>();
  const windows = new Map<string, ClosedWindow>();
  let watermark: number | null = null;
  const daily = new Map<string, DailyAqiRecord>();
  const alerts = new Map<string, Alert>();
  let feed: FeedItem[] = [];
  // One process holds a memory store, so no other writer can overtake its claim.
  let fence = 0;
  const photos = new Map<string, StoredPhoto>();
  const photoKey = (caseId: string, id: string) => `${caseId}\u0000${id}`;
  const copyPhoto = (p: StoredPhoto): StoredPhoto => ({ ...p, bytes: Buffer.from(p.bytes) });
  // Shared with the case and emergency parts, which write a link with what they insert.
  const links = new Map<string, AlertLinkRow>();
  // Shared by the counters and the case part, whose import raises them.
  const sequences = new Map<string, number>();
  const withLink = (a: Alert): Alert => {
    const l = links.get(a.id);
    return { ...structuredClone(a), link: l === undefined ? null : { kind: l.kind, id: l.id, at: l.at, by: l.by } };
  };
  const key = (w: ClosedWindow) => `${w.window}\u0000${w.series}\u0000${w.scope}\u0000${w.start}`;
  const copy = (w: ClosedWindow): ClosedWindow => ({ ...w, agg: { ...w.agg } });
  const append = (batch: readonly RawEvent[], source: string | undefined): RawEvent[] => {
    const added: RawEvent[] = [];
    for (const e of batch) {
      const key = journalKey(source, e.id);
      if (key !== null) {
        if (ids.has(key)) continue;
        ids.add(key);
      }
      events.push(structuredClone(e));
      added.push(e);
    }
    return added;
  };
  return {
    ...memoryAuthStore(),
    ...memoryThrottleStore(),
    ...memoryCaseStore(links, sequences),
    ...memorySettingsStore(),
    ...memorySequenceStore(sequences),
    ...memoryEmergencyStore(links),
    ...memoryBriefingStore(),
    ...memorySubscriptionStore(),
    async appendEvents(batch, source) {
      return append(batch, source);
    },
    async appendEventBatches(batches) {
      return batches.map((b) => append(b.events, b.source));
    },
    async knownIds(wanted, source) {
      return new Set(wanted.filter((id) => ids.has(journalKey(source, id)!)));
    },
    async eventsSince(ts) {
      return events.filter((e) => e.ts >= ts).sort((a, b) => a.ts - b.ts).map((e) => structuredClone(e));
    },
    async saveClosedWindows(batch, closedUpTo) {
      for (const w of batch) windows.set(key(w), copy(w));
      watermark = closedUpTo;
    },
    async loadWindows(family, since) {
      return [...windows.values()].filter((w) => w.window === family && w.start >= since).map(copy);
    },
    async history(family, series, scope, from, to) {
      return [...windows.values()]
        .filter((w) => w.window === family && w.series === series && w.scope === scope && w.start >= from && w.start < to)
        .sort((a, b) => a.start - b.start)
        .map(copy);
    },
    async closedUpTo() {
      return watermark;
    },
    async prune(before, windowsBefore) {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i]!;
        if (e.ts < before) {
          events.splice(i, 1);
          if (e.id !== undefined) ids.delete(e.id);
        }
      }
      for (const [k, w] of windows) {
        const t = windowsBefore[w.window];
        if (t !== undefined && w.start < t) windows.delete(k);
      }
    },
    async saveDailyAqi(records) {
      for (const r of records) daily.set(`${r.scope}\u0000${r.day}`, { ...r });
    },
    async loadDailyAqi(since) {
      return [...daily.values()].filter((r) => r.day >= since).sort((a, b) => a.day - b.day).map((r) => ({ ...r }));
    },
    async saveAlert(alert) {
      const { link: _link, ...stored } = alert;
      alerts.set(alert.id, structuredClone(stored));
    },
    async liveAlerts() {
      return [...alerts.values()].filter((a) => a.acknowledgedAt === null || a.clearedAt === null).sort((a, b) => a.raisedAt - b.raisedAt).map(withLink);
    },
    async alertById(id) {
      const a = alerts.get(id);
      return a === undefined ? null : withLink(a);
    },
    async listAlerts(from, to, limit) {
      return [...alerts.values()]
        .filter((a) => a.raisedAt >= from && a.raisedAt < to)
        .sort((a, b) => b.raisedAt - a.raisedAt)
        .slice(0, limit)
        .map(withLink);
    },
    async appendFeed(items, keep) {
      const ids = new Set(feed.map((f) => f.id));
      feed.push(...items.filter((i) => !ids.has(i.id)).map((i) => structuredClone(i)));
      feed = feed.slice(-keep);
    },
    async latestFeed(limit) {
      return [...feed].sort((a, b) => b.ts - a.ts).slice(0, limit).map((i) => structuredClone(i));
    },
    async insertPhoto(p, maxPerCase) {
      if (p.bytes.byteLength > MAX_STORED_PHOTO_BYTES) throw new RangeError(`a photo may have at most ${MAX_STORED_PHOTO_BYTES} bytes`);
      if ([...photos.values()].filter((x) => x.caseId === p.caseId).length >= maxPerCase) return false;
      photos.set(photoKey(p.caseId, p.id), copyPhoto(p));
      return true;
    },
    async photo(caseId, id) {
      const p = photos.get(photoKey(caseId, id));
      return p === undefined ? null : copyPhoto(p);
    },
    async hasPhoto(caseId, id) {
      return photos.has(photoKey(caseId, id));
    },
    async claimWriter(claim) {
      if (fence > claim) return { claimed: false, current: fence };
      fence = claim;
      return { claimed: true, current: claim };
    },
    async close() {},
  };
}
