import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { login, startTestServer } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('HTTP hardening', () => {
  it('sends a strict Content-Security-Policy and the usual security headers', async () => {
    const res = await fetch(`${s.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps CORS closed', async () => {
    const res = await fetch(`${s.url}/api/v1/profile`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${s.url}/api/v1/cases`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${s.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: 'citywindow-demo' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/cw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('refuses a cross-site write carrying a session cookie', async () => {
    const token = await login(s, 'officer');
    const res = await fetch(`${s.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `cw_session=${token}`, origin: 'https://evil.example' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(403);
  });

  it('refuses oversized bodies', async () => {
    const token = await login(s, 'officer');
    const res = await fetch(`${s.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'x', description: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
