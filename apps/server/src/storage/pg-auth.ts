import type { AuditEntry, SourceRegistration } from '@cw/contracts';
import { PgGroupCommit } from './pg-group-commit.ts';
import { DuplicateUser, type AuditStore, type AuthStore, type CredentialRow, type PairingRow, type StoredUser } from './storage.ts';
import { isUniqueViolation, type Pg } from './pg-db.ts';

export const PG_AUTH_MIGRATION = `
  CREATE TABLE users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
    department TEXT, password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
    must_change_password BOOLEAN NOT NULL DEFAULT false, created_at BIGINT NOT NULL);
  CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  CREATE TABLE credentials (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL, last_seen_at BIGINT, revoked BOOLEAN NOT NULL DEFAULT false, registration TEXT);
  CREATE TABLE audit (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, actor TEXT, actor_name TEXT, role TEXT,
    action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, ip TEXT, detail TEXT);
  -- Append-only: the database itself refuses to change or delete audit entries.
  CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: StoredUser['role'];
  department: string | null;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  created_at: number;
}

const toUser = (r: UserRow | undefined): StoredUser | null =>
  r === undefined
    ? null
    : {
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        department: r.department,
        passwordHash: r.password_hash,
        disabled: r.disabled,
        mustChangePassword: r.must_change_password,
        createdAt: r.created_at,
      };

interface CredRow {
  id: string;
  kind: CredentialRow['kind'];
  name: string;
  token_hash: string;
  created_at: number;
  last_seen_at: number | null;
  revoked: boolean;
  registration: string | null;
}

const toCred = (r: CredRow | undefined): CredentialRow | null =>
  r === undefined
    ? null
    : {
        id: r.id,
        kind: r.kind,
        name: r.name,
        tokenHash: r.token_hash,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        revoked: r.revoked,
        registration: r.registration === null ? null : (JSON.parse(r.registration) as SourceRegistration),
      };

interface AuditRow {
  seq: number;
  at: number;
  actor: string | null;
  actor_name: string | null;
  role: AuditEntry['role'];
  action: string;
  target: string | null;
  outcome: AuditEntry['outcome'];
  ip: string | null;
  detail: string | null;
}

/** Wall pairings, shared by every node on the database. */
export const PG_PAIRINGS_MIGRATION = `
  CREATE TABLE pairings (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, expires_at BIGINT NOT NULL,
    name TEXT, credential_id TEXT);
`;

interface PairingDbRow {
  id: string;
  code: string;
  secret_hash: string;
  expires_at: number;
  name: string | null;
  credential_id: string | null;
}
const toPairing = (r: PairingDbRow | undefined): PairingRow | null =>
  r === undefined ? null : { id: r.id, code: r.code, secretHash: r.secret_hash, expiresAt: r.expires_at, name: r.name, credentialId: r.credential_id };

/** The audit log's appends, committed in groups: one multi-row statement per group (pg-group-commit.ts). */
export function pgAuditCommits(db: Pg): PgGroupCommit<Omit<AuditEntry, 'seq'>> {
  return new PgGroupCommit(async (entries) => {
    const col = <K extends keyof Omit<AuditEntry, 'seq'>>(k: K) => entries.map((e) => e[k]);
    // In the order added: the sequence numbers follow it.
    await db.query(
      `INSERT INTO audit (at, actor, actor_name, role, action, target, outcome, ip, detail)
       SELECT at, actor, actor_name, role, action, target, outcome, ip, detail
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS t(at, actor, actor_name, role, action, target, outcome, ip, detail, ord)
       ORDER BY ord`,
      [col('at'), col('actor'), col('actorName'), col('role'), col('action'), col('target'), col('outcome'), col('ip'), entries.map((e) => (e.detail === undefined ? null : JSON.stringify(e.detail)))],
    );
  });
}

/** Users, sessions, machine credentials and the audit log in PostgreSQL; every read goes to the database. */
export function pgAuthStore(db: Pg, audits: PgGroupCommit<Omit<AuditEntry, 'seq'>> = pgAuditCommits(db)): AuthStore & AuditStore {
  return {
    async countUsers() {
      return (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM users')).rows[0]!.n;
    },
    async insertUser(u) {
      try {
        await db.query(
          `INSERT INTO users (id, username, display_name, role, department, password_hash, disabled, must_change_password, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [u.id, u.username, u.displayName, u.role, u.department, u.passwordHash, u.disabled, u.mustChangePassword, u.createdAt],
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateUser(`username ${u.username} is taken`);
        throw err;
      }
    },
    async updateUser(id, patch) {
      // One statement: a field the patch leaves out keeps what another process may have written.
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET display_name = COALESCE($2, display_name), disabled = COALESCE($3, disabled),
           password_hash = COALESCE($4, password_hash), must_change_password = COALESCE($5, must_change_password)
         WHERE id = $1 RETURNING *`,
        [id, patch.displayName ?? null, patch.disabled ?? null, patch.passwordHash ?? null, patch.mustChangePassword ?? null],
      );
      return toUser(rows[0]);
    },
    async userById(id) {
      return toUser((await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0]);
    },
    async userByName(username) {
      return toUser((await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0]);
    },
    async listUsers() {
      return (await db.query<UserRow>('SELECT * FROM users ORDER BY created_at, id COLLATE "C"')).rows.map((r) => toUser(r)!);
    },
    async insertSession(s) {
      await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [s.tokenHash, s.userId, s.createdAt, s.expiresAt]);
    },
    async sessionByHash(h) {
      const { rows } = await db.query<{ tokenHash: string; userId: string; createdAt: number; expiresAt: number }>(
        'SELECT token_hash AS "tokenHash", user_id AS "userId", created_at AS "createdAt", expires_at AS "expiresAt" FROM sessions WHERE token_hash = $1',
        [h],
      );
      return rows[0] ?? null;
    },
    async deleteSession(h) {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [h]);
    },
    async deleteUserSessions(userId) {
      await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
    async deleteExpiredSessions(now) {
      await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
    async insertCredential(c) {
      await db.query(
        'INSERT INTO credentials (id, kind, name, token_hash, created_at, last_seen_at, revoked, registration) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [c.id, c.kind, c.name, c.tokenHash, c.createdAt, c.lastSeenAt, c.revoked, c.registration === null ? null : JSON.stringify(c.registration)],
      );
    },
    async credentialByHash(h) {
      return toCred((await db.query<CredRow>('SELECT * FROM credentials WHERE token_hash = $1', [h])).rows[0]);
    },
    async listCredentials(kind) {
      return (await db.query<CredRow>('SELECT * FROM credentials WHERE kind = $1 ORDER BY created_at, id COLLATE "C"', [kind])).rows.map((r) => toCred(r)!);
    },
    async revokeCredential(id) {
      return toCred((await db.query<CredRow>('UPDATE credentials SET revoked = true WHERE id = $1 RETURNING *', [id])).rows[0]);
    },
    async touchCredential(id, at) {
      await db.query('UPDATE credentials SET last_seen_at = $2 WHERE id = $1', [id, at]);
    },
    async insertPairing(p, now, maxPending) {
      return db.tx(async (c) => {
        // One pairing start at a time: the count and the insert cannot be split by another node's.
        await c.query('LOCK TABLE pairings IN SHARE ROW EXCLUSIVE MODE');
        await c.query('DELETE FROM pairings WHERE expires_at <= $1', [now]);
        if ((await c.query('SELECT 1 FROM pairings WHERE code = $1', [p.code])).rowCount !== 0) return 'code_taken';
        if ((await c.query<{ n: number }>('SELECT COUNT(*) AS n FROM pairings')).rows[0]!.n >= maxPending) return 'full';
        await c.query('INSERT INTO pairings (id, code, secret_hash, expires_at, name, credential_id) VALUES ($1, $2, $3, $4, $5, $6)', [p.id, p.code, p.secretHash, p.expiresAt, p.name, p.credentialId]);
        return 'ok';
      });
    },
    async approvePairing(code, now, cred) {
      return db.tx(async (c) => {
        // The row lock makes two administrators entering one code at once approve it once.
        const p = toPairing((await c.query<PairingDbRow>('SELECT * FROM pairings WHERE code = $1 AND expires_at > $2 AND credential_id IS NULL FOR UPDATE', [code, now])).rows[0]);
        if (p === null) return null;
        const credential: CredentialRow = { ...cred, kind: 'display', tokenHash: p.secretHash };
        await c.query(
          'INSERT INTO credentials (id, kind, name, token_hash, created_at, last_seen_at, revoked, registration) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)',
          [credential.id, credential.kind, credential.name, credential.tokenHash, credential.createdAt, credential.lastSeenAt, credential.revoked],
        );
        await c.query('UPDATE pairings SET name = $1, credential_id = $2 WHERE id = $3', [cred.name, cred.id, p.id]);
        return credential;
      });
    },
    async pairingById(id) {
      return toPairing((await db.query<PairingDbRow>('SELECT * FROM pairings WHERE id = $1', [id])).rows[0]);
    },
    async deletePairing(id) {
      await db.query('DELETE FROM pairings WHERE id = $1', [id]);
    },
    appendAudit(e) {
      return audits.add(e);
    },
    async listAudit(limit, before) {
      // Entries acknowledged or about to be: in the page like SQLite's.
      await audits.settled();
      const { rows } = await db.query<AuditRow>('SELECT * FROM audit WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [before ?? Number.MAX_SAFE_INTEGER, limit]);
      return rows.map(({ actor_name, detail, ...r }) => ({ ...r, actorName: actor_name, detail: detail === null ? null : (JSON.parse(detail) as unknown) }));
    },
  };
}
