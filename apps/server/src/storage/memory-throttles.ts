import { throttleFailure, throttleForgetAt, throttleReserve, type ThrottleEntry } from '@cw/access';
import type { ThrottleStore } from './storage.ts';

/** The in-memory sign-in throttles (STORAGE=memory and tests): one process, so each call is atomic. */
export function memoryThrottleStore(): ThrottleStore {
  const entries = new Map<string, { entry: ThrottleEntry; forgetAt: number }>();
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    async throttleEntry(scope, key) {
      return structuredClone(entries.get(id(scope, key))?.entry ?? null);
    },
    async recordThrottleFailure(scope, key, now, policy) {
      const next = throttleFailure(entries.get(id(scope, key))?.entry ?? null, now, policy);
      entries.set(id(scope, key), { entry: next, forgetAt: throttleForgetAt(next, policy) });
      return structuredClone(next);
    },
    async reserveThrottleAttempt(scope, key, now, policy) {
      const { waitMs, entry } = throttleReserve(entries.get(id(scope, key))?.entry ?? null, now, policy);
      if (waitMs === 0 && entry !== null) entries.set(id(scope, key), { entry, forgetAt: throttleForgetAt(entry, policy) });
      return waitMs;
    },
    async clearThrottle(scope, key) {
      entries.delete(id(scope, key));
    },
    async pruneThrottles(now) {
      for (const [k, v] of entries) if (v.forgetAt <= now) entries.delete(k);
    },
  };
}
