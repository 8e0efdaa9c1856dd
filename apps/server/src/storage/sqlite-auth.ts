import type Database from 'better-sqlite3';
import type { AuditEntry, SourceRegistration } from '@cw/contracts';
import { GroupCommit } from './sqlite-group-commit.ts';
import { DuplicateUser, type AuditStore, type AuthStore, type CredentialRow, type PairingRow, type SessionRow, type StoredUser } from './storage.ts';

export const AUTH_MIGRATION = `
  CREATE TABLE users (
    id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, role TEXT NOT NULL,
    department TEXT, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
  CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE credentials (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL, last_seen_at INTEGER, revoked INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT, actor_name TEXT, role TEXT,
    action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, ip TEXT, detail TEXT);
  -- Append-only: the database itself refuses to change or delete audit entries.
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: StoredUser['role'];
  department: string | null;
  password_hash: string;
  disabled: number;
  must_change_password: number;
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
        disabled: r.disabled === 1,
        mustChangePassword: r.must_change_password === 1,
        createdAt: r.created_at,
      };

interface CredRow {
  id: string;
  kind: CredentialRow['kind'];
  name: string;
  token_hash: string;
  created_at: number;
  last_seen_at: number | null;
  revoked: number;
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
        revoked: r.revoked === 1,
        registration: r.registration === null ? null : (JSON.parse(r.registration) as SourceRegistration),
      };

/** A data source's registration (department, kinds, interval, budget) beside its key. */
export const SOURCE_REGISTRATION_MIGRATION = 'ALTER TABLE credentials ADD COLUMN registration TEXT;';

/** Wall pairings, shared by every node on the store. */
export const PAIRINGS_MIGRATION = `
  CREATE TABLE pairings (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL, expires_at INTEGER NOT NULL,
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

/** The audit log's appends, committed in groups (sqlite-group-commit.ts). */
export function sqliteAuditCommits(db: Database.Database): GroupCommit<Omit<AuditEntry, 'seq'>> {
  const insert = db.prepare(
    'INSERT INTO audit (at, actor, actor_name, role, action, target, outcome, ip, detail) VALUES (@at, @actor, @actorName, @role, @action, @target, @outcome, @ip, @detail)',
  );
  return new GroupCommit(db, (e) => insert.run({ ...e, detail: e.detail === undefined ? null : JSON.stringify(e.detail) }));
}

export function sqliteAuthStore(db: Database.Database, audits: GroupCommit<Omit<AuditEntry, 'seq'>>): AuthStore & AuditStore {
  const q = {
    count: db.prepare('SELECT COUNT(*) FROM users').pluck(),
    insertUser: db.prepare(
      `INSERT INTO users (id, username, display_name, role, department, password_hash, disabled, must_change_password, created_at)
       VALUES (@id, @username, @displayName, @role, @department, @passwordHash, @disabled, @mustChangePassword, @createdAt)`,
    ),
    byId: db.prepare('SELECT * FROM users WHERE id = ?'),
    updateUser: db.prepare('UPDATE users SET display_name = ?, disabled = ?, password_hash = ?, must_change_password = ? WHERE id = ?'),
    byName: db.prepare('SELECT * FROM users WHERE username = ?'),
    all: db.prepare('SELECT * FROM users ORDER BY created_at'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (@tokenHash, @userId, @createdAt, @expiresAt)'),
    session: db.prepare('SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt FROM sessions WHERE token_hash = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    deleteExpired: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    insertCred: db.prepare(
      'INSERT INTO credentials (id, kind, name, token_hash, created_at, last_seen_at, revoked, registration) VALUES (@id, @kind, @name, @tokenHash, @createdAt, @lastSeenAt, @revoked, @registration)',
    ),
    credByHash: db.prepare('SELECT * FROM credentials WHERE token_hash = ?'),
    creds: db.prepare('SELECT * FROM credentials WHERE kind = ? ORDER BY created_at'),
    credById: db.prepare('SELECT * FROM credentials WHERE id = ?'),
    revoke: db.prepare('UPDATE credentials SET revoked = 1 WHERE id = ?'),
    touch: db.prepare('UPDATE credentials SET last_seen_at = ? WHERE id = ?'),
    dropExpiredPairings: db.prepare('DELETE FROM pairings WHERE expires_at <= ?'),
    pairingByCode: db.prepare('SELECT * FROM pairings WHERE code = ?'),
    countPairings: db.prepare('SELECT COUNT(*) FROM pairings').pluck(),
    insertPairing: db.prepare('INSERT INTO pairings (id, code, secret_hash, expires_at, name, credential_id) VALUES (@id, @code, @secretHash, @expiresAt, @name, @credentialId)'),
    pendingByCode: db.prepare('SELECT * FROM pairings WHERE code = ? AND expires_at > ? AND credential_id IS NULL'),
    markPairing: db.prepare('UPDATE pairings SET name = ?, credential_id = ? WHERE id = ?'),
    pairingById: db.prepare('SELECT * FROM pairings WHERE id = ?'),
    deletePairing: db.prepare('DELETE FROM pairings WHERE id = ?'),
    auditPage: db.prepare('SELECT * FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT ?'),
  };
  // Read and write under the write lock: another process's patch to the same user is not lost.
  const updateUser = db.transaction((id: string, patch: Parameters<AuthStore['updateUser']>[1]) => {
    const cur = toUser(q.byId.get(id) as UserRow | undefined);
    if (cur === null) return null;
    const next = { ...cur, ...patch };
    q.updateUser.run(next.displayName, next.disabled ? 1 : 0, next.passwordHash, next.mustChangePassword ? 1 : 0, id);
    return next;
  });
  const insertPairing = db.transaction((p: PairingRow, now: number, maxPending: number): 'ok' | 'code_taken' | 'full' => {
    q.dropExpiredPairings.run(now);
    if (q.pairingByCode.get(p.code) !== undefined) return 'code_taken';
    if ((q.countPairings.get() as number) >= maxPending) return 'full';
    q.insertPairing.run(p);
    return 'ok';
  });
  const approvePairing = db.transaction((code: string, now: number, c: Omit<CredentialRow, 'tokenHash' | 'kind'>): CredentialRow | null => {
    const p = toPairing(q.pendingByCode.get(code, now) as PairingDbRow | undefined);
    if (p === null) return null;
    const credential: CredentialRow = { ...c, kind: 'display', tokenHash: p.secretHash };
    q.insertCred.run({ ...credential, revoked: credential.revoked ? 1 : 0, registration: null });
    q.markPairing.run(c.name, c.id, p.id);
    return credential;
  });
  return {
    async countUsers() {
      return q.count.get() as number;
    },
    async insertUser(u) {
      try {
        q.insertUser.run({ ...u, disabled: u.disabled ? 1 : 0, mustChangePassword: u.mustChangePassword ? 1 : 0 });
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateUser(`username ${u.username} is taken`);
        throw err;
      }
    },
    async updateUser(id, patch) {
      return updateUser.immediate(id, patch);
    },
    async userById(id) {
      return toUser(q.byId.get(id) as UserRow | undefined);
    },
    async userByName(username) {
      return toUser(q.byName.get(username) as UserRow | undefined);
    },
    async listUsers() {
      return (q.all.all() as UserRow[]).map((r) => toUser(r)!);
    },
    async insertSession(s: SessionRow) {
      q.insertSession.run(s);
    },
    async sessionByHash(h) {
      return (q.session.get(h) as SessionRow | undefined) ?? null;
    },
    async deleteSession(h) {
      q.deleteSession.run(h);
    },
    async deleteUserSessions(userId) {
      q.deleteUserSessions.run(userId);
    },
    async deleteExpiredSessions(now) {
      q.deleteExpired.run(now);
    },
    async insertCredential(c) {
      q.insertCred.run({ ...c, revoked: c.revoked ? 1 : 0, registration: c.registration === null ? null : JSON.stringify(c.registration) });
    },
    async credentialByHash(h) {
      return toCred(q.credByHash.get(h) as CredRow | undefined);
    },
    async listCredentials(kind) {
      return (q.creds.all(kind) as CredRow[]).map((r) => toCred(r)!);
    },
    async revokeCredential(id) {
      q.revoke.run(id);
      return toCred(q.credById.get(id) as CredRow | undefined);
    },
    async touchCredential(id, at) {
      q.touch.run(at, id);
    },
    async insertPairing(p, now, maxPending) {
      return insertPairing.immediate(p, now, maxPending);
    },
    async approvePairing(code, now, c) {
      return approvePairing.immediate(code, now, c);
    },
    async pairingById(id) {
      return toPairing(q.pairingById.get(id) as PairingDbRow | undefined);
    },
    async deletePairing(id) {
      q.deletePairing.run(id);
    },
    appendAudit(e) {
      return audits.add(e);
    },
    async listAudit(limit, before) {
      // Entries added and not yet committed are read too.
      audits.flush();
      const rows = q.auditPage.all(before ?? Number.MAX_SAFE_INTEGER, limit) as (Omit<AuditEntry, 'actorName' | 'detail'> & {
        actor_name: string | null;
        detail: string | null;
      })[];
      return rows.map(({ actor_name, detail, ...r }) => ({ ...r, actorName: actor_name, detail: detail === null ? null : (JSON.parse(detail) as unknown) }));
    },
  };
}
