import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RawEvent } from '@cw/contracts';
import type { ClosedWindow } from '@cw/rollup';
import type { Storage } from './storage.ts';

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE windows (
     family TEXT NOT NULL, series TEXT NOT NULL, scope TEXT NOT NULL, start INTEGER NOT NULL,
     count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
     last REAL NOT NULL, last_ts INTEGER NOT NULL,
     PRIMARY KEY (family, series, scope, start)) WITHOUT ROWID;
   CREATE INDEX windows_by_start ON windows (family, start);
   CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, ts INTEGER NOT NULL, body TEXT NOT NULL);
   CREATE INDEX events_by_ts ON events (ts);`,
];

interface WindowRow {
  family: string;
  series: string;
  scope: string;
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  last_ts: number;
}

const toWindow = (r: WindowRow): ClosedWindow => ({
  window: r.family,
  series: r.series,
  scope: r.scope,
  start: r.start,
  agg: { count: r.count, sum: r.sum, min: r.min, max: r.max, last: r.last, lastTs: r.last_ts },
});

/** The embedded default: one SQLite file in WAL mode under DATA_DIR. */
export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'city-window.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we acknowledge it (nothing acknowledged is lost).
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }

  const insertEvent = db.prepare('INSERT OR IGNORE INTO events (id, ts, body) VALUES (?, ?, ?)');
  const selectEvents = db.prepare('SELECT body FROM events WHERE ts >= ? ORDER BY ts, seq');
  const upsertWindow = db.prepare(
    `INSERT OR REPLACE INTO windows (family, series, scope, start, count, sum, min, max, last, last_ts)
     VALUES (@family, @series, @scope, @start, @count, @sum, @min, @max, @last, @last_ts)`,
  );
  const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const selectFamily = db.prepare('SELECT * FROM windows WHERE family = ? AND start >= ?');
  const selectHistory = db.prepare(
    'SELECT * FROM windows WHERE family = ? AND series = ? AND scope = ? AND start >= ? AND start < ? ORDER BY start',
  );
  const deleteEvents = db.prepare('DELETE FROM events WHERE ts < ?');
  const deleteWindows = db.prepare('DELETE FROM windows WHERE family = ? AND start < ?');

  const append = db.transaction((events: readonly RawEvent[]) => {
    const added: RawEvent[] = [];
    for (const e of events) {
      if (insertEvent.run(e.id ?? null, e.ts, JSON.stringify(e)).changes > 0) added.push(e);
    }
    return added;
  });
  const save = db.transaction((windows: readonly ClosedWindow[], closedUpTo: number) => {
    for (const w of windows) {
      upsertWindow.run({
        family: w.window,
        series: w.series,
        scope: w.scope,
        start: w.start,
        count: w.agg.count,
        sum: w.agg.sum,
        min: w.agg.min,
        max: w.agg.max,
        last: w.agg.last,
        last_ts: w.agg.lastTs,
      });
    }
    setMeta.run('closed_up_to', String(closedUpTo));
  });
  const prune = db.transaction((before: number, windowsBefore: Record<string, number>) => {
    deleteEvents.run(before);
    for (const [family, t] of Object.entries(windowsBefore)) deleteWindows.run(family, t);
  });

  return {
    async appendEvents(events) {
      return append(events);
    },
    async eventsSince(ts) {
      return (selectEvents.all(ts) as { body: string }[]).map((r) => JSON.parse(r.body) as RawEvent);
    },
    async saveClosedWindows(windows, closedUpTo) {
      save(windows, closedUpTo);
    },
    async loadWindows(family, since) {
      return (selectFamily.all(family, since) as WindowRow[]).map(toWindow);
    },
    async history(family, series, scope, from, to) {
      return (selectHistory.all(family, series, scope, from, to) as WindowRow[]).map(toWindow);
    },
    async closedUpTo() {
      const row = getMeta.get('closed_up_to') as { value: string } | undefined;
      return row === undefined ? null : Number(row.value);
    },
    async prune(before, windowsBefore) {
      prune(before, windowsBefore);
    },
    async close() {
      db.close();
    },
  };
}
