import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { AirReading, Topic, TopicEntries } from '@cw/contracts';
import { connectLive, type LiveClient, type LiveClientOptions } from '@cw/live-client';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../app.ts';

/** 2026-11-27 10:00 in Shaoyang: tests run on a simulated clock so windows close fast and
 * no test ever straddles local midnight. */
export const TEST_START = '2026-11-27T10:00:00+08:00';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cw-test-'));
}

/** Starts a real server on a random loopback port with the simulator off. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    TICK_MS: '100',
    SIM_START: TEST_START,
    DATA_DIR: env['DATA_DIR'] ?? tempDataDir(),
    WEB_DIST: path.join(os.tmpdir(), 'cw-no-web'),
    ...env,
  });
  return startServer(config, pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }));
}

export function airReading(division: string, ts: number, pm25: number, id?: string): AirReading {
  return {
    kind: 'air.reading',
    ...(id === undefined ? {} : { id }),
    ts,
    division,
    station: `test-${division}`,
    values: { pm25, pm10: pm25 * 1.5, so2: 8, no2: 30, co: 0.8, o3: 60 },
  };
}

export async function postEvents(server: RunningServer, events: unknown[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A live client that records what it saw, for assertions. */
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
