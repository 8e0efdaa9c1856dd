import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach } from 'vitest';
import type { AirReading, DeltaBatch, Topic, TopicEntries } from '@cw/contracts';
import { parseSnapshot, unpackDeltas } from '@cw/sync';
import { connectLive, type LiveClient, type LiveClientOptions } from '@cw/live-client';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../app.ts';

/** 2026-11-27 10:00 in Shaoyang: tests run on a simulated clock so windows close fast and
 * no test ever straddles local midnight. */
export const TEST_START = '2026-11-27T10:00:00+08:00';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cw-test-'));
}

/** Starts a real server on a random loopback port with the simulator off and demo users. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    DEMO: 'on',
    // Tests drive hundreds of writes a minute as one identity.
    WRITE_RATE_LIMIT: '100000',
    TICK_MS: '100',
    SIM_START: TEST_START,
    DATA_DIR: env['DATA_DIR'] ?? tempDataDir(),
    WEB_DIST: path.join(os.tmpdir(), 'cw-no-web'),
    ...env,
  });
  return startServer(config, pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }));
}

/** Shaoyang's urban (national-control) stations: only their readings count for the city (HJ 663). */
const URBAN_STATION: Record<string, string> = { '430502': 'sq-1', '430503': 'dx-1', '430511': 'bt-1' };

/** An air reading; in an urban district it comes from a national station, so it counts for the city too. */
export function airReading(division: string, ts: number, pm25: number, id?: string): AirReading {
  return {
    kind: 'air.reading',
    ...(id === undefined ? {} : { id }),
    ts,
    division,
    station: URBAN_STATION[division] ?? `test-${division}`,
    values: { pm25, pm10: pm25 * 1.5, so2: 8, no2: 30, co: 0.8, o3: 60 },
  };
}

export const DEMO_PASSWORD = 'citywindow-demo';

/** Signs a demo user in (leader, shift, officer, inspector, cgj, admin) and returns the session token. */
export async function login(server: { url: string }, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A JSON request with a bearer token; returns the status and the parsed body. */
export async function call(
  server: { url: string },
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const adminTokens = new WeakMap<object, string>();

/** Posts raw events as the demo administrator (who may ingest). */
export async function postEvents(server: RunningServer, events: unknown[]): Promise<{ status: number; body: Record<string, unknown> }> {
  let token = adminTokens.get(server);
  if (token === undefined) adminTokens.set(server, (token = await login(server, 'admin')));
  return call(server, 'POST', '/api/v1/events', token, { events });
}

/** A live client that records what it saw, for assertions. Pass a token (see login). */
export function recordingClient(url: string, topics: Topic[], extra: Partial<LiveClientOptions> = {}) {
  const seen: { topic: Topic; entries: TopicEntries }[] = [];
  const client: LiveClient = connectLive({
    url,
    topics,
    reconnectDelayMaxMs: 300,
    onEntries: (topic, entries) => seen.push({ topic, entries }),
    ...extra,
  });
  return { client, seen };
}

export async function waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Pairs a wall display the way a wall and an administrator do; returns its credential. */
export async function pairDisplay(server: { url: string }, name = 'Test wall'): Promise<string> {
  const started = await call(server, 'POST', '/api/v1/pairing', undefined);
  const { id, code, secret } = started.body as { id: string; code: string; secret: string };
  const admin = await login(server, 'admin');
  const approved = await call(server, 'POST', '/api/v1/displays', admin, { code, name });
  if (approved.status !== 201) throw new Error(`pairing refused: ${JSON.stringify(approved.body)}`);
  const res = await fetch(`${server.url}/api/v1/pairing/${id}/collect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  const token = /cw_display=([^;]+)/.exec(cookie)?.[1];
  if (token === undefined) throw new Error(`no display cookie: ${res.status} ${cookie}`);
  return token;
}

/** Creates a data-source API key as the administrator. */
export async function sourceKey(server: { url: string }, name = 'Test source'): Promise<string> {
  const r = await call(server, 'POST', '/api/v1/sources', await login(server, 'admin'), { name });
  return r.body['key'] as string;
}

/**
 * For a test file: what is pushed on `cleanups` (servers, clients) is stopped after each
 * test, newest first; `server()` starts a test server registered there.
 */
export function cleanupAfterEach() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()!();
  });
  const server = async (env: Record<string, string> = {}): Promise<RunningServer> => {
    const s = await startTestServer(env);
    cleanups.push(() => s.stop());
    return s;
  };
  return { cleanups, server };
}

/**
 * What a raw socket receives, message by message, with the wire encoding undone: a snapshot
 * as an object, and each delta of a `deltas` batch as its own `delta` record (`batch` counts
 * the socket message it came in).
 */
export function recordWire(socket: { onAny(listener: (event: string, msg: unknown) => void): unknown }) {
  const messages: { event: string; msg: unknown; batch?: number }[] = [];
  let batches = 0;
  socket.onAny((event, msg) => {
    if (event === 'snapshot') messages.push({ event, msg: parseSnapshot(msg as string) });
    else if (event === 'deltas') {
      batches += 1;
      for (const d of unpackDeltas(msg as DeltaBatch)) messages.push({ event: 'delta', msg: d, batch: batches });
    } else messages.push({ event, msg });
  });
  return messages;
}
