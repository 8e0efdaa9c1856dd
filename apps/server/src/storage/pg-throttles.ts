import { signInPairKey, signInReserve, throttleFailure, throttleForgetAt, type ThrottleEntry, type ThrottlePolicy } from '@cw/access';
import type pg from 'pg';
import type { Pg } from './pg-db.ts';
import type { ThrottleStore } from './storage.ts';
import { throttleEntryOf, type ThrottleRow } from './throttle-row.ts';

/** Sign-in throttles as rows; the one setting an earlier version kept them in is dropped. */
export const PG_THROTTLES_MIGRATION = `
  CREATE TABLE sign_in_throttles (
    scope TEXT NOT NULL, key TEXT NOT NULL, failures TEXT NOT NULL, locked_until BIGINT NOT NULL,
    strikes INTEGER NOT NULL, forget_at BIGINT NOT NULL, PRIMARY KEY (scope, key)
  );
  CREATE INDEX sign_in_throttles_forget ON sign_in_throttles (forget_at);
  DELETE FROM settings WHERE key = 'auth.throttle';
`;


/**
 * Throttles in PostgreSQL. A failure, or a reservation's two records, is counted in one
 * transaction holding the rows' locks: each row is made if missing (a second process waits on
 * the first's insert), read `FOR UPDATE`, counted and written; attempts made at once by
 * several processes queue.
 */
export function pgThrottleStore(db: Pg): ThrottleStore {
  const select = 'SELECT failures, locked_until, strikes FROM sign_in_throttles WHERE scope = $1 AND key = $2';
  const lockRow = async (q: pg.PoolClient, scope: string, key: string) => {
    await q.query("INSERT INTO sign_in_throttles (scope, key, failures, locked_until, strikes, forget_at) VALUES ($1, $2, '[]', 0, 0, 0) ON CONFLICT DO NOTHING", [scope, key]);
    // A row just made reads as no failures and no lock, as a missing entry would.
    return throttleEntryOf((await q.query<ThrottleRow>(`${select} FOR UPDATE`, [scope, key])).rows[0]);
  };
  const write = (q: pg.PoolClient, scope: string, key: string, next: ThrottleEntry, policy: ThrottlePolicy) =>
    q.query('UPDATE sign_in_throttles SET failures = $3, locked_until = $4, strikes = $5, forget_at = $6 WHERE scope = $1 AND key = $2', [
      scope,
      key,
      JSON.stringify(next.failures),
      next.lockedUntil,
      next.strikes,
      throttleForgetAt(next, policy),
    ]);
  return {
    async throttleEntry(scope, key) {
      return throttleEntryOf((await db.query<ThrottleRow>(select, [scope, key])).rows[0]);
    },
    async recordThrottleFailure(scope, key, now, policy) {
      return db.tx(async (q) => {
        const next = throttleFailure(await lockRow(q, scope, key), now, policy);
        await write(q, scope, key, next, policy);
        return next;
      });
    },
    async reserveSignIn(account, address, now, policy) {
      const pairKey = signInPairKey(account, address);
      return db.tx(async (q) => {
        // Always the account's row first, then the pair's: two attempts never wait on each other's second lock.
        const accountEntry = await lockRow(q, 'account', account);
        const r = signInReserve({ account: accountEntry, pair: await lockRow(q, 'account-address', pairKey) }, now, policy);
        if (r.waitMs === 0) {
          await write(q, 'account', account, r.account!, policy.perAccount);
          await write(q, 'account-address', pairKey, r.pair!, policy.perAddress);
        }
        return r.waitMs;
      });
    },
    async clearThrottle(scope, key) {
      await db.query('DELETE FROM sign_in_throttles WHERE scope = $1 AND key = $2', [scope, key]);
    },
    async pruneThrottles(now) {
      await db.query('DELETE FROM sign_in_throttles WHERE forget_at <= $1', [now]);
    },
  };
}
