import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(root, 'apps/server/dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * How long a start may take to become ready: as long as the calling test may (less a margin to
 * report the server's output), at least 2 minutes. In a `beforeAll` hook, `test.info().timeout`
 * is the test's limit, not the one the hook raised with `test.setTimeout` (Playwright 1.65), so a
 * hook that raises it passes its own budget (`readyWithinMs`).
 */
function readyBudgetMs(): number {
  let limit = 0;
  try {
    limit = test.info().timeout;
  } catch {
    // called outside a test or hook: the minimum
  }
  return Math.max(120_000, limit - 10_000);
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** Starts a new server process on the same port and data directory. */
  restart(): Promise<void>;
}

/**
 * Runs the built server (the same artefact `npm start` runs) as a child process on a free
 * loopback port with its own data directory.
 */
export async function startServerProcess(env: Record<string, string> = {}, options: { readyWithinMs?: number } = {}): Promise<ServerProcess> {
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  // A test may fix the port (e.g. to put same-origin URLs in a profile); else any free one.
  const port = env['PORT'] === undefined ? await freePort() : Number(env['PORT']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-'));
  let child: ChildProcess | undefined;
  let log = '';

  const launch = async () => {
    // Every browser of a run shares one loopback address and signs in many times a minute.
    child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'on', ANON_RATE_LIMIT: '100000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    // A worker that ends without the spec's afterAll (a timed-out test's teardown) takes its
    // server along, rather than leaving it to load the machine for the specs after it.
    const started = child;
    const orphan = () => started.kill('SIGKILL');
    process.once('exit', orphan);
    started.once('exit', () => process.off('exit', orphan));
    // A first start writes SIM_BACKFILL_DAYS of simulated history before it listens: CPU
    // work, which takes minutes on a loaded machine.
    const until = Date.now() + (options.readyWithinMs ?? readyBudgetMs());
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) {
        // Not left running: its backfill would slow every later test.
        child.kill('SIGKILL');
        throw new Error(`server did not become ready:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null) c.kill('SIGKILL');
  };

  await launch();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output: () => log,
    stop,
    restart: launch,
  };
}

const HOUR_MS = 3_600_000;
const SHANGHAI_MS = 8 * HOUR_MS;

/**
 * The latest past instant at `hour` o'clock in Shaoyang (UTC+8), as SIM_START: a test whose
 * figures depend on the time of day (today's closed hours, the day's counts) starts its
 * server's clock there, so it sees the same day whenever CI runs it, even just after midnight.
 */
export function lastCityHour(hour: number, now = Date.now()): string {
  const local = now + SHANGHAI_MS;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  let at = dayStart + hour * HOUR_MS;
  if (at > local) at -= 86_400_000;
  return new Date(at - SHANGHAI_MS).toISOString();
}

/**
 * Like lastCityHour, on the latest Monday-to-Friday: a test that expects the halls' figures
 * to have values needs the halls open (while they are shut their queue gauges read closed:
 * no value, though not late). Public holidays are not skipped.
 */
export function lastCityWeekdayHour(hour: number, now = Date.now()): string {
  let at = Date.parse(lastCityHour(hour, now));
  while ([0, 6].includes(new Date(at + SHANGHAI_MS).getUTCDay())) at -= 86_400_000;
  return new Date(at).toISOString();
}
