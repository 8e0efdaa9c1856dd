import type Database from 'better-sqlite3';
import type { CaseRecord, CaseTransition } from '@cw/contracts';
import { AlertLinkConflict, CaseConflict, type AlertLinkRow, type CaseStore, type InstructionRow } from './storage.ts';
import { linkParams } from './alert-links.ts';

export const CASES_MIGRATION = `
  CREATE TABLE cases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, department TEXT,
    reported_at INTEGER NOT NULL, closed_at INTEGER, body TEXT NOT NULL);
  CREATE INDEX cases_by_reported ON cases (reported_at);
  CREATE INDEX cases_by_closed ON cases (closed_at);
  CREATE TABLE case_transitions (case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, at INTEGER NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
  -- A case's history is append-only.
  CREATE TRIGGER case_transitions_no_update BEFORE UPDATE ON case_transitions BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
  CREATE TRIGGER case_transitions_no_delete BEFORE DELETE ON case_transitions BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END;
  CREATE TABLE case_instructions (seq INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), at INTEGER NOT NULL,
    by_id TEXT NOT NULL, by_name TEXT NOT NULL, text TEXT NOT NULL);
  CREATE INDEX case_instructions_by_case ON case_instructions (case_id);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Idempotency keys of case intake (POST /api/v1/cases), per principal. */
export const CASE_IDEMPOTENCY_MIGRATION = `
  CREATE TABLE case_idempotency (scope TEXT NOT NULL, key TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id),
    body_hash TEXT NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID;
`;

export function sqliteCaseStore(db: Database.Database): CaseStore {
  const q = {
    addInstruction: db.prepare('INSERT INTO case_instructions (case_id, at, by_id, by_name, text) VALUES (?, ?, ?, ?, ?)'),
    instructions: db.prepare('SELECT case_id AS caseId, at, by_id AS "by", by_name AS byName, text FROM case_instructions WHERE case_id = ? ORDER BY seq'),
    insert: db.prepare('INSERT INTO cases (id, version, state, department, reported_at, closed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE cases SET version = ?, state = ?, department = ?, closed_at = ?, body = ? WHERE id = ? AND version = ?'),
    append: db.prepare('INSERT INTO case_transitions (case_id, seq, at, body) VALUES (?, ?, ?, ?)'),
    byId: db.prepare('SELECT body FROM cases WHERE id = ?').pluck(),
    // Voided and merged reports carry no closure time: they ended at their last change.
    active: db
      .prepare(
        `SELECT body FROM cases WHERE (closed_at IS NULL AND state NOT IN ('voided', 'merged')) OR closed_at >= ?
           OR (state IN ('voided', 'merged') AND json_extract(body, '$.updatedAt') >= ?) ORDER BY reported_at, id`,
      )
      .pluck(),
    history: db.prepare('SELECT body FROM case_transitions WHERE case_id = ? ORDER BY seq').pluck(),
    histories: db.prepare('SELECT body FROM case_transitions WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, seq').pluck(),
    instructionCounts: db.prepare('SELECT case_id AS caseId, COUNT(*) AS n FROM case_instructions WHERE case_id IN (SELECT value FROM json_each(?)) GROUP BY case_id'),
    idempotent: db.prepare('SELECT case_id AS caseId, body_hash AS bodyHash FROM case_idempotency WHERE scope = ? AND key = ?'),
    putIdempotent: db.prepare('INSERT INTO case_idempotency (scope, key, case_id, body_hash) VALUES (?, ?, ?, ?)'),
    link: db.prepare('INSERT OR IGNORE INTO alert_links (alert_id, kind, target_id, at, by_name) VALUES (?, ?, ?, ?, ?)'),
    since: db.prepare('SELECT t.body FROM case_transitions t JOIN cases c ON c.id = t.case_id WHERE c.reported_at >= ? ORDER BY t.at, t.case_id, t.seq').pluck(),
  };
  const insert = db.transaction((c: CaseRecord, t: CaseTransition, idem?: { scope: string; key: string; bodyHash: string }, link?: AlertLinkRow) => {
    if (link && q.link.run(...linkParams(link)).changes !== 1) throw new AlertLinkConflict(`alert ${link.alertId} already has a case or an emergency`);
    q.insert.run(c.id, c.version, c.state, c.department, c.reportedAt, c.closedAt, JSON.stringify(c));
    q.append.run(t.caseId, t.seq, t.at, JSON.stringify(t));
    if (idem) q.putIdempotent.run(idem.scope, idem.key, c.id, idem.bodyHash);
  });
  const update = db.transaction((changes: readonly { case: CaseRecord; expectedVersion: number; transitions: readonly CaseTransition[] }[]) => {
    for (const ch of changes) {
      const c = ch.case;
      if (q.update.run(c.version, c.state, c.department, c.closedAt, JSON.stringify(c), c.id, ch.expectedVersion).changes !== 1) {
        // Throwing inside the transaction rolls every change of the batch back.
        throw new CaseConflict(`case ${c.id} is no longer at version ${ch.expectedVersion}`);
      }
      for (const t of ch.transitions) q.append.run(t.caseId, t.seq, t.at, JSON.stringify(t));
    }
  });
  const raise = db.prepare('INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)');
  const importAll = db.transaction((rows: readonly { case: CaseRecord; transitions: readonly CaseTransition[] }[], sequences: ReadonlyMap<string, number>) => {
    for (const { case: c, transitions } of rows) {
      if (q.byId.get(c.id) !== undefined) throw new CaseConflict(`case ${c.id} exists`);
      q.insert.run(c.id, c.version, c.state, c.department, c.reportedAt, c.closedAt, JSON.stringify(c));
      for (const t of transitions) q.append.run(t.caseId, t.seq, t.at, JSON.stringify(t));
    }
    for (const [name, value] of sequences) raise.run(name, value);
  });
  const parse = <T>(rows: unknown[]) => rows.map((r) => JSON.parse(r as string) as T);
  return {
    async insertCase(c, t, idempotency, link) {
      try {
        insert(c, t, idempotency, link);
      } catch (err) {
        // The transaction rolled back: neither the case nor the key is stored.
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new CaseConflict(`case ${c.id} or its idempotency key exists`);
        throw err;
      }
    },
    async updateCases(changes) {
      update(changes);
    },
    async importCases(rows, sequences) {
      importAll(rows, sequences);
    },
    async caseById(id) {
      const body = q.byId.get(id) as string | undefined;
      return body === undefined ? null : (JSON.parse(body) as CaseRecord);
    },
    async activeCases(endedSince) {
      return parse<CaseRecord>(q.active.all(endedSince, endedSince));
    },
    async caseHistory(caseId) {
      return parse<CaseTransition>(q.history.all(caseId));
    },
    async caseHistories(caseIds) {
      const out = new Map<string, CaseTransition[]>(caseIds.map((id) => [id, []]));
      for (const t of parse<CaseTransition>(q.histories.all(JSON.stringify(caseIds)))) out.get(t.caseId)?.push(t);
      return out;
    },
    async instructionCounts(caseIds) {
      const rows = q.instructionCounts.all(JSON.stringify(caseIds)) as { caseId: string; n: number }[];
      return new Map(rows.map((r) => [r.caseId, r.n]));
    },
    async idempotentCase(scope, key) {
      return (q.idempotent.get(scope, key) as { caseId: string; bodyHash: string } | undefined) ?? null;
    },
    async transitionsOfCasesSince(since) {
      return parse<CaseTransition>(q.since.all(since));
    },
    async addInstruction(r) {
      q.addInstruction.run(r.caseId, r.at, r.by, r.byName, r.text);
    },
    async instructions(caseId) {
      return q.instructions.all(caseId) as InstructionRow[];
    },
  };
}
