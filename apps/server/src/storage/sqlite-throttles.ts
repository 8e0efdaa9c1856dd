import type Database from 'better-sqlite3';
import { signInPairKey, signInReserve, throttleFailure, throttleForgetAt, type SignInPolicy, type ThrottleEntry, type ThrottlePolicy } from '@cw/access';
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


/** Throttles in SQLite: a failure, or a reservation's two records, read, counted and written in one IMMEDIATE transaction (the write lock first, across processes too). */
export function sqliteThrottleStore(db: Database.Database): ThrottleStore {
  const get = db.prepare('SELECT failures, locked_until, strikes FROM sign_in_throttles WHERE scope = ? AND key = ?');
  const put = db.prepare('INSERT OR REPLACE INTO sign_in_throttles (scope, key, failures, locked_until, strikes, forget_at) VALUES (?, ?, ?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM sign_in_throttles WHERE scope = ? AND key = ?');
  const prune = db.prepare('DELETE FROM sign_in_throttles WHERE forget_at <= ?');
  const entry = (scope: string, key: string) => throttleEntryOf(get.get(scope, key) as ThrottleRow | undefined);
  const write = (scope: string, key: string, next: ThrottleEntry, policy: ThrottlePolicy) =>
    put.run(scope, key, JSON.stringify(next.failures), next.lockedUntil, next.strikes, throttleForgetAt(next, policy));
  const fail = db.transaction((scope: string, key: string, now: number, policy: ThrottlePolicy) => {
    const next = throttleFailure(entry(scope, key), now, policy);
    write(scope, key, next, policy);
    return next;
  });
  const reserve = db.transaction((account: string, address: string, now: number, policy: SignInPolicy) => {
    const pairKey = signInPairKey(account, address);
    const r = signInReserve({ account: entry('account', account), pair: entry('account-address', pairKey) }, now, policy);
    if (r.waitMs === 0) {
      write('account', account, r.account!, policy.perAccount);
      write('account-address', pairKey, r.pair!, policy.perAddress);
    }
    return r.waitMs;
  });
  return {
    async throttleEntry(scope, key) {
      return entry(scope, key);
    },
    async recordThrottleFailure(scope, key, now, policy) {
      return fail.immediate(scope, key, now, policy);
    },
    async reserveSignIn(account, address, now, policy) {
      return reserve.immediate(account, address, now, policy);
    },
    async clearThrottle(scope, key) {
      del.run(scope, key);
    },
    async pruneThrottles(now) {
      prune.run(now);
    },
  };
}
