import type { StoredSubscription } from '@cw/contracts';
import { DuplicateSubscription, type SubscriptionStore } from './storage.ts';
import { isUniqueViolation, type Pg } from './pg-db.ts';

export const PG_SUBSCRIPTIONS_MIGRATION = `
  CREATE TABLE ngsi_subscriptions (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, body TEXT NOT NULL);
`;

/** NGSI-LD subscriptions in PostgreSQL: one row each, the whole record as JSON. */
export function pgSubscriptionStore(db: Pg): SubscriptionStore {
  return {
    async insertSubscription(s) {
      try {
        await db.query('INSERT INTO ngsi_subscriptions (id, created_at, body) VALUES ($1, $2, $3)', [s.id, s.createdAt, JSON.stringify(s)]);
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateSubscription(s.id);
        throw err;
      }
    },
    async subscriptionById(id) {
      const { rows } = await db.query<{ body: string }>('SELECT body FROM ngsi_subscriptions WHERE id = $1', [id]);
      return rows.length === 0 ? null : (JSON.parse(rows[0]!.body) as StoredSubscription);
    },
    async listSubscriptions() {
      // COLLATE "C": ids in byte order, as SQLite and the memory store sort them.
      const { rows } = await db.query<{ body: string }>('SELECT body FROM ngsi_subscriptions ORDER BY created_at, id COLLATE "C"');
      return rows.map((r) => JSON.parse(r.body) as StoredSubscription);
    },
    async deleteSubscription(id) {
      const r = await db.query('DELETE FROM ngsi_subscriptions WHERE id = $1', [id]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
