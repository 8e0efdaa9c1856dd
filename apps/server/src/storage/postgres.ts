import type { Storage } from './storage.ts';
import { Pg, type PgOptions } from './pg-db.ts';
import { PG_AUTH_MIGRATION, PG_PAIRINGS_MIGRATION, pgAuditCommits, pgAuthStore } from './pg-auth.ts';
import { PG_CASES_MIGRATION, pgCaseStore, pgSequenceStore, pgSettingsStore } from './pg-cases.ts';
import { PG_EMERGENCY_MIGRATION, pgBriefingStore, pgEmergencyStore } from './pg-emergency.ts';
import { PG_ROLLUP_MIGRATION, pgRollupStore } from './pg-rollups.ts';
import { PG_FENCE_MIGRATION, pgFenceStore } from './pg-fence.ts';
import { PG_PHOTOS_MIGRATION, pgPhotoStore } from './pg-photos.ts';
import { PG_SUBSCRIPTIONS_MIGRATION, pgSubscriptionStore } from './pg-subscriptions.ts';
import { PG_ALERT_LINKS_MIGRATION } from './alert-links.ts';
import { PG_THROTTLES_MIGRATION, pgThrottleStore } from './pg-throttles.ts';

/**
 * Schema migrations, applied in order at open; `schema_migrations` records which ran
 * (version = position + 1). Never edit one that has shipped: add another.
 */
export const PG_MIGRATIONS: readonly { name: string; sql: string }[] = [
  {
    name: 'append-only guard',
    sql: `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;`,
  },
  { name: 'rollups, daily AQI, alerts, feed', sql: PG_ROLLUP_MIGRATION },
  { name: 'auth and audit', sql: PG_AUTH_MIGRATION },
  { name: 'cases, settings, sequences', sql: PG_CASES_MIGRATION },
  { name: 'emergencies and briefings', sql: PG_EMERGENCY_MIGRATION },
  { name: 'alert links', sql: PG_ALERT_LINKS_MIGRATION },
  { name: 'writer fence', sql: PG_FENCE_MIGRATION },
  { name: 'pairings', sql: PG_PAIRINGS_MIGRATION },
  { name: 'photos', sql: PG_PHOTOS_MIGRATION },
  { name: 'ngsi-ld subscriptions', sql: PG_SUBSCRIPTIONS_MIGRATION },
  { name: 'sign-in throttles', sql: PG_THROTTLES_MIGRATION },
];

/** Any fixed number: the advisory lock that lets one process at a time migrate a database. */
const MIGRATION_LOCK = 0x63773031;

/**
 * Brings the schema up to date in one transaction. Processes starting together queue on a
 * transaction-scoped advisory lock, so each migration runs once; a failure changes nothing.
 */
export async function migratePostgres(db: Pg, now = Date.now()): Promise<void> {
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const [i, m] of PG_MIGRATIONS.entries()) {
      if (applied.has(i + 1)) continue;
      await q.query(m.sql);
      await q.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [i + 1, m.name, now]);
    }
  });
}

/**
 * PostgreSQL (STORAGE=postgres, DATABASE_URL): the same contract as SQLite, for several
 * server processes sharing one database. Nothing is cached in the process.
 */
export async function openPostgresStorage(options: PgOptions): Promise<Storage> {
  const db = new Pg(options);
  try {
    await migratePostgres(db);
  } catch (err) {
    await db.end();
    throw err;
  }
  const audits = pgAuditCommits(db);
  return {
    ...pgRollupStore(db),
    ...pgAuthStore(db, audits),
    ...pgThrottleStore(db),
    ...pgCaseStore(db),
    ...pgSettingsStore(db),
    ...pgSequenceStore(db),
    ...pgEmergencyStore(db),
    ...pgBriefingStore(db),
    ...pgPhotoStore(db),
    ...pgFenceStore(db),
    ...pgSubscriptionStore(db),
    async close() {
      await audits.settled();
      await db.end();
    },
  };
}
