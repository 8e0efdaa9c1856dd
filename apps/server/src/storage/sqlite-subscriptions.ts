import type Database from 'better-sqlite3';
import type { StoredSubscription } from '@cw/contracts';
import { DuplicateSubscription, type SubscriptionStore } from './storage.ts';

export const SUBSCRIPTIONS_MIGRATION = `
  CREATE TABLE ngsi_subscriptions (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
`;

/** NGSI-LD subscriptions in SQLite: one row each, the whole record as JSON. */
export function sqliteSubscriptionStore(db: Database.Database): SubscriptionStore {
  const q = {
    insert: db.prepare('INSERT INTO ngsi_subscriptions (id, created_at, body) VALUES (?, ?, ?)'),
    byId: db.prepare('SELECT body FROM ngsi_subscriptions WHERE id = ?').pluck(),
    list: db.prepare('SELECT body FROM ngsi_subscriptions ORDER BY created_at, id').pluck(),
    remove: db.prepare('DELETE FROM ngsi_subscriptions WHERE id = ?'),
  };
  return {
    async insertSubscription(s) {
      try {
        q.insert.run(s.id, s.createdAt, JSON.stringify(s));
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateSubscription(s.id);
        throw err;
      }
    },
    async subscriptionById(id) {
      const body = q.byId.get(id) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as StoredSubscription);
    },
    async listSubscriptions() {
      return (q.list.all() as string[]).map((b) => JSON.parse(b) as StoredSubscription);
    },
    async deleteSubscription(id) {
      return q.remove.run(id).changes > 0;
    },
  };
}
