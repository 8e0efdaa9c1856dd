import type Database from 'better-sqlite3';
import type { EmergencyRecord, TimelineEntry } from '@cw/contracts';
import { AlertLinkConflict, EmergencyConflict, type AlertLinkRow, type EmergencyStore } from './storage.ts';
import { linkParams } from './alert-links.ts';

export const EMERGENCY_MIGRATION = `
  CREATE TABLE emergencies (id TEXT PRIMARY KEY, version INTEGER NOT NULL, entries INTEGER NOT NULL, status TEXT NOT NULL,
    drill INTEGER NOT NULL, declared_at INTEGER NOT NULL, stood_down_at INTEGER, body TEXT NOT NULL);
  CREATE INDEX emergencies_by_declared ON emergencies (declared_at);
  CREATE TABLE emergency_timeline (emergency_id TEXT NOT NULL REFERENCES emergencies(id), seq INTEGER NOT NULL, at INTEGER NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (emergency_id, seq)) WITHOUT ROWID;
  -- An emergency's timeline is append-only.
  CREATE TRIGGER emergency_timeline_no_update BEFORE UPDATE ON emergency_timeline BEGIN SELECT RAISE(ABORT, 'emergency timeline is append-only'); END;
  CREATE TRIGGER emergency_timeline_no_delete BEFORE DELETE ON emergency_timeline BEGIN SELECT RAISE(ABORT, 'emergency timeline is append-only'); END;
`;

interface Row {
  body: string;
  id: string;
}

/** Emergencies in SQLite: the record without its timeline in one row, the timeline in another table. */
export function sqliteEmergencyStore(db: Database.Database): EmergencyStore {
  const q = {
    insert: db.prepare('INSERT INTO emergencies (id, version, entries, status, drill, declared_at, stood_down_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE emergencies SET version = ?, entries = ?, status = ?, stood_down_at = ?, body = ? WHERE id = ? AND version = ? AND entries = ?'),
    append: db.prepare('INSERT INTO emergency_timeline (emergency_id, seq, at, body) VALUES (?, ?, ?, ?)'),
    byId: db.prepare('SELECT id, body FROM emergencies WHERE id = ?'),
    recent: db.prepare("SELECT id, body FROM emergencies WHERE status = 'active' OR stood_down_at >= ? ORDER BY declared_at, id"),
    list: db.prepare('SELECT id, body FROM emergencies ORDER BY declared_at DESC, id DESC LIMIT ?'),
    link: db.prepare('INSERT OR IGNORE INTO alert_links (alert_id, kind, target_id, at, by_name) VALUES (?, ?, ?, ?, ?)'),
    timeline: db.prepare('SELECT body FROM emergency_timeline WHERE emergency_id = ? ORDER BY seq').pluck(),
  };
  const body = (e: EmergencyRecord) => JSON.stringify({ ...e, timeline: [] });
  const appendFrom = (e: EmergencyRecord, from: number) => {
    for (const t of e.timeline.slice(from)) q.append.run(e.id, t.seq, t.at, JSON.stringify(t));
  };
  const insert = db.transaction((e: EmergencyRecord, link?: AlertLinkRow) => {
    if (link && q.link.run(...linkParams(link)).changes !== 1) throw new AlertLinkConflict(`alert ${link.alertId} already has a case or an emergency`);
    q.insert.run(e.id, e.version, e.timeline.length, e.status, e.drill ? 1 : 0, e.declaredAt, e.standDownAt, body(e));
    appendFrom(e, 0);
  });
  const update = db.transaction((e: EmergencyRecord, expected: { version: number; timelineLength: number }) => {
    if (q.update.run(e.version, e.timeline.length, e.status, e.standDownAt, body(e), e.id, expected.version, expected.timelineLength).changes !== 1) {
      throw new EmergencyConflict(`emergency ${e.id} is no longer at version ${expected.version}`);
    }
    appendFrom(e, expected.timelineLength);
  });
  const load = (r: Row): EmergencyRecord => ({
    ...(JSON.parse(r.body) as EmergencyRecord),
    timeline: (q.timeline.all(r.id) as string[]).map((t) => JSON.parse(t) as TimelineEntry),
  });
  return {
    async insertEmergency(e, link) {
      try {
        insert(e, link);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new EmergencyConflict(`emergency ${e.id} exists`);
        throw err;
      }
    },
    async updateEmergency(e, expected) {
      update(e, expected);
    },
    async emergencyById(id) {
      const r = q.byId.get(id) as Row | undefined;
      return r === undefined ? null : load(r);
    },
    async recentEmergencies(since) {
      return (q.recent.all(since) as Row[]).map(load);
    },
    async listEmergencies(limit) {
      return (q.list.all(limit) as Row[]).map(load);
    },
  };
}
