import type Database from 'better-sqlite3';
import { StaleWriter, WRITER_TABLES, type FenceStore } from './storage.ts';

export const FENCE_MIGRATION = `
  CREATE TABLE writer_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), fence INTEGER NOT NULL);
  INSERT INTO writer_epoch (id, fence) VALUES (1, 0);
`;

/** The writer's tables here: SQLite keeps the journal in chunks with a table of ids (sqlite-rollups.ts). */
const FENCED_TABLES = [...WRITER_TABLES, 'event_chunks', 'event_keys', 'journal_sources'];

const STALE = 'stale writer: another node holds a newer writer lease';

/**
 * Claiming a fence adds TEMP triggers, which live on this connection only, to every table of
 * the writer's data: each write compares the stored number with the one this connection
 * claimed. SQLite runs one write transaction at a time on a file, so the check and the write
 * cannot be split by another process's claim.
 */
export function sqliteFenceStore(db: Database.Database): FenceStore {
  return {
    async claimWriter(fence) {
      if (!Number.isSafeInteger(fence) || fence < 1) throw new RangeError(`fence must be a positive integer, got ${fence}`);
      return db
        .transaction(() => {
          const current = db.prepare('SELECT fence FROM writer_epoch WHERE id = 1').pluck().get() as number;
          if (current > fence) return { claimed: false, current };
          db.prepare('UPDATE writer_epoch SET fence = ? WHERE id = 1').run(fence);
          for (const table of FENCED_TABLES) {
            for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
              const name = `fence_${table}_${op.toLowerCase()}`;
              db.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
              // The number is an integer checked above, so it may be written into the trigger.
              db.exec(`CREATE TEMP TRIGGER ${name} BEFORE ${op} ON main.${table}
                BEGIN SELECT RAISE(ABORT, '${STALE}') WHERE (SELECT fence FROM main.writer_epoch WHERE id = 1) <> ${fence}; END`);
            }
          }
          return { claimed: true, current: fence };
        })
        .immediate();
    },
  };
}

/** Gives every method of a store StaleWriter for the fence triggers' refusal (SQLite reports it as a plain error). */
export function withStaleWriterErrors<T extends object>(store: T): T {
  const mapped = (err: unknown) => (err instanceof Error && err.message === STALE ? new StaleWriter() : err);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    out[key] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => unknown)(...args);
            } catch (err) {
              throw mapped(err);
            }
          }
        : value;
  }
  return out as T;
}
