import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from './storage.ts';
import { AUTH_MIGRATION, PAIRINGS_MIGRATION, SOURCE_REGISTRATION_MIGRATION, sqliteAuditCommits, sqliteAuthStore } from './sqlite-auth.ts';
import { CASES_MIGRATION, CASE_IDEMPOTENCY_MIGRATION, sqliteCaseStore } from './sqlite-cases.ts';
import { EMERGENCY_MIGRATION, sqliteEmergencyStore } from './sqlite-emergency.ts';
import { BRIEFINGS_MIGRATION, sqliteBriefingStore } from './sqlite-briefings.ts';
import { DERIVED_MIGRATION, JOURNAL_CHUNKS_MIGRATION, JOURNAL_SOURCE_NUMBERS_MIGRATION, ROLLUP_MIGRATION, sqliteRollupStore } from './sqlite-rollups.ts';
import { sqliteSettingsStore } from './sqlite-settings.ts';
import { SEQUENCES_MIGRATION, sqliteSequenceStore } from './sqlite-sequences.ts';
import { PHOTOS_MIGRATION, sqlitePhotoStore } from './sqlite-photos.ts';
import { FENCE_MIGRATION, sqliteFenceStore, withStaleWriterErrors } from './sqlite-fence.ts';
import { SUBSCRIPTIONS_MIGRATION, sqliteSubscriptionStore } from './sqlite-subscriptions.ts';
import { SQLITE_ALERT_LINKS_MIGRATION } from './alert-links.ts';
import { THROTTLES_MIGRATION, sqliteThrottleStore } from './sqlite-throttles.ts';

/**
 * Schema migrations, applied in order at open, each in its own transaction; the table
 * `schema_migrations` records which ran (version = position + 1). Never edit one that has
 * shipped: add another.
 */
export const SQLITE_MIGRATIONS: readonly { name: string; sql: string }[] = [
  { name: 'rollups', sql: ROLLUP_MIGRATION },
  { name: 'daily AQI, alerts, feed', sql: DERIVED_MIGRATION },
  { name: 'auth and audit', sql: AUTH_MIGRATION },
  { name: 'cases and settings', sql: CASES_MIGRATION },
  { name: 'emergencies', sql: EMERGENCY_MIGRATION },
  { name: 'case idempotency', sql: CASE_IDEMPOTENCY_MIGRATION },
  { name: 'briefings', sql: BRIEFINGS_MIGRATION },
  { name: 'source registration', sql: SOURCE_REGISTRATION_MIGRATION },
  { name: 'sequences', sql: SEQUENCES_MIGRATION },
  { name: 'alert links', sql: SQLITE_ALERT_LINKS_MIGRATION },
  { name: 'writer fence', sql: FENCE_MIGRATION },
  { name: 'pairings', sql: PAIRINGS_MIGRATION },
  { name: 'photos', sql: PHOTOS_MIGRATION },
  { name: 'ngsi-ld subscriptions', sql: SUBSCRIPTIONS_MIGRATION },
  { name: 'journal in chunks', sql: JOURNAL_CHUNKS_MIGRATION },
  { name: 'sign-in throttles', sql: THROTTLES_MIGRATION },
  { name: 'journal source numbers', sql: JOURNAL_SOURCE_NUMBERS_MIGRATION },
];

/**
 * Brings the schema up to date. A store made before `schema_migrations` existed counted its
 * migrations in `PRAGMA user_version`; those are recorded as applied first.
 */
export function migrateSqlite(db: Database.Database, now = Date.now()): void {
  // IMMEDIATE transactions take the write lock before reading: processes opening one file at
  // once apply each migration exactly once.
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const recorded = db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get() as number;
    const legacy = db.pragma('user_version', { simple: true }) as number;
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (let v = recorded; v < legacy; v++) record.run(v + 1, SQLITE_MIGRATIONS[v]!.name, now);
  }).immediate();
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  SQLITE_MIGRATIONS.forEach((m, i) => {
    db.transaction(() => {
      if (isApplied.get(i + 1) !== undefined) return;
      db.exec(m.sql);
      record.run(i + 1, m.name, now);
    }).immediate();
  });
}

/** The store's file under DATA_DIR (beside it, SQLite's -wal and -shm while open). */
export const SQLITE_FILE = 'city-window.sqlite';

/** The embedded default: one SQLite file in WAL mode under DATA_DIR. */
export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, SQLITE_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge it (nothing acknowledged is lost).
  db.pragma('synchronous = FULL');
  // 64 MiB of page cache: window writes land all over the index.
  db.pragma('cache_size = -65536');
  migrateSqlite(db);
  // Audit entries share commits: with each other, and with the journal's transactions.
  const audits = sqliteAuditCommits(db);

  return withStaleWriterErrors<Storage>({
    ...sqliteRollupStore(db, () => audits.join()),
    ...sqliteAuthStore(db, audits),
    ...sqliteThrottleStore(db),
    ...sqliteCaseStore(db),
    ...sqliteSettingsStore(db),
    ...sqliteSequenceStore(db),
    ...sqliteEmergencyStore(db),
    ...sqliteBriefingStore(db),
    ...sqlitePhotoStore(db),
    ...sqliteFenceStore(db),
    ...sqliteSubscriptionStore(db),
    async backup(destination) {
      // SQLite's backup API on the server's own connection: writes made meanwhile are copied
      // too, so the file holds at least everything committed before the call.
      await db.backup(destination);
    },
    async close() {
      audits.flush();
      db.close();
    },
  });
}
