import type { AuditEntry } from '@cw/contracts';
import { DuplicateUser, type AuditStore, type AuthStore, type CredentialRow, type PairingRow, type SessionRow, type StoredUser } from './storage.ts';

/** The in-memory users, sessions, credentials and audit log (STORAGE=memory and tests). */
export function memoryAuthStore(): AuthStore & AuditStore {
  const users = new Map<string, StoredUser>();
  const sessions = new Map<string, SessionRow>();
  const creds = new Map<string, CredentialRow>();
  const audit: AuditEntry[] = [];
  const pairings = new Map<string, PairingRow>();
  const copy = <T>(x: T): T => structuredClone(x);
  return {
    async countUsers() {
      return users.size;
    },
    async insertUser(u) {
      if ([...users.values()].some((x) => x.username === u.username)) throw new DuplicateUser(`username ${u.username} is taken`);
      users.set(u.id, copy(u));
    },
    async updateUser(id, patch) {
      const cur = users.get(id);
      if (cur === undefined) return null;
      const next = { ...cur, ...patch };
      users.set(id, next);
      return copy(next);
    },
    async userById(id) {
      return copy(users.get(id) ?? null);
    },
    async userByName(username) {
      return copy([...users.values()].find((u) => u.username === username) ?? null);
    },
    async listUsers() {
      return [...users.values()].sort((a, b) => a.createdAt - b.createdAt).map(copy);
    },
    async insertSession(s) {
      sessions.set(s.tokenHash, copy(s));
    },
    async sessionByHash(h) {
      return copy(sessions.get(h) ?? null);
    },
    async deleteSession(h) {
      sessions.delete(h);
    },
    async deleteUserSessions(userId) {
      for (const [h, s] of sessions) if (s.userId === userId) sessions.delete(h);
    },
    async deleteExpiredSessions(now) {
      for (const [h, s] of sessions) if (s.expiresAt <= now) sessions.delete(h);
    },
    async insertCredential(c) {
      creds.set(c.id, copy(c));
    },
    async credentialByHash(h) {
      return copy([...creds.values()].find((c) => c.tokenHash === h) ?? null);
    },
    async listCredentials(kind) {
      return [...creds.values()].filter((c) => c.kind === kind).sort((a, b) => a.createdAt - b.createdAt).map(copy);
    },
    async revokeCredential(id) {
      const c = creds.get(id);
      if (c === undefined) return null;
      c.revoked = true;
      return copy(c);
    },
    async touchCredential(id, at) {
      const c = creds.get(id);
      if (c !== undefined) c.lastSeenAt = at;
    },
    async insertPairing(p, now, maxPending) {
      for (const [id, x] of pairings) if (x.expiresAt <= now) pairings.delete(id);
      if ([...pairings.values()].some((x) => x.code === p.code)) return 'code_taken';
      if (pairings.size >= maxPending) return 'full';
      pairings.set(p.id, copy(p));
      return 'ok';
    },
    async approvePairing(code, now, c) {
      const p = [...pairings.values()].find((x) => x.code === code && x.expiresAt > now && x.credentialId === null);
      if (p === undefined) return null;
      const credential: CredentialRow = { ...c, kind: 'display', tokenHash: p.secretHash };
      creds.set(credential.id, copy(credential));
      p.name = c.name;
      p.credentialId = c.id;
      return copy(credential);
    },
    async pairingById(id) {
      return copy(pairings.get(id) ?? null);
    },
    async deletePairing(id) {
      pairings.delete(id);
    },
    async appendAudit(e) {
      audit.push({ ...copy(e), seq: audit.length + 1 });
    },
    async listAudit(limit, before) {
      return audit
        .filter((e) => before === undefined || e.seq < before)
        .reverse()
        .slice(0, limit)
        .map(copy);
    },
  };
}
