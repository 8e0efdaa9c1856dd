import { useEffect } from 'react';
import type { Topic, TopicEntries } from '@cw/contracts';
import { useLive } from '../live/store.ts';

/**
 * The leader's last live data, kept on the device: a tablet that loses the network, or is
 * opened again without one, still shows what it last knew, with its age. The live client's
 * resync replaces it all as soon as the server answers.
 */

export interface LiveSnapshot {
  /** Local time of the newest message behind the data, ms. */
  savedAt: number;
  topics: Partial<Record<Topic, TopicEntries>>;
}

const VERSION = 1;

export function encodeSnapshot(s: LiveSnapshot, topics: readonly Topic[]): string {
  const kept: Partial<Record<Topic, TopicEntries>> = {};
  for (const t of topics) if (s.topics[t] !== undefined) kept[t] = s.topics[t];
  return JSON.stringify({ v: VERSION, savedAt: s.savedAt, topics: kept });
}

/** The stored snapshot, or null for anything unreadable, of another version or of other topics only. */
export function decodeSnapshot(text: string | null, topics: readonly Topic[]): LiveSnapshot | null {
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { v?: unknown; savedAt?: unknown; topics?: unknown };
  if (r.v !== VERSION || typeof r.savedAt !== 'number' || !Number.isFinite(r.savedAt) || typeof r.topics !== 'object' || r.topics === null) return null;
  const stored = r.topics as Record<string, unknown>;
  const kept: Partial<Record<Topic, TopicEntries>> = {};
  for (const t of topics) {
    const entries = stored[t];
    if (typeof entries === 'object' && entries !== null && !Array.isArray(entries)) kept[t] = entries as TopicEntries;
  }
  return Object.keys(kept).length === 0 ? null : { savedAt: r.savedAt, topics: kept };
}

/** At most one write in this long: the vitals change every tick. */
const SAVE_EVERY_MS = 5000;

const PREFIX = 'cw.leader.live.';
const storageKey = (userId: string) => `${PREFIX}${userId}`;
/** The service worker's cache of API answers (vite.config.ts). */
const API_CACHE = 'cw-api';

/** Signing out leaves nothing of the session on the device: neither the live copy nor cached answers. */
export async function forgetOfflineCopies(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // No storage, nothing kept.
  }
  if ('caches' in window) await caches.delete(API_CACHE);
}

/**
 * Fills the live store from the device's copy when it has nothing yet (a cold start without
 * the server), then keeps that copy up to date while live.
 */
export function usePersistedLive(userId: string, topics: readonly Topic[]): void {
  const key = topics.join('\n');
  useEffect(() => {
    const list = key.split('\n') as Topic[];
    const storeKey = storageKey(userId);
    const state = useLive.getState();
    if (list.every((t) => state.topics[t] === undefined)) {
      const saved = decodeSnapshot(readStorage(storeKey), list);
      if (saved !== null) useLive.setState((s) => ({ topics: { ...saved.topics, ...s.topics }, lastUpdate: s.lastUpdate ?? saved.savedAt }));
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      timer = null;
      const s = useLive.getState();
      // Only what came from the server in this life: never re-save a restored copy as new.
      if (s.status.state !== 'live' || s.lastUpdate === null) return;
      writeStorage(storeKey, encodeSnapshot({ savedAt: s.lastUpdate, topics: s.topics }, list));
    };
    const unsubscribe = useLive.subscribe((s, prev) => {
      if (s.topics !== prev.topics && timer === null) timer = setTimeout(save, SAVE_EVERY_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [userId, key]);
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // A full or disabled storage only costs the offline copy; the screen stays live.
  }
}
