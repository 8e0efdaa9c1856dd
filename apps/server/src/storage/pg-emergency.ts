import type { Briefing, BriefingSummary, EmergencyRecord, TimelineEntry } from '@cw/contracts';
import { briefingSummary, EmergencyConflict, type BriefingStore, type EmergencyStore } from './storage.ts';
import type { PoolClient } from 'pg';
import { isUniqueViolation, type Pg } from './pg-db.ts';
import { insertLink } from './pg-alert-links.ts';

export const PG_EMERGENCY_MIGRATION = `
  CREATE TABLE emergencies (id TEXT PRIMARY KEY, version INTEGER NOT NULL, entries INTEGER NOT NULL, status TEXT NOT NULL,
    drill BOOLEAN NOT NULL, declared_at BIGINT NOT NULL, stood_down_at BIGINT, body TEXT NOT NULL);
  CREATE INDEX emergencies_by_declared ON emergencies (declared_at);
  CREATE TABLE emergency_timeline (emergency_id TEXT NOT NULL REFERENCES emergencies(id), seq INTEGER NOT NULL, at BIGINT NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (emergency_id, seq));
  -- An emergency's timeline is append-only.
  CREATE TRIGGER emergency_timeline_append_only BEFORE UPDATE OR DELETE ON emergency_timeline FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER emergency_timeline_no_truncate BEFORE TRUNCATE ON emergency_timeline FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
  CREATE TABLE briefings (day TEXT PRIMARY KEY, compiled_at BIGINT NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL);
`;

interface Row {
  id: string;
  body: string;
  timeline: string[] | null;
}

// The record with its timeline in one read; ARRAY_AGG keeps the entries in seq order.
const SELECT = `SELECT e.id, e.body, (SELECT ARRAY_AGG(t.body ORDER BY t.seq) FROM emergency_timeline t WHERE t.emergency_id = e.id) AS timeline FROM emergencies e`;

const load = (r: Row): EmergencyRecord => ({
  ...(JSON.parse(r.body) as EmergencyRecord),
  timeline: (r.timeline ?? []).map((t) => JSON.parse(t) as TimelineEntry),
});

/** Emergencies in PostgreSQL: the record without its timeline in one row, the timeline in another table. */
export function pgEmergencyStore(db: Pg): EmergencyStore {
  const body = (e: EmergencyRecord) => JSON.stringify({ ...e, timeline: [] });
  const appendFrom = async (q: PoolClient, e: EmergencyRecord, from: number) => {
    const entries = e.timeline.slice(from);
    if (entries.length === 0) return;
    await q.query('INSERT INTO emergency_timeline (emergency_id, seq, at, body) SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[])', [
      e.id,
      entries.map((t) => t.seq),
      entries.map((t) => t.at),
      entries.map((t) => JSON.stringify(t)),
    ]);
  };
  return {
    async insertEmergency(e, link) {
      try {
        await db.tx(async (q) => {
          if (link) await insertLink(q, link);
          await q.query('INSERT INTO emergencies (id, version, entries, status, drill, declared_at, stood_down_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
            e.id,
            e.version,
            e.timeline.length,
            e.status,
            e.drill,
            e.declaredAt,
            e.standDownAt,
            body(e),
          ]);
          await appendFrom(q, e, 0);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new EmergencyConflict(`emergency ${e.id} exists`);
        throw err;
      }
    },
    async updateEmergency(e, expected) {
      await db.tx(async (q) => {
        const r = await q.query('UPDATE emergencies SET version = $1, entries = $2, status = $3, stood_down_at = $4, body = $5 WHERE id = $6 AND version = $7 AND entries = $8', [
          e.version,
          e.timeline.length,
          e.status,
          e.standDownAt,
          body(e),
          e.id,
          expected.version,
          expected.timelineLength,
        ]);
        if (r.rowCount !== 1) throw new EmergencyConflict(`emergency ${e.id} is no longer at version ${expected.version}`);
        await appendFrom(q, e, expected.timelineLength);
      });
    },
    async emergencyById(id) {
      const { rows } = await db.query<Row>(`${SELECT} WHERE e.id = $1`, [id]);
      return rows.length === 0 ? null : load(rows[0]!);
    },
    async recentEmergencies(since) {
      return (await db.query<Row>(`${SELECT} WHERE e.status = 'active' OR e.stood_down_at >= $1 ORDER BY e.declared_at, e.id COLLATE "C"`, [since])).rows.map(load);
    },
    async listEmergencies(limit) {
      return (await db.query<Row>(`${SELECT} ORDER BY e.declared_at DESC, e.id COLLATE "C" DESC LIMIT $1`, [limit])).rows.map(load);
    },
  };
}

/** Daily briefings in PostgreSQL: one row per local day, replaced when the day is compiled again. */
export function pgBriefingStore(db: Pg): BriefingStore {
  return {
    async saveBriefing(b) {
      await db.query(
        `INSERT INTO briefings (day, compiled_at, summary, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (day) DO UPDATE SET compiled_at = excluded.compiled_at, summary = excluded.summary, body = excluded.body`,
        [b.day, b.compiledAt, JSON.stringify(briefingSummary(b)), JSON.stringify(b)],
      );
    },
    async briefing(day) {
      const { rows } = await db.query<{ body: string }>('SELECT body FROM briefings WHERE day = $1', [day]);
      return rows.length === 0 ? null : (JSON.parse(rows[0]!.body) as Briefing);
    },
    async listBriefings(limit) {
      const { rows } = await db.query<{ summary: string }>('SELECT summary FROM briefings ORDER BY day COLLATE "C" DESC LIMIT $1', [limit]);
      return rows.map((r) => JSON.parse(r.summary) as BriefingSummary);
    },
  };
}
