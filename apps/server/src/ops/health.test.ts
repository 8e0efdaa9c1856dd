import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { startTestServer } from '../testing/harness.ts';
import { useZodSchemas } from '../http/openapi.ts';
import { registerHealthRoutes } from './health.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('health and readiness', () => {
  it('answers JSON on both (not the web app), ready once ticking', async () => {
    const h = await fetch(`${s.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({ status: 'ok' });
    const r = await fetch(`${s.url}/readyz`);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ready' });
  });

  it('is not ready, naming why, when the store fails or the tick has stopped', async () => {
    const app = Fastify();
    useZodSchemas(app);
    const now = 1_000_000;
    registerHealthRoutes(app, {
      started: () => true,
      lastTickAt: () => 1_000_000 - 60_000,
      tickMs: 1000,
      probeStore: () => Promise.reject(new Error('disk gone')),
      now: () => now,
    });
    const r = await app.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ status: 'not_ready', failed: ['store', 'tick'] });
    const alive = await app.inject({ method: 'GET', url: '/healthz' });
    expect(alive.statusCode).toBe(200);
    await app.close();
  });
});
