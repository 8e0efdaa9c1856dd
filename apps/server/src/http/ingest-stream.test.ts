import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { VitalReading } from '@cw/contracts';
import { connectLive } from '@cw/live-client';
import type { RunningServer } from '../app.ts';
import { airReading, call, login, sourceKey, startTestServer, tempDataDir } from '../testing/harness.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const ndjson = (items: unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';

async function ingest(s: RunningServer, token: string | undefined, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** Today's air readings citywide, as a fresh subscriber sees them once a tick has published them. */
async function readingsToday(s: RunningServer, expected: number): Promise<number> {
  const token = await login(s, 'officer');
  let last = -1;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    last = await new Promise<number>((resolve) => {
      const c = connectLive({
        url: s.url,
        token,
        topics: ['vitals:city'],
        onEntries: (_t, entries) => {
          c.close();
          resolve((entries['env.readings_today'] as VitalReading | undefined)?.value ?? 0);
        },
      });
    });
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

describe('POST /api/v1/ingest', () => {
  it('takes the good lines of a mixed NDJSON batch and names each bad one with its line and reason', async () => {
    server = await startTestServer();
    const key = await sourceKey(server, 'EPB stations');
    const now = server.clock.now();
    const body = ndjson([
      airReading('430502', now, 10, 'm1'),
      '{"kind":"air.reading",',
      { ...airReading('430502', now, 10, 'm3'), values: { pm25: -5, pm10: 1, so2: 1, no2: 1, co: 1, o3: 1 } },
      '',
      { kind: 'landslide.tilt', ts: now, division: '430502', values: { deg: 3 } },
      airReading('999999', now, 10, 'm6'),
      airReading('430502', now + 3_600_000, 10, 'm7'),
      airReading('430503', now, 20, 'm8'),
    ]);
    const r = await ingest(server, key, body);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      lines: 7,
      accepted: 2,
      duplicates: 0,
      refused: 5,
      errors: [
        { line: 2, reason: 'not valid JSON' },
        { line: 3, reason: 'values.pm25 must be >= 0' },
        { line: 5, reason: 'unknown kind "landslide.tilt"' },
        { line: 6, reason: 'unknown division "999999"' },
        { line: 7, reason: `timestamp ${new Date(now + 3_600_000).toISOString()} is in the future` },
      ],
    });
    expect(await readingsToday(server, 2)).toBe(2);
  });

  it('counts duplicates and retries once per source, and the same ids from another source apart', async () => {
    server = await startTestServer();
    const [a, b] = [await sourceKey(server, 'A'), await sourceKey(server, 'B')];
    const now = server.clock.now();
    const body = ndjson([airReading('430502', now, 10, 'e1'), airReading('430502', now, 11, 'e2'), airReading('430502', now, 10, 'e1')]);
    expect((await ingest(server, a, body)).body).toMatchObject({ lines: 3, accepted: 2, duplicates: 1, refused: 0 });
    expect((await ingest(server, a, body)).body).toMatchObject({ lines: 3, accepted: 0, duplicates: 3, refused: 0 });
    expect((await ingest(server, b, body)).body).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(await readingsToday(server, 4)).toBe(4);
  });

  it('takes a JSON array, and gzip bodies of either kind', async () => {
    server = await startTestServer();
    const key = await sourceKey(server);
    const now = server.clock.now();
    const array = JSON.stringify([airReading('430502', now, 10, 'j1'), { kind: 'air.reading' }]);
    expect((await ingest(server, key, array, { 'content-type': 'application/json' })).body).toEqual({
      lines: 2, accepted: 1, duplicates: 0, refused: 1, errors: [{ line: 2, reason: 'lacks "ts"' }],
    });
    const zipped = gzipSync(ndjson([airReading('430502', now, 10, 'g1'), airReading('430502', now, 10, 'g2')]));
    expect((await ingest(server, key, zipped, { 'content-encoding': 'gzip' })).body).toMatchObject({ accepted: 2, refused: 0 });
    const zippedArray = gzipSync(JSON.stringify([airReading('430502', now, 10, 'g3')]));
    expect((await ingest(server, key, zippedArray, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).body).toMatchObject({ accepted: 1 });
    expect(await readingsToday(server, 4)).toBe(4);
  });

  it('refuses oversized, falsely gzipped and wrongly typed bodies, and a batch of only bad lines', async () => {
    server = await startTestServer();
    const key = await sourceKey(server);
    // 9 MiB of blanks gzip to a few KiB; the JSON array bound is 8 MiB once decompressed.
    const bomb = gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(9 * 1024 * 1024, 0x20), Buffer.from(']')]));
    const big = await ingest(server, key, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(big.status).toBe(413);
    expect(big.body['error']).toBe('payload_too_large');
    const notGzip = await ingest(server, key, ndjson([airReading('430502', server.clock.now(), 1)]), { 'content-encoding': 'gzip' });
    expect(notGzip).toMatchObject({ status: 400, body: { message: 'body is not valid gzip' } });
    expect((await ingest(server, key, 'a,b,c\n', { 'content-type': 'text/csv' })).status).toBe(415);
    expect((await ingest(server, key, ndjson([{}]), { 'content-encoding': 'br' })).status).toBe(400);
    expect((await ingest(server, key, '{"events": 3}', { 'content-type': 'application/json' })).status).toBe(400);
    const allBad = await ingest(server, key, ndjson([{ kind: 'nope' }, 'x']));
    expect(allBad).toMatchObject({ status: 422, body: { lines: 2, accepted: 0, refused: 2 } });
    expect(await readingsToday(server, 0)).toBe(0);
  });

  it('refuses a declared oversized body, an unknown or revoked key and a rate-limited source before reading the body', async () => {
    server = await startTestServer({ WRITE_RATE_LIMIT: '3' });
    const admin = await login(server, 'admin');
    const created = await call(server, 'POST', '/api/v1/sources', admin, { name: 'Revoked' });
    const revokedKey = created.body['key'] as string;
    expect((await call(server, 'DELETE', `/api/v1/sources/${created.body['id'] as string}`, admin)).status).toBe(200);
    // The body is never sent: each answer can only come before it is read.
    const unsent = (token: string | undefined, length: number) =>
      new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
        const req = http.request(`${server!.url}/api/v1/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', 'content-length': String(length), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
          req.destroy();
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    expect((await unsent(undefined, 100)).status).toBe(401);
    expect((await unsent(revokedKey, 100)).status).toBe(401);
    expect((await unsent(await login(server, 'officer'), 100)).status).toBe(403);
    const key = await sourceKey(server);
    // The limit (3 a minute) counts the refused requests too.
    for (let i = 0; i < 3; i++) expect((await unsent(key, 300 * 1024 * 1024)).status).toBe(413);
    const limited = await unsent(key, 100);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After while the ingest capacity is taken, and keeps the stream it was reading', async () => {
    server = await startTestServer({ INGEST_MAX_STREAMS: '1' });
    const key = await sourceKey(server);
    const now = server.clock.now();
    // One sender holds the only stream open mid-body.
    const first = http.request(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` } });
    const firstReply = new Promise<{ status: number; body: string }>((resolve, reject) => {
      first.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      first.on('error', reject);
    });
    first.write(ndjson([airReading('430502', now, 10, 'b1')]));
    let busy: Awaited<ReturnType<typeof ingest>> | undefined;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      busy = await ingest(server, key, ndjson([airReading('430502', now, 10, 'b2')]));
      if (busy.status === 503) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(busy?.status).toBe(503);
    expect(busy?.body['error']).toBe('overloaded');
    expect(Number(busy?.retryAfter)).toBeGreaterThanOrEqual(1);
    first.end(ndjson([airReading('430502', now, 10, 'b3')]));
    const done = await firstReply;
    expect(done.status).toBe(202);
    expect(JSON.parse(done.body)).toMatchObject({ lines: 2, accepted: 2 });
    // Once the stream is done, the next sender is served.
    expect((await ingest(server, key, ndjson([airReading('430502', now, 10, 'b4')]))).status).toBe(202);
  });
});

describe('the source registry', () => {
  it('scopes a key to its kinds on both ingest routes, and refuses registrations naming unknown kinds or departments', async () => {
    server = await startTestServer();
    const admin = await login(server, 'admin');
    const reg = (body: Record<string, unknown>) => call(server!, 'POST', '/api/v1/sources', admin, body);
    expect((await reg({ name: 'x', kinds: ['landslide.tilt'] })).body['message']).toBe('unknown event kind(s): landslide.tilt');
    expect((await reg({ name: 'x', department: 'nope' })).status).toBe(400);
    const created = await reg({ name: '市生态环境局 空气站', department: 'sthjj', kinds: ['air.reading'], intervalSec: 60 });
    expect(created.status).toBe(201);
    const key = created.body['key'] as string;
    const now = server.clock.now();
    const call12345 = { kind: 'hotline.call', ts: now, division: '430502', values: { answered: 1, waitSec: 12 } };
    expect((await ingest(server, key, ndjson([airReading('430502', now, 10, 'k1'), call12345]))).body).toEqual({
      lines: 2, accepted: 1, duplicates: 0, refused: 1, errors: [{ line: 2, reason: 'kind "hotline.call" is not among this source\'s kinds' }],
    });
    const legacy = await call(server, 'POST', '/api/v1/events', key, { events: [call12345] });
    expect(legacy.status).toBe(422);
    const sources = (await call(server, 'GET', '/api/v1/sources', admin)).body as unknown as { id: string; registration: unknown; health: Record<string, unknown> }[];
    const row = sources.find((s) => s.id === created.body['id'])!;
    expect(row.registration).toEqual({ department: 'sthjj', kinds: ['air.reading'], intervalSec: 60, maxEventsPerSec: null });
    // One line of two refused on /ingest, then one event refused on /events: 2 refused of 3.
    expect(row.health).toMatchObject({ lastEventAt: expect.any(Number), refusalRate: 0.667, stale: false });
  });

  it('holds a source to its event budget before reading its next body, and shows a silent source as stale', async () => {
    server = await startTestServer();
    const admin = await login(server, 'admin');
    const created = await call(server, 'POST', '/api/v1/sources', admin, { name: 'gate counter', kinds: ['air.reading'], intervalSec: 1, maxEventsPerSec: 2 });
    const key = created.body['key'] as string;
    const now = server.clock.now();
    const five = ndjson([1, 2, 3, 4, 5].map((i) => airReading('430502', now, 10, `q${i}`)));
    expect((await ingest(server, key, five)).body).toMatchObject({ accepted: 5 });
    // 2 tokens − 5 = 3 in debt at 2 a second: wait 2 s.
    const over = await ingest(server, key, ndjson([airReading('430502', now, 10, 'q6')]));
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThanOrEqual(1);
    const health = async () => ((await call(server!, 'GET', '/api/v1/sources', admin)).body as unknown as { id: string; health: { stale: boolean } }[]).find((s) => s.id === created.body['id'])!.health;
    const until = Date.now() + 10_000;
    let stale = false;
    while (!stale && Date.now() < until) {
      stale = (await health()).stale;
      if (!stale) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stale).toBe(true);
  });
});

describe('what /ingest acknowledged', () => {
  it('survives a restart: the journal replays it into the same figures, and its ids are still known', async () => {
    const dataDir = tempDataDir();
    server = await startTestServer({ DATA_DIR: dataDir });
    const key = await sourceKey(server);
    const now = server.clock.now();
    const body = ndjson([airReading('430502', now, 10, 'p1'), airReading('430503', now, 20, 'p2'), airReading('430502', now, 30, 'p3')]);
    expect((await ingest(server, key, body)).body).toMatchObject({ accepted: 3 });
    await server.stop();
    server = await startTestServer({ DATA_DIR: dataDir });
    expect(await readingsToday(server, 3)).toBe(3);
    // The same key after the restart: its retry is a duplicate, not a second reading.
    expect((await ingest(server, key, body)).body).toMatchObject({ accepted: 0, duplicates: 3 });
  });
});

describe('a silent source', () => {
  it('raises an alert naming it once past its interval, and clears it when it reports again', async () => {
    server = await startTestServer();
    const admin = await login(server, 'admin');
    const created = await call(server, 'POST', '/api/v1/sources', admin, { name: '景区闸机', kinds: ['air.reading'], intervalSec: 1 });
    const key = created.body['key'] as string;
    const sourceAlerts = async () =>
      ((await call(server!, 'GET', '/api/v1/alerts', admin)).body as unknown as { metric: string; source?: { id: string; name: string; metrics?: string[] }; clearedAt: number | null; threshold: number }[]).filter(
        (a) => a.source?.id === created.body['id'],
      );
    const until = Date.now() + 15_000;
    let raised = await sourceAlerts();
    while (raised.length === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      raised = await sourceAlerts();
    }
    // It is registered for air readings: the figures it feeds are the AQI, the six pollutants' hourly means, the good-air days and today's readings.
    const feeds = ['env.aqi', 'env.pm25', 'env.pm10', 'env.so2', 'env.no2', 'env.co', 'env.o3', 'env.good_days', 'env.readings_today'];
    expect(raised).toEqual([expect.objectContaining({ metric: 'source.silent', source: { id: created.body['id'], name: '景区闸机', metrics: feeds }, threshold: 1, clearedAt: null })]);
    // Still silent: no second alert for the same silence.
    await new Promise((r) => setTimeout(r, 500));
    expect(await sourceAlerts()).toHaveLength(1);
    expect((await ingest(server, key, ndjson([airReading('430502', server.clock.now(), 10, 's1')]))).status).toBe(202);
    let cleared = await sourceAlerts();
    while (cleared[0]?.clearedAt === null && Date.now() < until + 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      cleared = await sourceAlerts();
    }
    expect(cleared).toEqual([expect.objectContaining({ clearedAt: expect.any(Number) })]);
  });
});
