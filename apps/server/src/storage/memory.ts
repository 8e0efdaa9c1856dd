import type { RawEvent } from '@cw/contracts';
import type { ClosedWindow } from '@cw/rollup';
import type { Storage } from './storage.ts';

/** In-memory storage for tests and throwaway demos (STORAGE=memory): same contract, no disk. */
export function createMemoryStorage(): Storage {
  const events: RawEvent[] = [];
  const ids = new Set<string>();
  const windows = new Map<string, ClosedWindow>();
  let watermark: number | null = null;
  const key = (w: ClosedWindow) => `${w.window}\u0000${w.series}\u0000${w.scope}\u0000${w.start}`;
  const copy = (w: ClosedWindow): ClosedWindow => ({ ...w, agg: { ...w.agg } });
  return {
    async appendEvents(batch) {
      const added: RawEvent[] = [];
      for (const e of batch) {
        if (e.id !== undefined) {
          if (ids.has(e.id)) continue;
          ids.add(e.id);
        }
        events.push(structuredClone(e));
        added.push(e);
      }
      return added;
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
    async close() {},
  };
}
