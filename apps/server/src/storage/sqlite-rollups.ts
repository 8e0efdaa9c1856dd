import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { FeedItem, RawEvent } from '@cw/contracts';
import type { DailyAqiRecord } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import type { EventBatch, RollupStore } from './storage.ts';
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

/**
 * The journal in chunks: one row per appended batch (its events' JSON as received, one per
 * line) and one key per event id. Per event that is one B-tree entry instead of three (a row,
 * its unique id and its time index), which was most of the ingest path's cost. The ids keep
 * their event's time so that pruning them needs no index of their own.
 */
export const JOURNAL_CHUNKS_MIGRATION = `
  CREATE TABLE event_chunks (seq INTEGER PRIMARY KEY, ts_min INTEGER NOT NULL, ts_max INTEGER NOT NULL, body TEXT NOT NULL);
  CREATE INDEX event_chunks_by_ts ON event_chunks (ts_max);
  CREATE TABLE event_ids (key TEXT PRIMARY KEY, ts INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO event_chunks (ts_min, ts_max, body) SELECT ts, ts, body FROM events ORDER BY seq;
  INSERT OR IGNORE INTO event_ids (key, ts) SELECT id, ts FROM events WHERE id IS NOT NULL;
  DROP TABLE events;
`;

/** The buffer kept between chunks: a chunk of 4,096 events of ~200 bytes fits. */
const PACK_BUFFER_KEEP = 2 * 1024 * 1024;
let packBuffer: Buffer = Buffer.allocUnsafe(PACK_BUFFER_KEEP);

/**
 * A chunk's body as stored: its lines compressed (Brotli at quality 0, about 7× smaller for
 * events). Writing the bytes — WAL frames, then the checkpoint's copy — cost more CPU than
 * compressing them: about 1.8 µs per event as text against 0.6 µs compressed (bench:ingest).
 */
export function packChunk(lines: readonly string[]): Buffer {
  // The lines are written as UTF-8 into one reused buffer, not joined into a string first: a
  // joined string of a chunk (~0.8 MB) is flattened and then encoded again, and both copies go
  // to the large-object space; that cost 1.05 µs per event against 0.18 this way.
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // At most 3 bytes of UTF-8 per UTF-16 unit, plus the line break.
    if (n + 3 * line.length + 1 > packBuffer.length) packBuffer = grown(packBuffer, n, n + 3 * line.length + 1);
    if (i > 0) packBuffer[n++] = 0x0a;
    n += packBuffer.write(line, n);
  }
  const packed = brotliCompressSync(packBuffer.subarray(0, n), { params: { [zlib.BROTLI_PARAM_QUALITY]: 0, [zlib.BROTLI_PARAM_SIZE_HINT]: n } });
  // A chunk of unusually long lines does not keep its buffer for good.
  if (packBuffer.length > PACK_BUFFER_KEEP) packBuffer = Buffer.allocUnsafe(PACK_BUFFER_KEEP);
  return packed;
}

function grown(buf: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(need, buf.length * 2));
  buf.copy(next, 0, 0, used);
  return next;
}

/** A chunk's lines: compressed bodies are BLOBs; chunks written before compression (or carried over from the per-event journal) are TEXT. */
export function chunkText(body: string | Buffer): string {
  return typeof body === 'string' ? body : brotliDecompressSync(body).toString('utf8');
}

/**
 * Event ids keyed by a small number per source instead of the source's id in every key: the
 * key shrinks from ~45 bytes (a 36-character UUID, "/", the id) to the id and a one-byte
 * number, and inserting ids costs about 1.4 µs each instead of 2.3 (bench:ingest, issue 14).
 * Source 0 is events sent without a source (the simulator's). Existing keys are carried
 * over: a key with "/" after its first character is `<source>/<id>` (the simulator's ids
 * have none).
 */
export const JOURNAL_SOURCE_NUMBERS_MIGRATION = `
  CREATE TABLE journal_sources (no INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE);
  CREATE TABLE event_keys (src INTEGER NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (src, id)) WITHOUT ROWID;
  INSERT OR IGNORE INTO journal_sources (source) SELECT substr(key, 1, instr(key, '/') - 1) FROM event_ids WHERE instr(key, '/') > 1 ORDER BY key;
  INSERT OR IGNORE INTO event_keys (src, id, ts)
    SELECT coalesce(s.no, 0), CASE WHEN s.no IS NULL THEN e.key ELSE substr(e.key, instr(e.key, '/') + 1) END, e.ts
    FROM event_ids e LEFT JOIN journal_sources s ON instr(e.key, '/') > 1 AND s.source = substr(e.key, 1, instr(e.key, '/') - 1);
  DROP TABLE event_ids;
`;

/** The journaled events' JSON, one per line of a chunk body, in the order they were appended. */
export function journalLines(db: Database.Database): string[] {
  return (db.prepare('SELECT body FROM event_chunks ORDER BY seq').pluck().all() as (string | Buffer)[]).flatMap((b) => chunkText(b).split('\n'));
}

/** Event ids inserted by one statement (SQLite allows 32,766 parameters). */
const IDS_PER_STATEMENT = 128;

/** The event journal, rollup windows and what is derived from them, in SQLite. */
/**
 * `joinJournal`: called inside each journal transaction, writes other pending appends (the
 * audit's group commit) into it and returns what to call once it has committed or failed.
 */
export function sqliteRollupStore(db: Database.Database, joinJournal: () => (committed: boolean) => void = () => () => {}): RollupStore {
  const insertId = db.prepare('INSERT OR IGNORE INTO event_keys (src, id, ts) VALUES (?, ?, ?)');
  // Many ids per statement (a third less per id than one each). Usually every id is new and the
  // count of rows inserted says so; RETURNING, which names the new ones, costs a fifth more
  // and is used only when some were not (a retry, a repeat).
  const idValues = `${'(?, ?, ?), '.repeat(IDS_PER_STATEMENT - 1)}(?, ?, ?)`;
  const insertIdsCounted = db.prepare(`INSERT OR IGNORE INTO event_keys (src, id, ts) VALUES ${idValues}`);
  const insertIds = db.prepare(`INSERT OR IGNORE INTO event_keys (src, id, ts) VALUES ${idValues} RETURNING id`).pluck();
  const insertChunk = db.prepare('INSERT INTO event_chunks (ts_min, ts_max, body) VALUES (?, ?, ?)');
  const selectId = db.prepare('SELECT 1 FROM event_keys WHERE src = ? AND id = ?').pluck();
  const selectSourceNo = db.prepare('SELECT no FROM journal_sources WHERE source = ?').pluck();
  const insertSource = db.prepare('INSERT OR IGNORE INTO journal_sources (source) VALUES (?)');
  const sourceNos = new Map<string, number>();
  /** The source's number; a new source is numbered in its own statement (committed before any key uses it). */
  const sourceNo = (source: string | undefined, register: boolean): number | null => {
    if (source === undefined) return 0;
    let no = sourceNos.get(source) ?? (selectSourceNo.get(source) as number | undefined);
    if (no === undefined && register) {
      insertSource.run(source);
      no = selectSourceNo.get(source) as number;
    }
    if (no !== undefined) sourceNos.set(source, no);
    return no ?? null;
  };
  const selectChunks = db.prepare('SELECT body FROM event_chunks WHERE ts_max >= ? ORDER BY seq').pluck();
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
  const deleteChunks = db.prepare('DELETE FROM event_chunks WHERE ts_max < ?');
  // A scan of the ids (no index on ts: one would cost every event a second B-tree entry); hourly.
  const deleteIds = db.prepare('DELETE FROM event_keys WHERE ts < ?');
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

  /** Which of `events` are new for source number `src`: their ids inserted into the keys (inside the caller's transaction). */
  const insertKeys = (events: readonly RawEvent[], src: number): Uint8Array => {
    const keys: (string | undefined)[] = new Array(events.length);
    const fresh = new Uint8Array(events.length);
    const keyed: number[] = [];
    for (let i = 0; i < events.length; i++) {
      keys[i] = events[i]!.id;
      if (keys[i] === undefined) fresh[i] = 1;
      else keyed.push(i);
    }
    let k = 0;
    const args: unknown[] = new Array(3 * IDS_PER_STATEMENT);
    for (; k + IDS_PER_STATEMENT <= keyed.length; k += IDS_PER_STATEMENT) {
      for (let j = 0; j < IDS_PER_STATEMENT; j++) {
        args[3 * j] = src;
        args[3 * j + 1] = keys[keyed[k + j]!];
        args[3 * j + 2] = events[keyed[k + j]!]!.ts;
      }
      // Inside a savepoint, so that a statement that found an old id can be undone and run again naming the new ones.
      db.exec('SAVEPOINT ids');
      if (insertIdsCounted.run(args).changes === IDS_PER_STATEMENT) {
        db.exec('RELEASE ids');
        for (let j = 0; j < IDS_PER_STATEMENT; j++) fresh[keyed[k + j]!] = 1;
        continue;
      }
      db.exec('ROLLBACK TO ids; RELEASE ids');
      const inserted = new Set(insertIds.all(args) as string[]);
      // The same id twice in one statement is inserted once: the first of them is the new one.
      for (let j = 0; j < IDS_PER_STATEMENT; j++) if (inserted.delete(keys[keyed[k + j]!]!)) fresh[keyed[k + j]!] = 1;
    }
    for (; k < keyed.length; k++) if (insertId.run(src, keys[keyed[k]!], events[keyed[k]!]!.ts).changes > 0) fresh[keyed[k]!] = 1;
    return fresh;
  };

  let settleJoined: ((committed: boolean) => void) | null = null;
  // Every batch of one call in one transaction and one chunk: concurrent requests share a commit (one fsync).
  const append = db.transaction((batches: readonly EventBatch[], srcs: readonly number[]) => {
    const out: RawEvent[][] = [];
    const lines: string[] = [];
    let tsMin = Infinity;
    let tsMax = -Infinity;
    for (let b = 0; b < batches.length; b++) {
      const { events, bodies } = batches[b]!;
      const fresh = insertKeys(events, srcs[b]!);
      const added: RawEvent[] = [];
      for (let i = 0; i < events.length; i++) {
        if (fresh[i] === 0) continue;
        const e = events[i]!;
        added.push(e);
        lines.push(bodies?.[i] ?? JSON.stringify(e));
        if (e.ts < tsMin) tsMin = e.ts;
        if (e.ts > tsMax) tsMax = e.ts;
      }
      out.push(added);
    }
    if (lines.length > 0) insertChunk.run(tsMin, tsMax, packChunk(lines));
    settleJoined = joinJournal();
    return out;
  });
  const appendBatches = (batches: readonly EventBatch[]): RawEvent[][] => {
    // Sources are numbered before the transaction (a new one in a statement of its own).
    const srcs = batches.map((b) => sourceNo(b.source, true)!);
    try {
      const out = append(batches, srcs);
      settleJoined?.(true);
      return out;
    } catch (err) {
      settleJoined?.(false);
      throw err;
    } finally {
      settleJoined = null;
    }
  };
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
  // A chunk goes once all its events are older than the horizon; the horizon, kept in meta,
  // hides the older events of the chunks still kept.
  const prunedBefore = () => Number((getMeta.get('journal_pruned_before') as { value: string } | undefined)?.value ?? -Infinity);
  const prune = db.transaction((before: number, windowsBefore: Record<string, number>) => {
    if (before > prunedBefore()) setMeta.run('journal_pruned_before', String(before));
    deleteChunks.run(before);
    deleteIds.run(before);
    for (const [family, t] of Object.entries(windowsBefore)) deleteWindows.run(family, t);
  });

  return {
    async appendEvents(events, source, bodies) {
      return appendBatches([{ events, source, bodies }])[0]!;
    },
    async appendEventBatches(batches) {
      return appendBatches(batches);
    },
    async knownIds(ids, source) {
      const src = sourceNo(source, false);
      return src === null ? new Set() : new Set(ids.filter((id) => selectId.get(src, id) !== undefined));
    },
    async eventsSince(since) {
      const ts = Math.max(since, prunedBefore());
      const out: RawEvent[] = [];
      for (const body of selectChunks.all(ts) as (string | Buffer)[]) {
        for (const line of chunkText(body).split('\n')) {
          const e = JSON.parse(line) as RawEvent;
          if (e.ts >= ts) out.push(e);
        }
      }
      // Stable: events of one time stay in the order they were appended.
      return out.sort((a, b) => a.ts - b.ts);
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
