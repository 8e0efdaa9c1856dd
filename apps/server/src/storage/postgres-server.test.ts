import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { call, cleanupAfterEach, login, sourceKey } from '../testing/harness.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres.ts';

const { server } = cleanupAfterEach();

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

const report = (title: string): NewCase => ({
  title,
  description: '市民来电反映路灯不亮。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
});

describe('the server on PostgreSQL', () => {
  it('numbers cases from the database across two servers on one store, and keeps them across a restart', async () => {
    const env = { STORAGE: 'postgres', DATABASE_URL: await pg.createDatabase() };
    const a = await server(env);
    const b = await server(env);
    const tokenA = await login(a, 'officer');
    const tokenB = await login(b, 'officer');
    const ids: unknown[] = [];
    for (const [s, token, title] of [[a, tokenA, '一号'], [b, tokenB, '二号'], [a, tokenA, '三号']] as const) {
      const r = await call(s, 'POST', '/api/v1/cases', token, report(title));
      expect(r.status).toBe(201);
      ids.push(r.body['id']);
    }
    // Day numbers in the order reported, whichever server took the report (count + 1 on
    // each server would have given 0001 twice).
    expect(ids).toEqual(['C20261127-0001', 'C20261127-0002', 'C20261127-0003']);
    await a.stop();
    await b.stop();

    const c = await server(env);
    const tokenC = await login(c, 'officer');
    const stored = await call(c, 'GET', '/api/v1/cases/C20261127-0002', tokenC);
    expect(stored.status).toBe(200);
    expect((stored.body['case'] as { title: string }).title).toBe('二号');
    const next = await call(c, 'POST', '/api/v1/cases', tokenC, report('四号'));
    expect(next.body['id']).toBe('C20261127-0004');
  });

  it('opens one case for one idempotency key when two servers take the same report at once', async () => {
    const env = { STORAGE: 'postgres', DATABASE_URL: await pg.createDatabase() };
    const a = await server(env);
    const b = await server(env);
    const key = await sourceKey(a);
    const post = async (s: RunningServer) => {
      const res = await fetch(`${s.url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': 'hotline-ticket-0042' },
        body: JSON.stringify(report('同一张工单')),
      });
      return { status: res.status, id: ((await res.json()) as { id: string }).id };
    };
    const [x, y] = await Promise.all([post(a), post(b)]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(x.id).toBe(y.id);
    // Whichever number the losing attempt took, no case was stored under it.
    const officer = await login(b, 'officer');
    const found = [];
    for (const id of ['C20261127-0001', 'C20261127-0002']) if ((await call(b, 'GET', `/api/v1/cases/${id}`, officer)).status === 200) found.push(id);
    expect(found).toEqual([x.id]);
  });
});
