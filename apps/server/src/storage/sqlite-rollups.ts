import type Database from 'better-sqlite3';
import type { FeedItem, RawEvent } from '@cw/contracts';
import type { DailyAqiRecord } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import { journalKey, type RollupStore } from './storage.ts';
import { toWindow, type WindowRow } from './window-row.ts';
import { alertBody, alertWithLink, LINK_COLUMNS, type AlertRowWithLink } from './alert-links.ts';

export const ROLLUP_MIGRATION = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE windows (
    family TEXT NOT NULL, series TEXT NOT NULL, scope TEXT NOT NULL, start INTEGER NOT NULL,
    count INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
    last REAL NOT NULL, last_ts INTEGER NOT NULL,
    PRIMARY KEY (family, series, scope, start)) WITHOUT ROWID;
  CREATE INDEX windows_by_start ON windows (family, start);
  CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, ts INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX events_by_ts ON events (ts);
`;

/** Daily AQI, alerts and the ticker feed. */
export const DERIVED_MIGRATION = `
  CREATE TABLE daily_aqi (scope TEXT NOT NULL, day INTEGER NOT NULL, aqi INTEGER NOT NULL, level INTEGER NOT NULL,
    PRIMARY KEY (scope, day)) WITHOUT ROWID;
  CREATE TABLE alerts (id TEXT PRIMARY KEY, raised_at INTEGER NOT NULL, acknowledged_at INTEGER, body TEXT NOT NULL);
  CREATE INDEX alerts_by_time ON alerts (raised_at);
  CREATE TABLE feed (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, ts INTEGER NOT NULL, body TEXT NOT NULL);
`;


/** The event journal, rollup windows and what is derived from them, in SQLite. */
export function sqliteRollupStore(db: Database.Database): RollupStore {
  const insertEvent = db.prepare('INSERT OR IGNORE INTO events (id, ts, body) VALUES (?, ?, ?)');
  const selectId = db.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
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

  const upsertDaily = db.prepare('INSERT OR REPLACE INTO daily_aqi (scope, day, aqi, level) VALUES (@scope, @day, @aqi, @level)');
  const selectDaily = db.prepare('SELECT scope, day, aqi, level FROM daily_aqi WHERE day >= ? ORDER BY day');
  const upsertAlert = db.prepare('INSERT OR REPLACE INTO alerts (id, raised_at, acknowledged_at, body) VALUES (?, ?, ?, ?)');
  const withLinks = `SELECT a.body, ${LINK_COLUMNS} FROM alerts a LEFT JOIN alert_links l ON l.alert_id = a.id`;
  const selectLiveAlerts = db.prepare(`${withLinks} WHERE a.acknowledged_at IS NULL OR json_extract(a.body, '$.clearedAt') IS NULL ORDER BY a.raised_at`);
  const selectAlerts = db.prepare(`${withLinks} WHERE a.raised_at >= ? AND a.raised_at < ? ORDER BY a.raised_at DESC LIMIT ?`);
  const selectAlert = db.prepare(`${withLinks} WHERE a.id = ?`);
  const insertFeed = db.prepare('INSERT OR IGNORE INTO feed (id, ts, body) VALUES (?, ?, ?)');
  const trimFeed = db.prepare('DELETE FROM feed WHERE seq <= (SELECT MAX(seq) FROM feed) - ?');
  const selectFeed = db.prepare('SELECT body FROM feed ORDER BY ts DESC, seq DESC LIMIT ?');
  const saveDaily = db.transaction((records: readonly DailyAqiRecord[]) => {
    for (const r of records) upsertDaily.run(r);
  });
  const appendFeed = db.transaction((items: readonly FeedItem[], keep: number) => {
    for (const item of items) insertFeed.run(item.id, item.ts, JSON.stringify(item));
    trimFeed.run(keep);
  });

  const append = db.transaction((events: readonly RawEvent[], source: string | undefined, bodies: readonly string[] | undefined) => {
    const added: RawEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (insertEvent.run(journalKey(source, e.id), e.ts, bodies?.[i] ?? JSON.stringify(e)).changes > 0) added.push(e);
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
    async appendEvents(events, source, bodies) {
      return append(events, source, bodies);
    },
    async knownIds(ids, source) {
      return new Set(ids.filter((id) => selectId.get(journalKey(source, id)) !== undefined));
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
    async saveDailyAqi(records) {
      saveDaily(records);
    },
    async loadDailyAqi(since) {
      return selectDaily.all(since) as DailyAqiRecord[];
    },
    async saveAlert(alert) {
      upsertAlert.run(alert.id, alert.raisedAt, alert.acknowledgedAt, alertBody(alert));
    },
    async liveAlerts() {
      return (selectLiveAlerts.all() as AlertRowWithLink[]).map(alertWithLink);
    },
    async listAlerts(from, to, limit) {
      return (selectAlerts.all(from, to, limit) as AlertRowWithLink[]).map(alertWithLink);
    },
    async alertById(id) {
      const r = selectAlert.get(id) as AlertRowWithLink | undefined;
      return r === undefined ? null : alertWithLink(r);
    },
    async appendFeed(items, keep) {
      appendFeed(items, keep);
    },
    async latestFeed(limit) {
      return (selectFeed.all(limit) as { body: string }[]).map((r) => JSON.parse(r.body) as FeedItem);
    },
  };
}
