import { throttleFailure, throttleForgetAt, type ThrottleEntry } from '@cw/access';
import type { Pg } from './pg-db.ts';
import type { ThrottleStore } from './storage.ts';

/** Sign-in throttles as rows; the one setting an earlier version kept them in is dropped. */
export const PG_THROTTLES_MIGRATION = `
  CREATE TABLE sign_in_throttles (
    scope TEXT NOT NULL, key TEXT NOT NULL, failures TEXT NOT NULL, locked_until BIGINT NOT NULL,
    strikes INTEGER NOT NULL, forget_at BIGINT NOT NULL, PRIMARY KEY (scope, key)
  );
  CREATE INDEX sign_in_throttles_forget ON sign_in_throttles (forget_at);
  DELETE FROM settings WHERE key = 'auth.throttle';
`;

interface Row {
  failures: string;
  locked_until: number;
  strikes: number;
}
const entryOf = (r: Row | undefined): ThrottleEntry | null =>
  r === undefined ? null : { failures: JSON.parse(r.failures) as number[], lockedUntil: r.locked_until, strikes: r.strikes };

/**
 * Throttles in PostgreSQL. A failure is counted in one transaction holding the key's row
 * lock: the row is made if missing (a second process waits on the first's insert), read
 * `FOR UPDATE`, counted and written; failures counted at once by several processes queue.
 */
export function pgThrottleStore(db: Pg): ThrottleStore {
  const select = 'SELECT failures, locked_until, strikes FROM sign_in_throttles WHERE scope = $1 AND key = $2';
  return {
    async throttleEntry(scope, key) {
      return entryOf((await db.query<Row>(select, [scope, key])).rows[0]);
    },
    async recordThrottleFailure(scope, key, now, policy) {
      return db.tx(async (q) => {
        await q.query("INSERT INTO sign_in_throttles (scope, key, failures, locked_until, strikes, forget_at) VALUES ($1, $2, '[]', 0, 0, 0) ON CONFLICT DO NOTHING", [scope, key]);
        const next = throttleFailure(entryOf((await q.query<Row>(`${select} FOR UPDATE`, [scope, key])).rows[0]), now, policy);
        await q.query('UPDATE sign_in_throttles SET failures = $3, locked_until = $4, strikes = $5, forget_at = $6 WHERE scope = $1 AND key = $2', [
          scope,
          key,
          JSON.stringify(next.failures),
          next.lockedUntil,
          next.strikes,
          throttleForgetAt(next, policy),
        ]);
        return next;
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
