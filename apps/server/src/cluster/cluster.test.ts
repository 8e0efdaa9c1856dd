import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, Delta, NewCase, Snapshot, VitalReading } from '@cw/contracts';
import { parseSnapshot, parseSyncReply, unpackDeltas } from '@cw/sync';
import { ChildServer } from '../ops/child-server.ts';
import { call, login, recordingClient, tempDataDir, waitFor } from '../testing/harness.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres.ts';
import { freePort } from '../testing/ports.ts';
import pino from 'pino';
import pgLib from 'pg';
import { clusterKeys } from './keys.ts';
import { Leadership, parseLease } from './leadership.ts';
import { FencedOut, RedisTopicStore } from './topic-store.ts';

const REDIS_SERVER = '/usr/bin/redis-server';
const LEASE_MS = 2000;
const keys = clusterKeys('cw:');


/** Debian's redis-server on a random loopback port, nothing persisted, in a temp dir. */
async function startRedis(dir: string): Promise<{ url: string; process: ChildProcess; redis: Redis }> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    child.once('error', (err) => reject(new Error(`${REDIS_SERVER} could not start (apt-get install redis-server): ${err.message}`)));
  });
  const url = `redis://127.0.0.1:${port}`;
  const redis = new Redis(url);
  // Refused connections after it is killed at the end are expected.
  redis.on('error', () => undefined);
  return { url, process: child, redis };
}

/**
 * A minimal TCP load balancer: each new connection goes to the first backend that accepts
 * it, as nginx does with a failed upstream. Lets a client's reconnect land on another node.
 */
function balancer(backends: () => string[]): Promise<{ url: string; close(): void }> {
  const server = net.createServer((client) => {
    const tryNext = (list: string[]) => {
      const next = list[0];
      if (next === undefined) return client.destroy();
      const { hostname, port } = new URL(next);
      const upstream = net.connect(Number(port), hostname);
      upstream.once('error', () => tryNext(list.slice(1)));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
    };
    tryNext(backends());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => server.close() })),
  );
}

const report: NewCase = {
  title: '宝庆中路垃圾未清运',
  description: '市民来电反映宝庆中路与敏州路交叉口垃圾桶已满三天未清运。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  address: '双清区宝庆中路与敏州路交叉口',
  reporter: { name: '张女士', phone: '138 0000 1234' },
};

let dir: string;
let redis: { url: string; process: ChildProcess; redis: Redis };
let pg: TestPostgres;
let databaseUrl: string;
const nodes: Record<'a' | 'b' | 'c', ChildServer> = {} as never;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  dir = tempDataDir();
  // The deployment the cluster is for: every node on one PostgreSQL database and one Redis.
  [redis, pg] = await Promise.all([startRedis(dir), startTestPostgres()]);
  databaseUrl = await pg.createDatabase();
  const env = (id: string) => ({ STORAGE: 'postgres', DATABASE_URL: databaseUrl, REDIS_URL: redis.url, NODE_ID: id, WRITER_LEASE_MS: String(LEASE_MS), CASE_TICK_MS: '1000', NGSI_NOTIFY_ALLOW: '127.0.0.1' });
  // All at once, as after a deployment: one takes the lease (and writes the demo users).
  const start = (id: string) => ChildServer.start(path.join(dir, 'data'), env(id));
  [nodes.a, nodes.b, nodes.c] = await Promise.all([start('a'), start('b'), start('c')]);
}, 120_000);

afterAll(async () => {
  // CLUSTER_TEST_LOGS=/tmp/x keeps each node's log (/tmp/x-a.log …) for a failed run.
  if (process.env['CLUSTER_TEST_LOGS']) for (const [id, n] of Object.entries(nodes)) fs.writeFileSync(`${process.env['CLUSTER_TEST_LOGS']}-${id}.log`, n.stdout + n.stderr);
  while (cleanups.length > 0) await cleanups.pop()!();
  await Promise.all(Object.values(nodes).map((n) => n.stop()));
  redis.redis.disconnect();
  redis.process.kill('SIGKILL');
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** Like waitFor, for a condition that needs a request to check. */
async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const writerNode = async () => parseLease(await redis.redis.get(keys.leader))?.node as 'a' | 'b' | 'c' | undefined;
/** Which node writes, and the two edges (the first to start usually writes, but a loaded machine may decide otherwise). */
let writer: ChildServer;
let edge1: ChildServer;
let edge2: ChildServer;
let edge1Id: string;

/** Raw deltas and snapshots a client received, to check seq continuity. */
function watchStream(client: ReturnType<typeof recordingClient>['client'], topic: string) {
  const seen: ({ kind: 'delta'; d: Delta } | { kind: 'snapshot'; s: Snapshot })[] = [];
  client.socket.on('deltas', (batch) => {
    for (const d of unpackDeltas(batch)) if (d.topic === topic) seen.push({ kind: 'delta', d });
  });
  client.socket.on('snapshot', (json) => {
    const s = parseSnapshot(json);
    if (s?.topic === topic) seen.push({ kind: 'snapshot', s });
  });
  // Protocol 3: the answer to a subscribe carries snapshots, then the missed deltas.
  client.socket.on('synced', (json) => {
    const r = parseSyncReply(json);
    for (const s of r?.snapshots ?? []) if (s.topic === topic) seen.push({ kind: 'snapshot', s });
    for (const d of r?.deltas ?? []) if (d.topic === topic) seen.push({ kind: 'delta', d });
  });
  return seen;
}

function hotlineCalls(server: { url: string }, token: string, now: number, n: number, tag: string) {
  const events = Array.from({ length: n }, (_, i) => ({ kind: 'hotline.call', id: `${tag}-${i}`, ts: now - 1000 + i, division: '430502', values: { answered: 1, waitSec: 10 } }));
  return call(server, 'POST', '/api/v1/events', token, { events });
}

describe('three nodes on one Redis and one store', () => {
  it('has one writer, and a client on one edge sees a case created on another edge within a second', async () => {
    const w = await writerNode();
    expect(['a', 'b', 'c']).toContain(w);
    const [e1, e2] = (['a', 'b', 'c'] as const).filter((id) => id !== w);
    [writer, edge1, edge2, edge1Id] = [nodes[w!], nodes[e1!], nodes[e2!], e1!];
    const { client } = recordingClient(edge2.url, ['cases'], { token: await login(edge2, 'leader') });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live', 'client on the second edge live');
    const officer = await login(edge1, 'officer');
    const created = await call(edge1, 'POST', '/api/v1/cases', officer, report);
    const answeredAt = Date.now();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body['id'] as string;
    await waitFor(() => (client.entries('cases')[id] as CaseSummary | undefined)?.state === 'reported', 'case on c', 1000);
    expect(Date.now() - answeredAt).toBeLessThan(1000);
    // A second case from the third node gets the next number, not the same one.
    const second = await call(edge2, 'POST', '/api/v1/cases', officer, report);
    expect(second.body['id']).not.toBe(id);
    expect(String(second.body['id']).slice(-4)).toBe(String(Number(id.slice(-4)) + 1).padStart(4, '0'));
  });

  it('reaches every node with a settings change made through any node', async () => {
    const admin = await login(edge1, 'admin');
    const leader = await login(edge2, 'leader');
    const o3 = { bad: 'high', levels: { blue: 200.5, yellow: 300.5, orange: 400.5 }, clear: 180 };
    expect((await call(edge1, 'PUT', '/api/v1/thresholds/env.o3', admin, o3)).status).toBe(200);
    // Each node answers the catalogue from its own memory: the change must have reached all three.
    for (const n of [nodes.a, nodes.b, nodes.c]) {
      await waitUntil(async () => {
        const r = await fetch(`${n.url}/api/v1/catalogue`, { headers: { authorization: `Bearer ${leader}` } });
        const defs = (await r.json()) as { id: string; thresholds?: unknown }[];
        return JSON.stringify(defs.find((d) => d.id === 'env.o3')?.thresholds) === JSON.stringify(o3);
      }, `new O3 thresholds on ${n.url}`, 5000);
    }
    expect((await call(edge1, 'PUT', '/api/v1/system/mode', leader, { mode: 'war' })).status).toBe(200);
    const { client } = recordingClient(writer.url, ['system'], { token: leader });
    cleanups.push(() => client.close());
    await waitFor(() => (client.entries('system')['state'] as { mode?: string } | undefined)?.mode === 'war', 'war seen on the writer');
    expect((await call(edge2, 'PUT', '/api/v1/system/mode', leader, { mode: 'peace' })).status).toBe(200);
    await waitFor(() => (client.entries('system')['state'] as { mode?: string } | undefined)?.mode === 'peace', 'peace seen on the writer');
  });

  it('keeps NGSI-LD subscriptions with the writer: created through one edge, listed through another, notified by the writer', async () => {
    const got: { subscriptionId?: string; data?: { id: string }[] }[] = [];
    const receiver = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        got.push(JSON.parse(text) as (typeof got)[number]);
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => receiver.close(() => r())));
    const admin = await login(edge1, 'admin');
    const sub = {
      id: 'urn:ngsi-ld:Subscription:cluster-city',
      type: 'Subscription',
      entities: [{ type: 'CityVitalSign', idPattern: '^urn:ngsi-ld:CityVitalSign:city:' }],
      watchedAttributes: ['value'],
      notification: { endpoint: { uri: `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/notify` } },
    };
    expect((await call(edge1, 'POST', '/ngsi-ld/v1/subscriptions', admin, sub)).status).toBe(201);
    const listed = await call(edge2, 'GET', '/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:cluster-city', admin);
    expect(listed.body).toMatchObject({ id: sub.id, status: 'active' });
    // Calls to 12345 move the city's hotline figures; the writer tells the receiver.
    const now = (await call(edge2, 'GET', '/api/v1/time', admin)).body['now'] as number;
    expect((await hotlineCalls(edge2, admin, now, 5, 'ngsi')).status).toBe(202);
    await waitFor(() => got.some((n) => n.subscriptionId === sub.id && (n.data ?? []).length > 0), 'a notification from the writer', 10_000);
    expect((await call(edge2, 'DELETE', '/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:cluster-city', admin)).status).toBe(204);
  });

  it('cuts a signed-out session’s socket on another node (revocation through the adapter)', async () => {
    const token = await login(edge1, 'officer');
    const { client } = recordingClient(edge2.url, ['cases'], { token });
    cleanups.push(() => client.close());
    const reasons: string[] = [];
    client.socket.on('disconnect', (reason: string) => reasons.push(reason));
    await waitFor(() => client.status().state === 'live', 'client on the second edge live');
    expect((await call(edge1, 'POST', '/api/v1/auth/logout', token)).status).toBe(200);
    await waitFor(() => reasons.includes('io server disconnect'), 'socket cut on the other edge', 5000);
  });

  it('pairs a wall through three nodes: the code shown through one, entered through another, collected through the third', async () => {
    const started = await call(edge1, 'POST', '/api/v1/pairing', undefined);
    expect(started.status).toBe(200);
    const { id, code, secret } = started.body as { id: string; code: string; secret: string };
    const collect = (n: ChildServer) => fetch(`${n.url}/api/v1/pairing/${id}/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret }) });
    expect((await collect(writer)).status).toBe(202);
    const admin = await login(edge2, 'admin');
    const approved = await call(edge2, 'POST', '/api/v1/displays', admin, { code: code.toLowerCase(), name: '三节点测试屏' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const paired = await collect(writer);
    expect(paired.status).toBe(200);
    const token = /cw_display=([^;]+)/.exec(paired.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeDefined();
    // The wall's credential works on every node; the pairing is gone once collected.
    const me = await call(edge1, 'GET', '/api/v1/auth/whoami', token!);
    expect(me.body).toMatchObject({ role: 'wall', displayName: '三节点测试屏', via: 'display' });
    expect((await collect(edge2)).status).toBe(410);
  });

  it('holds a lock-out earned through one edge on the other edge and the writer at once', async () => {
    const signIn = (n: ChildServer, password: string) =>
      fetch(`${n.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cgj', password }) });
    // One address's limit at an account is 5 failures in 15 minutes (auth-service.ts): the fifth locks it out for a minute.
    for (let i = 0; i < 5; i++) expect((await signIn(edge1, 'wrong-password')).status).toBe(401);
    for (const n of [edge2, writer]) {
      const refused = await signIn(n, 'citywindow-demo');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    }
  });

  it('counts an HTTP rate limit across nodes: a caller alternating between two edges gets the allowance once, then 429 with Retry-After', async () => {
    // Starting a pairing is allowed 10 times a minute per address (auth-routes.ts); earlier
    // tests may have used some, so the first answer says how many are left.
    const start = (n: ChildServer) => fetch(`${n.url}/api/v1/pairing`, { method: 'POST' });
    const first = await start(edge1);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('10');
    const left = Number(first.headers.get('x-ratelimit-remaining'));
    expect(left).toBeLessThan(10);
    for (let i = 1; i <= left; i++) {
      const r = await start(i % 2 === 1 ? edge2 : edge1);
      expect(r.status).toBe(200);
      // Each node sees the count the other made: one allowance, not one per node.
      expect(Number(r.headers.get('x-ratelimit-remaining'))).toBe(left - i);
    }
    for (const n of [edge1, edge2]) {
      const refused = await start(n);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
    }
  });

  it('moves a client whose edge dies to another node, which resumes it with deltas', async () => {
    const lb = await balancer(() => [edge2.url, edge1.url]);
    cleanups.push(() => lb.close());
    const token = await login(edge1, 'officer');
    const { client } = recordingClient(lb.url, ['cases'], { token });
    cleanups.push(() => client.close());
    const stream = watchStream(client, 'cases');
    await waitFor(() => client.status().state === 'live' && stream.length > 0, 'client live through the second edge');
    edge2.signal('SIGKILL');
    await edge2.exited;
    await waitFor(() => client.status().state !== 'live', 'client noticed');
    await waitFor(() => client.status().state === 'live', 'client live again (through the first edge)', 10_000);
    // A change after the move arrives as the next delta: the position carried over.
    const created = await call(edge1, 'POST', '/api/v1/cases', token, report);
    const id = created.body['id'] as string;
    await waitFor(() => client.entries('cases')[id] !== undefined, 'new case through the first edge');
    expect(stream.filter((e) => e.kind === 'snapshot')).toHaveLength(1);
    const seqs = stream.flatMap((e) => (e.kind === 'delta' ? [e.d.seq] : [e.s.seq]));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });

  it('hands the writer over when it is killed: the epoch and seq continue, nothing counted twice', async () => {
    const admin = await login(edge1, 'admin');
    const { client } = recordingClient(edge1.url, ['vitals:city'], { token: admin });
    cleanups.push(() => client.close());
    const stream = watchStream(client, 'vitals:city');
    const calls = () => (client.entries('vitals:city')['hotline.calls_today'] as VitalReading | undefined)?.value;
    await waitFor(() => client.status().state === 'live', 'client on b live');
    const before = calls() ?? 0;
    const now = (await call(edge1, 'GET', '/api/v1/time', admin)).body['now'] as number;
    expect((await hotlineCalls(edge1, admin, now, 5, 'first')).status).toBe(202);
    await waitFor(() => calls() === before + 5, 'five calls counted');

    writer.signal('SIGKILL');
    const killedAt = Date.now();
    await writer.exited;
    await waitUntil(async () => (await writerNode()) === edge1Id, 'the surviving node holds the lease');
    const leaseAt = Date.now();
    // The new writer claimed the store with its lease's fence: the old writer could write nothing more.
    const lease = parseLease(await redis.redis.get(keys.leader))!;
    const db = new pgLib.Client({ connectionString: databaseUrl });
    await db.connect();
    // BIGINT comes back as text from a plain client.
    await waitUntil(async () => Number((await db.query<{ fence: string }>('SELECT fence FROM writer_epoch')).rows[0]!.fence) === lease.fence, 'the store fenced at the new lease');
    await db.end();
    // The new writer answers writes once its state is restored.
    let accepted: { status: number };
    do accepted = await hotlineCalls(edge1, admin, now, 3, 'second');
    while (accepted.status === 503);
    const writingAt = Date.now();
    expect(accepted.status).toBe(202);
    await waitFor(() => calls() === before + 8, 'eight calls counted, not thirteen', 10_000);
    process.stderr.write(`failover: lease taken ${leaseAt - killedAt} ms, writes accepted ${writingAt - killedAt} ms after the writer was killed\n`);
    expect(writingAt - killedAt).toBeLessThan(10_000);

    expect(stream.filter((e) => e.kind === 'snapshot')).toHaveLength(1);
    const all = stream.map((e) => (e.kind === 'delta' ? e.d : e.s));
    expect(new Set(all.map((e) => e.epoch)).size).toBe(1);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => all[0]!.seq + i));
    // The same ids again (a source retrying across the failover) count once; one new call
    // behind them shows they were through.
    expect((await hotlineCalls(edge1, admin, now, 3, 'second')).status).toBe(202);
    expect((await hotlineCalls(edge1, admin, now, 1, 'third')).status).toBe(202);
    await waitFor(() => calls() === before + 9, 'the one new call counted', 5000);
  });
});

describe('the Redis pieces on their own', () => {
  const log = pino({ level: 'silent' });
  const entry = (value: number) => ({ value, status: 'normal', asOf: 1 }) as VitalReading;
  const delta = (seq: number, put: Record<string, VitalReading>, remove: string[] = []): Delta => ({ topic: 'vitals:city', epoch: 'e', seq, put, remove });

  it('stores a delta only under the current lease and only when it continues the seq', async () => {
    const k = clusterKeys('fence-test:');
    const store = new RedisTopicStore(redis.redis, k, 100);
    await redis.redis.set(k.leader, '1|old|http://old');
    await store.append(delta(1, { a: entry(1), b: entry(2) }), '1|old|http://old');
    // A new writer takes over; the old one, still running, is refused.
    await redis.redis.set(k.leader, '2|new|http://new');
    await expect(store.append(delta(2, { a: entry(9) }), '1|old|http://old')).rejects.toBeInstanceOf(FencedOut);
    await expect(store.append(delta(3, { a: entry(3) }), '2|new|http://new')).rejects.toThrow(/does not continue/);
    await store.append(delta(2, { a: entry(3) }, ['b']), '2|new|http://new');
    const loaded = await store.load();
    expect(loaded.topics.get('vitals:city')).toEqual({ seq: 2, entries: new Map([['a', entry(3)]]) });
    expect(await redis.redis.xlen(k.deltas)).toBe(2);
  });

  it('gives the lease to one candidate, with a higher fence each time, and to the next when it is freed', async () => {
    const k = clusterKeys('lease-test:');
    const elected: string[] = [];
    const one = new Leadership(redis.redis, k, { node: 'one', url: 'http://one', ttlMs: 600 }, log);
    const two = new Leadership(redis.redis, k, { node: 'two', url: 'http://two', ttlMs: 600 }, log);
    one.start((lease) => elected.push(lease), () => undefined);
    await waitFor(() => elected.length === 1, 'one elected');
    two.start((lease) => elected.push(lease), () => undefined);
    // Past the lease's time to live: one has renewed it, and two's tries (every 200 ms) failed.
    await new Promise((r) => setTimeout(r, 700));
    expect(elected).toEqual(['1|one|http://one']);
    await one.stop();
    await waitFor(() => elected.length === 2, 'two elected after one freed the lease');
    expect(elected[1]).toBe('2|two|http://two');
    await two.stop();
  });
});
