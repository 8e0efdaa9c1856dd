import type Database from 'better-sqlite3';
import { throttleFailure, throttleForgetAt, throttleReserve } from '@cw/access';
import type { ThrottleStore } from './storage.ts';
import { throttleEntryOf, type ThrottleRow } from './throttle-row.ts';

/**
 * Sign-in throttles as rows. The lock-outs an earlier version kept in one setting are not
 * carried over (the longest lasts an hour); the setting is dropped.
 */
export const THROTTLES_MIGRATION = `
  CREATE TABLE sign_in_throttles (
    scope TEXT NOT NULL, key TEXT NOT NULL, failures TEXT NOT NULL, locked_until INTEGER NOT NULL,
    strikes INTEGER NOT NULL, forget_at INTEGER NOT NULL, PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX sign_in_throttles_forget ON sign_in_throttles (forget_at);
  DELETE FROM settings WHERE key = 'auth.throttle';
`;


/** Throttles in SQLite: a failure or a reservation is read, counted and written in one IMMEDIATE transaction (the write lock first, across processes too). */
export function sqliteThrottleStore(db: Database.Database): ThrottleStore {
  const get = db.prepare('SELECT failures, locked_until, strikes FROM sign_in_throttles WHERE scope = ? AND key = ?');
  const put = db.prepare('INSERT OR REPLACE INTO sign_in_throttles (scope, key, failures, locked_until, strikes, forget_at) VALUES (?, ?, ?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM sign_in_throttles WHERE scope = ? AND key = ?');
  const prune = db.prepare('DELETE FROM sign_in_throttles WHERE forget_at <= ?');
  const fail = db.transaction((scope: string, key: string, now: number, policy: Parameters<ThrottleStore['recordThrottleFailure']>[3]) => {
    const next = throttleFailure(throttleEntryOf(get.get(scope, key) as ThrottleRow | undefined), now, policy);
    put.run(scope, key, JSON.stringify(next.failures), next.lockedUntil, next.strikes, throttleForgetAt(next, policy));
    return next;
  });
  const reserve = db.transaction((scope: string, key: string, now: number, policy: Parameters<ThrottleStore['reserveThrottleAttempt']>[3]) => {
    const { waitMs, entry } = throttleReserve(throttleEntryOf(get.get(scope, key) as ThrottleRow | undefined), now, policy);
    if (waitMs === 0 && entry !== null) put.run(scope, key, JSON.stringify(entry.failures), entry.lockedUntil, entry.strikes, throttleForgetAt(entry, policy));
    return waitMs;
  });
  return {
    async throttleEntry(scope, key) {
      return throttleEntryOf(get.get(scope, key) as ThrottleRow | undefined);
    },
    async recordThrottleFailure(scope, key, now, policy) {
      return fail.immediate(scope, key, now, policy);
    },
    async reserveThrottleAttempt(scope, key, now, policy) {
      return reserve.immediate(scope, key, now, policy);
    },
    async clearThrottle(scope, key) {
      del.run(scope, key);
    },
    async pruneThrottles(now) {
      prune.run(now);
    },
  };
}
