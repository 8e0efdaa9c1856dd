import type Database from 'better-sqlite3';
import type { SequenceStore } from './storage.ts';

/**
 * Named counters. A store numbered by counting its rows before this existed continues after
 * the highest number of each day already given (ids C<yyyymmdd>-<n>, E<yyyymmdd>-<n>).
 */
export const SEQUENCES_MIGRATION = `
  CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO sequences (name, value)
    SELECT 'case:' || substr(id, 2, 8), MAX(CAST(substr(id, 11) AS INTEGER)) FROM cases
    WHERE id GLOB 'C[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY substr(id, 2, 8);
  INSERT INTO sequences (name, value)
    SELECT 'emergency:' || substr(id, 2, 8), MAX(CAST(substr(id, 11) AS INTEGER)) FROM emergencies
    WHERE id GLOB 'E[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY substr(id, 2, 8);
`;

/** Counters in SQLite: one upsert, atomic under the database's write lock (across processes too). */
export function sqliteSequenceStore(db: Database.Database): SequenceStore {
  const next = db.prepare('INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').pluck();
  return {
    async nextInSequence(name) {
      return next.get(name) as number;
    },
  };
}
