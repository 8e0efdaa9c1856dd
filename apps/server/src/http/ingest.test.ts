import { afterEach, describe, expect, it } from 'vitest';
import type { VitalReading } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { airReading, login, postEvents, startTestServer } from '../testing/harness.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function readingsToday(s: RunningServer): Promise<number> {
  // Read back through the public path: a fresh subscription's snapshot.
  const { connectLive } = await import('@cw/live-client');
  const token = await login(s, 'officer');
  return new Promise((resolve) => {
    const c = connectLive({
      url: s.url,
      token,
      topics: ['vitals:city'],
      onEntries: (_t, entries) => {
        c.close();
        resolve((entries['env.readings_today'] as VitalReading | undefined)?.value ?? -1);
      },
    });
  });
}

describe('POST /api/v1/events', () => {
  it('refuses a malformed batch with 400 and the problems, storing nothing', async () => {
    server = await startTestServer();
    const now = server.clock.now();
    const bad = { ...airReading('430502', now, 10), values: { pm25: -5 } };
    const r = await postEvents(server, [airReading('430502', now, 10), bad]);
    expect(r.status).toBe(400);
    expect(r.body['error']).toBe('bad_request');
    expect(JSON.stringify(r.body['issues'])).toMatch(/events/);
    expect(await readingsToday(server)).toBe(0);
  });

  it('refuses a batch with an unknown division, a future or a too-late event as a whole (422)', async () => {
    server = await startTestServer();
    const now = server.clock.now();
    const ok = airReading('430502', now, 10);
    for (const bad of [airReading('999999', now, 10), airReading('430502', now + 3_600_000, 10), airReading('430502', now - 3_600_000, 10)]) {
      const r = await postEvents(server, [ok, bad]);
      expect(r.status).toBe(422);
      expect(r.body['problems']).toEqual([expect.objectContaining({ index: 1 })]);
    }
    expect(await readingsToday(server)).toBe(0);
  });

  it('accepts a good batch, and counts a retried event once', async () => {
    server = await startTestServer();
    const now = server.clock.now();
    const batch = [airReading('430502', now, 10, 'e1'), airReading('430503', now, 20, 'e2')];
    expect(await postEvents(server, batch)).toEqual({ status: 202, body: { accepted: 2, duplicates: 0 } });
    expect(await postEvents(server, batch)).toEqual({ status: 202, body: { accepted: 0, duplicates: 2 } });
    await new Promise((r) => setTimeout(r, 250));
    expect(await readingsToday(server)).toBe(2);
  });

  it('refuses a body over the size limit', async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(server, 'admin')}` },
      body: JSON.stringify({ events: [], pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
