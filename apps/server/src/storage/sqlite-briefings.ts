import type Database from 'better-sqlite3';
import type { Briefing, BriefingSummary } from '@cw/contracts';
import { briefingSummary, type BriefingStore } from './storage.ts';

export const BRIEFINGS_MIGRATION = `
  CREATE TABLE briefings (day TEXT PRIMARY KEY, compiled_at INTEGER NOT NULL, summary TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
`;

/** Daily briefings in SQLite: one row per local day, replaced when the day is compiled again. */
export function sqliteBriefingStore(db: Database.Database): BriefingStore {
  const q = {
    upsert: db.prepare('INSERT OR REPLACE INTO briefings (day, compiled_at, summary, body) VALUES (?, ?, ?, ?)'),
    byDay: db.prepare('SELECT body FROM briefings WHERE day = ?').pluck(),
    list: db.prepare('SELECT summary FROM briefings ORDER BY day DESC LIMIT ?').pluck(),
  };
  return {
    async saveBriefing(b) {
      q.upsert.run(b.day, b.compiledAt, JSON.stringify(briefingSummary(b)), JSON.stringify(b));
    },
    async briefing(day) {
      const body = q.byDay.get(day) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as Briefing);
    },
    async listBriefings(limit) {
      return (q.list.all(limit) as string[]).map((s) => JSON.parse(s) as BriefingSummary);
    },
  };
}
