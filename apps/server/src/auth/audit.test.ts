import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../app.ts';
import type { Storage } from '../storage/storage.ts';
import type { AuthService } from './auth-service.ts';
import { registerAuthHooks } from './http-auth.ts';
import { call, login, startTestServer } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

type AuditBody = unknown[] | { entries?: unknown[] };
const auditRows = async (admin: string) => {
  const b = (await call(s, 'GET', '/api/v1/audit?limit=500', admin)).body as unknown as AuditBody;
  return (Array.isArray(b) ? b : (b.entries ?? [])) as { action: string }[];
};
const count = async (admin: string) => (await auditRows(admin)).length;

describe('the audit log', () => {
  it('does not grow from anonymous requests to unknown routes with huge query strings', async () => {
    const admin = await login(s, 'admin');
    const before = await count(admin);
    const q = 'x'.repeat(12 * 1024);
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${s.url}/api/v1/no-such-route-${i}?${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.arrayBuffer();
    }
    expect(await count(admin)).toBe(before);
  });

  it('records a signed-in write by its route pattern, not the raw URL', async () => {
    const admin = await login(s, 'admin');
    await fetch(`${s.url}/api/v1/departments/cgj?${'y'.repeat(5000)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ name: { zh: '市城市管理局', en: 'Urban Management Bureau' }, kind: 'bureau', categories: [] }),
    });
    const rows = await auditRows(admin);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('yyyy');
    expect(rows.some((r) => r.action === 'PUT /api/v1/departments/:id')).toBe(true);
  });
});

describe('a write’s audit entry', () => {
  it('is stored before the write is answered', async () => {
    const app = Fastify();
    let release!: () => void;
    const stored: string[] = [];
    const storage = {
      appendAudit: (e: { action: string }) =>
        new Promise<void>((resolve) => {
          release = () => {
            stored.push(e.action);
            resolve();
          };
        }),
    } as unknown as Storage;
    const principal = { kind: 'user', id: 'u1', username: 'admin', name: '管理员', role: 'admin', department: null, mustChangePassword: false, tokenHash: 'h' };
    const auth = { resolve: async () => principal } as unknown as AuthService;
    registerAuthHooks(app, auth, storage, () => 0, { trustProxy: false, allowed: [] }, { take: () => 0 });
    app.post('/api/v1/things', async () => ({ ok: true }));
    let answered = false;
    const reply = app.inject({ method: 'POST', url: '/api/v1/things', headers: { authorization: 'Bearer t' }, payload: {} }).then((r) => {
      answered = true;
      return r;
    });
    // The handler has run and its entry is waiting for its commit: no answer yet.
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    expect((await reply).statusCode).toBe(200);
    expect(stored).toEqual(['POST /api/v1/things']);
    await app.close();
  });

  it('that cannot be stored makes the reply an error, not an acknowledgement', async () => {
    const app = Fastify();
    const storage = { appendAudit: async () => Promise.reject(new Error('disk I/O error')) } as unknown as Storage;
    const principal = { kind: 'user', id: 'u1', username: 'admin', name: '管理员', role: 'admin', department: null, mustChangePassword: false, tokenHash: 'h' };
    registerAuthHooks(app, { resolve: async () => principal } as unknown as AuthService, storage, () => 0, { trustProxy: false, allowed: [] }, { take: () => 0 });
    app.post('/api/v1/things', async () => ({ ok: true }));
    const res = await app.inject({ method: 'POST', url: '/api/v1/things', headers: { authorization: 'Bearer t' }, payload: {} });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('"ok":true');
    await app.close();
  });
});
