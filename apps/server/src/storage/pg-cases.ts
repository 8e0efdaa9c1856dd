import type { CaseRecord, CaseTransition } from '@cw/contracts';
import type pg from 'pg';
import { CaseConflict, type CaseStore, type InstructionRow, type SequenceStore, type SettingsStore } from './storage.ts';
import { isUniqueViolation, type Pg } from './pg-db.ts';
import { insertLink } from './pg-alert-links.ts';

export const PG_CASES_MIGRATION = `
  CREATE TABLE cases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, department TEXT,
    reported_at BIGINT NOT NULL, closed_at BIGINT, updated_at BIGINT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX cases_by_reported ON cases (reported_at);
  CREATE INDEX cases_by_closed ON cases (closed_at);
  CREATE TABLE case_transitions (case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, at BIGINT NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (case_id, seq));
  -- A case's history is append-only.
  CREATE TRIGGER case_transitions_append_only BEFORE UPDATE OR DELETE ON case_transitions FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER case_transitions_no_truncate BEFORE TRUNCATE ON case_transitions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
  CREATE TABLE case_instructions (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL, by_id TEXT NOT NULL, by_name TEXT NOT NULL, text TEXT NOT NULL);
  CREATE INDEX case_instructions_by_case ON case_instructions (case_id);
  CREATE TABLE case_idempotency (scope TEXT NOT NULL, key TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id),
    body_hash TEXT NOT NULL, PRIMARY KEY (scope, key));
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
`;

const bodies = <T>(rows: { body: string }[]) => rows.map((r) => JSON.parse(r.body) as T);

async function insertCaseRow(q: pg.PoolClient, c: CaseRecord): Promise<void> {
  await q.query('INSERT INTO cases (id, version, state, department, reported_at, closed_at, updated_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    c.id,
    c.version,
    c.state,
    c.department,
    c.reportedAt,
    c.closedAt,
    c.updatedAt,
    JSON.stringify(c),
  ]);
}

async function insertTransition(q: pg.PoolClient, t: CaseTransition): Promise<void> {
  await q.query('INSERT INTO case_transitions (case_id, seq, at, body) VALUES ($1, $2, $3, $4)', [t.caseId, t.seq, t.at, JSON.stringify(t)]);
}

/** Cases in PostgreSQL: version-checked updates (READ COMMITTED re-checks the version after waiting on a row lock). */
export function pgCaseStore(db: Pg): CaseStore {
  return {
    async insertCase(c, t, idem, link) {
      try {
        await db.tx(async (q) => {
          if (link) await insertLink(q, link);
          await insertCaseRow(q, c);
          await insertTransition(q, t);
          if (idem) await q.query('INSERT INTO case_idempotency (scope, key, case_id, body_hash) VALUES ($1, $2, $3, $4)', [idem.scope, idem.key, c.id, idem.bodyHash]);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new CaseConflict(`case ${c.id} or its idempotency key exists`);
        throw err;
      }
    },
    async updateCases(changes) {
      // Rows locked in one order (by id) in every process: two batches sharing cases wait, never deadlock.
      const ordered = [...changes].sort((x, y) => (x.case.id < y.case.id ? -1 : x.case.id > y.case.id ? 1 : 0));
      await db.tx(async (q) => {
        for (const ch of ordered) {
          const c = ch.case;
          const r = await q.query('UPDATE cases SET version = $1, state = $2, department = $3, closed_at = $4, updated_at = $5, body = $6 WHERE id = $7 AND version = $8', [
            c.version,
            c.state,
            c.department,
            c.closedAt,
            c.updatedAt,
            JSON.stringify(c),
            c.id,
            ch.expectedVersion,
          ]);
          // Throwing rolls the whole batch back.
          if (r.rowCount !== 1) throw new CaseConflict(`case ${c.id} is no longer at version ${ch.expectedVersion}`);
          for (const t of ch.transitions) await insertTransition(q, t);
        }
      });
    },
    async importCases(rows, sequences) {
      try {
        await db.tx(async (q) => {
          for (const { case: c, transitions } of rows) {
            await insertCaseRow(q, c);
            for (const t of transitions) await insertTransition(q, t);
          }
          for (const [name, value] of sequences) {
            await q.query('INSERT INTO sequences (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = GREATEST(sequences.value, EXCLUDED.value)', [name, value]);
          }
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new CaseConflict('a case of the import exists');
        throw err;
      }
    },
    async caseById(id) {
      const { rows } = await db.query<{ body: string }>('SELECT body FROM cases WHERE id = $1', [id]);
      return rows.length === 0 ? null : (JSON.parse(rows[0]!.body) as CaseRecord);
    },
    async activeCases(endedSince) {
      // Voided and merged reports carry no closure time: they ended at their last change.
      const { rows } = await db.query<{ body: string }>(
        `SELECT body FROM cases WHERE (closed_at IS NULL AND state NOT IN ('voided', 'merged')) OR closed_at >= $1
           OR (state IN ('voided', 'merged') AND updated_at >= $1) ORDER BY reported_at, id COLLATE "C"`,
        [endedSince],
      );
      return bodies<CaseRecord>(rows);
    },
    async caseHistory(caseId) {
      return bodies<CaseTransition>((await db.query<{ body: string }>('SELECT body FROM case_transitions WHERE case_id = $1 ORDER BY seq', [caseId])).rows);
    },
    async caseHistories(caseIds) {
      const out = new Map<string, CaseTransition[]>(caseIds.map((id) => [id, []]));
      const { rows } = await db.query<{ body: string }>('SELECT body FROM case_transitions WHERE case_id = ANY($1::text[]) ORDER BY case_id, seq', [[...caseIds]]);
      for (const t of bodies<CaseTransition>(rows)) out.get(t.caseId)?.push(t);
      return out;
    },
    async instructionCounts(caseIds) {
      const { rows } = await db.query<{ caseId: string; n: number }>(
        'SELECT case_id AS "caseId", COUNT(*) AS n FROM case_instructions WHERE case_id = ANY($1::text[]) GROUP BY case_id',
        [[...caseIds]],
      );
      return new Map(rows.map((r) => [r.caseId, r.n]));
    },
    async idempotentCase(scope, key) {
      const { rows } = await db.query<{ caseId: string; bodyHash: string }>('SELECT case_id AS "caseId", body_hash AS "bodyHash" FROM case_idempotency WHERE scope = $1 AND key = $2', [
        scope,
        key,
      ]);
      return rows[0] ?? null;
    },
    async transitionsOfCasesSince(since) {
      const { rows } = await db.query<{ body: string }>(
        'SELECT t.body FROM case_transitions t JOIN cases c ON c.id = t.case_id WHERE c.reported_at >= $1 ORDER BY t.at, t.case_id COLLATE "C", t.seq',
        [since],
      );
      return bodies<CaseTransition>(rows);
    },
    async addInstruction(r) {
      await db.query('INSERT INTO case_instructions (case_id, at, by_id, by_name, text) VALUES ($1, $2, $3, $4, $5)', [r.caseId, r.at, r.by, r.byName, r.text]);
    },
    async instructions(caseId) {
      const { rows } = await db.query<InstructionRow>(
        'SELECT case_id AS "caseId", at, by_id AS "by", by_name AS "byName", text FROM case_instructions WHERE case_id = $1 ORDER BY seq',
        [caseId],
      );
      return rows;
    },
  };
}

/** Settings in PostgreSQL (JSON text), read from the database every time: another node may have changed one. */
export function pgSettingsStore(db: Pg): SettingsStore {
  return {
    async getSetting<T>(key: string) {
      const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return rows.length === 0 ? null : (JSON.parse(rows[0]!.value) as T);
    },
    async putSetting(key, value) {
      await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, JSON.stringify(value)]);
    },
  };
}

/**
 * Counters in PostgreSQL. Numbers restart every day (C<yyyymmdd>-<n>), which a SEQUENCE
 * cannot do atomically; an upsert on the counter's row can: concurrent callers queue on the
 * row lock, and each commits its own increment (the statement is its own transaction).
 */
export function pgSequenceStore(db: Pg): SequenceStore {
  return {
    async nextInSequence(name) {
      const { rows } = await db.query<{ value: number }>(
        'INSERT INTO sequences (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value',
        [name],
      );
      return rows[0]!.value;
    },
  };
}
