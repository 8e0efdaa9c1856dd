import type { FeedItem, RawEvent } from '@cw/contracts';
import type { DailyAqiRecord } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import { journalKey, type EventBatch, type RollupStore } from './storage.ts';
import type { Pg } from './pg-db.ts';
import { toWindow, type WindowRow } from './window-row.ts';
import { alertBody, alertWithLink, LINK_COLUMNS, type AlertRowWithLink } from './alert-links.ts';

export const PG_ROLLUP_MIGRATION = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE windows (
    family TEXT NOT NULL, series TEXT NOT NULL, scope TEXT NOT NULL, start BIGINT NOT NULL,
    count BIGINT NOT NULL, sum DOUBLE PRECISION NOT NULL, min DOUBLE PRECISION NOT NULL, max DOUBLE PRECISION NOT NULL,
    last DOUBLE PRECISION NOT NULL, last_ts BIGINT NOT NULL,
    PRIMARY KEY (family, series, scope, start));
  CREATE INDEX windows_by_start ON windows (family, start);
  -- id: the journal key (source/id); NULL for events without one, which are never deduplicated.
  CREATE TABLE events (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT UNIQUE, ts BIGINT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX events_by_ts ON events (ts, seq);
  CREATE TABLE daily_aqi (scope TEXT NOT NULL, day BIGINT NOT NULL, aqi INTEGER NOT NULL, level INTEGER NOT NULL, PRIMARY KEY (scope, day));
  CREATE TABLE alerts (id TEXT PRIMARY KEY, raised_at BIGINT NOT NULL, acknowledged_at BIGINT, cleared_at BIGINT, body TEXT NOT NULL);
  CREATE INDEX alerts_by_time ON alerts (raised_at);
  CREATE TABLE feed (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT UNIQUE NOT NULL, ts BIGINT NOT NULL, body TEXT NOT NULL);
`;


/** The last of each key: one statement may not upsert a row twice. */
function lastByKey<T>(items: readonly T[], key: (x: T) => string): T[] {
  return [...new Map(items.map((x) => [key(x), x])).values()];
}

const WITH_LINKS = `SELECT a.body, ${LINK_COLUMNS} FROM alerts a LEFT JOIN alert_links l ON l.alert_id = a.id`;

const bodies = <T>(rows: { body: string }[]) => rows.map((r) => JSON.parse(r.body) as T);

/** Batches of events, each with its own source, in one statement (one commit). */
async function appendBatches(db: Pg, batches: readonly EventBatch[]): Promise<RawEvent[][]> {
  const keys: (string | null)[] = [];
  const ts: number[] = [];
  const body: string[] = [];
  for (const { events, source, bodies } of batches) {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      keys.push(journalKey(source, e.id));
      ts.push(e.ts);
      body.push(bodies?.[i] ?? JSON.stringify(e));
    }
  }
  if (keys.length === 0) return batches.map(() => []);
  // Rows go in in order (the identity follows it); a key already journaled, or repeated
  // among the batches, is skipped by ON CONFLICT.
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (id, ts, body)
     SELECT id, ts, body FROM unnest($1::text[], $2::bigint[], $3::text[]) WITH ORDINALITY AS t(id, ts, body, ord) ORDER BY ord
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [keys, ts, body],
  );
  const inserted = new Set(rows.map((r) => r.id));
  let k = 0;
  return batches.map(({ events }) =>
    events.filter(() => {
      const key = keys[k++]!;
      if (key === null) return true;
      // The first occurrence is the one that went in.
      if (!inserted.has(key)) return false;
      inserted.delete(key);
      return true;
    }),
  );
}

/** The event journal, rollup windows and what is derived from them, in PostgreSQL. Batches travel as arrays (one statement each). */
export function pgRollupStore(db: Pg): RollupStore {
  return {
    async appendEvents(events, source, raw) {
      return (await appendBatches(db, [{ events, source, bodies: raw }]))[0]!;
    },
    async appendEventBatches(batches) {
      return appendBatches(db, batches);
    },
    async knownIds(ids, source) {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::text[])', [ids.map((id) => journalKey(source, id))]);
      const known = new Set(rows.map((r) => r.id));
      return new Set(ids.filter((id) => known.has(journalKey(source, id)!)));
    },
    async eventsSince(ts) {
      return bodies<RawEvent>((await db.query<{ body: string }>('SELECT body FROM events WHERE ts >= $1 ORDER BY ts, seq', [ts])).rows);
    },
    async saveClosedWindows(batch, closedUpTo) {
      const windows = lastByKey(batch, (w) => `${w.window}\u0000${w.series}\u0000${w.scope}\u0000${w.start}`);
      await db.tx(async (c) => {
        if (windows.length > 0) {
          const col = <K extends keyof ClosedWindow['agg']>(k: K) => windows.map((w) => w.agg[k]);
          await c.query(
            `INSERT INTO windows (family, series, scope, start, count, sum, min, max, last, last_ts)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::bigint[])
             ON CONFLICT (family, series, scope, start) DO UPDATE SET count = excluded.count, sum = excluded.sum, min = excluded.min,
               max = excluded.max, last = excluded.last, last_ts = excluded.last_ts`,
            [
              windows.map((w) => w.window),
              windows.map((w) => w.series),
              windows.map((w) => w.scope),
              windows.map((w) => w.start),
              col('count'),
              col('sum'),
              col('min'),
              col('max'),
              col('last'),
              col('lastTs'),
            ],
          );
        }
        await c.query("INSERT INTO meta (key, value) VALUES ('closed_up_to', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(closedUpTo)]);
      });
    },
    async loadWindows(family, since) {
      return (await db.query<WindowRow>('SELECT * FROM windows WHERE family = $1 AND start >= $2', [family, since])).rows.map(toWindow);
    },
    async history(family, series, scope, from, to) {
      const { rows } = await db.query<WindowRow>(
        'SELECT * FROM windows WHERE family = $1 AND series = $2 AND scope = $3 AND start >= $4 AND start < $5 ORDER BY start',
        [family, series, scope, from, to],
      );
      return rows.map(toWindow);
    },
    async closedUpTo() {
      const { rows } = await db.query<{ value: string }>("SELECT value FROM meta WHERE key = 'closed_up_to'");
      return rows.length === 0 ? null : Number(rows[0]!.value);
    },
    async prune(before, windowsBefore) {
      await db.tx(async (c) => {
        await c.query('DELETE FROM events WHERE ts < $1', [before]);
        for (const [family, t] of Object.entries(windowsBefore)) await c.query('DELETE FROM windows WHERE family = $1 AND start < $2', [family, t]);
      });
    },
    async saveDailyAqi(batch) {
      if (batch.length === 0) return;
      const records = lastByKey(batch, (r) => `${r.scope}\u0000${r.day}`);
      await db.query(
        `INSERT INTO daily_aqi (scope, day, aqi, level) SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[])
         ON CONFLICT (scope, day) DO UPDATE SET aqi = excluded.aqi, level = excluded.level`,
        [records.map((r) => r.scope), records.map((r) => r.day), records.map((r) => r.aqi), records.map((r) => r.level)],
      );
    },
    async loadDailyAqi(since) {
      return (await db.query<DailyAqiRecord>('SELECT scope, day, aqi, level FROM daily_aqi WHERE day >= $1 ORDER BY day, scope COLLATE "C"', [since])).rows;
    },
    async saveAlert(a) {
      await db.query(
        `INSERT INTO alerts (id, raised_at, acknowledged_at, cleared_at, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET raised_at = excluded.raised_at, acknowledged_at = excluded.acknowledged_at, cleared_at = excluded.cleared_at, body = excluded.body`,
        [a.id, a.raisedAt, a.acknowledgedAt, a.clearedAt, alertBody(a)],
      );
    },
    async liveAlerts() {
      const { rows } = await db.query<AlertRowWithLink>(`${WITH_LINKS} WHERE a.acknowledged_at IS NULL OR a.cleared_at IS NULL ORDER BY a.raised_at, a.id COLLATE "C"`);
      return rows.map(alertWithLink);
    },
    async listAlerts(from, to, limit) {
      const { rows } = await db.query<AlertRowWithLink>(`${WITH_LINKS} WHERE a.raised_at >= $1 AND a.raised_at < $2 ORDER BY a.raised_at DESC LIMIT $3`, [from, to, limit]);
      return rows.map(alertWithLink);
    },
    async alertById(id) {
      const { rows } = await db.query<AlertRowWithLink>(`${WITH_LINKS} WHERE a.id = $1`, [id]);
      return rows.length === 0 ? null : alertWithLink(rows[0]!);
    },
    async appendFeed(items, keep) {
      await db.tx(async (c) => {
        if (items.length > 0) {
          await c.query(
            `INSERT INTO feed (id, ts, body) SELECT id, ts, body FROM unnest($1::text[], $2::bigint[], $3::text[]) WITH ORDINALITY AS t(id, ts, body, ord) ORDER BY ord
             ON CONFLICT (id) DO NOTHING`,
            [items.map((i) => i.id), items.map((i) => i.ts), items.map((i) => JSON.stringify(i))],
          );
        }
        // Keep the newest `keep` rows (identities have gaps, so count rows, not numbers).
        await c.query('DELETE FROM feed WHERE seq <= (SELECT seq FROM feed ORDER BY seq DESC OFFSET $1 LIMIT 1)', [keep]);
      });
    },
    async latestFeed(limit) {
      return bodies<FeedItem>((await db.query<{ body: string }>('SELECT body FROM feed ORDER BY ts DESC, seq DESC LIMIT $1', [limit])).rows);
    },
  };
}
