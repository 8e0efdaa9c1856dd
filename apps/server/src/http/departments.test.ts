import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { call, login, startTestServer } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('department names', () => {
  const put = (token: string, name: { zh: string; en: string }) =>
    call(s, 'PUT', '/api/v1/departments/cgj', token, { name, kind: 'bureau', categories: [] });

  it('refuses a 900 KB name, a blank one and control characters, and changes nothing', async () => {
    const admin = await login(s, 'admin');
    const before = (await call(s, 'GET', '/api/v1/departments', admin)).body;
    for (const name of [
      { zh: '城'.repeat(300_000), en: 'Urban management' },
      { zh: '   ', en: 'Urban management' },
      { zh: '城管局', en: '\t' },
      { zh: '城管\u0007局', en: 'Urban management' },
    ]) {
      const r = await put(admin, name);
      expect(r.status).toBe(400);
    }
    expect((await call(s, 'GET', '/api/v1/departments', admin)).body).toEqual(before);
  });

  it('stores a good name trimmed', async () => {
    const admin = await login(s, 'admin');
    const r = await put(admin, { zh: '  市城市管理局 ', en: 'Urban Management Bureau' });
    expect(r.status).toBe(200);
    expect(r.body['name']).toEqual({ zh: '市城市管理局', en: 'Urban Management Bureau' });
  });
});
