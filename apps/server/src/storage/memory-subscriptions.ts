import type { StoredSubscription } from '@cw/contracts';
import { DuplicateSubscription, type SubscriptionStore } from './storage.ts';

const byAge = (a: StoredSubscription, b: StoredSubscription) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The in-memory subscription store: same contract as SQLite, copies in and out. */
export function memorySubscriptionStore(): SubscriptionStore {
  const rows = new Map<string, StoredSubscription>();
  return {
    async insertSubscription(s) {
      if (rows.has(s.id)) throw new DuplicateSubscription(s.id);
      rows.set(s.id, structuredClone(s));
    },
    async subscriptionById(id) {
      const s = rows.get(id);
      return s === undefined ? null : structuredClone(s);
    },
    async listSubscriptions() {
      return [...rows.values()].sort(byAge).map((s) => structuredClone(s));
    },
    async deleteSubscription(id) {
      return rows.delete(id);
    },
  };
}
