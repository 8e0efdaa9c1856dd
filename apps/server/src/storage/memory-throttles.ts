import { signInPairKey, signInReserve, throttleFailure, throttleForgetAt, type ThrottleEntry } from '@cw/access';
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
    async reserveSignIn(account, address, now, policy) {
      const accountId = id('account', account);
      const pairId = id('account-address', signInPairKey(account, address));
      const r = signInReserve({ account: entries.get(accountId)?.entry ?? null, pair: entries.get(pairId)?.entry ?? null }, now, policy);
      if (r.waitMs === 0) {
        entries.set(accountId, { entry: r.account!, forgetAt: throttleForgetAt(r.account!, policy.perAccount) });
        entries.set(pairId, { entry: r.pair!, forgetAt: throttleForgetAt(r.pair!, policy.perAddress) });
      }
      return r.waitMs;
    },
    async clearThrottle(scope, key) {
      entries.delete(id(scope, key));
    },
    async pruneThrottles(now) {
      for (const [k, v] of entries) if (v.forgetAt <= now) entries.delete(k);
    },
  };
}
