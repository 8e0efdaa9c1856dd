// fault:kill9 — kill -9 the real server at random moments under concurrent raw-event
// ingest, case intake, case commands and live socket clients, restart it on the same data
// directory each time, then check that every write it acknowledged is on disk, that the
// SQLite file is intact and that every socket client converged. Progress goes to stderr;
// the last line of stdout is one JSON object. Usage: npm run fault:kill9 -- --rounds 50
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Topic } from '@cw/contracts';
import { connectLive, type LiveClient } from '@cw/live-client';
import { journalLines } from '../apps/server/src/storage/sqlite-rollups.ts';
import { ServerProcess, canonicalJson, freePort, login, mulberry32, parseFlags, sleep } from './util.ts';

const DIVISIONS = ['430502', '430503', '430511', '430522', '430523', '430524'];
/** What the socket clients hold replicas of: everything a duty officer's console watches. */
const TOPICS: Topic[] = ['cases', 'dispatch', 'system', 'alerts', 'emergencies'];

export interface Kill9Options {
  rounds: number;
  /** Seeds the kill moments and the load, so a failing run can be repeated. */
  seed: number;
  /** Concurrent socket clients. */
  clients: number;
  /** Longest time the load runs before a kill, ms (the moment is uniform below it). */
  maxLoadMs: number;
  log: (line: string) => void;
}

export interface Kill9Result {
  rounds: number;
  acknowledgedWrites: number;
  acknowledgedEvents: number;
  acknowledgedCases: number;
  acknowledgedCommands: number;
  lost: number;
  /** The first lost writes, to start a diagnosis from. */
  lostSample: string[];
  integrity: string;
  clients: number;
  clientsConverged: number;
  seed: number;
  ms: number;
}

export interface Acknowledged {
  events: Set<string>;
  /** Case id → the highest version the server acknowledged for it. */
  cases: Map<string, number>;
  commands: number;
}

async function post(url: string, token: string, body: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> } | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    // The server died mid-request: the write was not acknowledged, so it may or may not be there.
    return null;
  }
}

/** One round of load until `stop` is set: two ingest loops and two case writers. */
function driveLoad(url: string, tokens: { source: string; officer: string }, ack: Acknowledged, rnd: () => number, round: number, stop: { now: boolean }): Promise<void>[] {
  let n = 0;
  const ingest = async (worker: number) => {
    while (!stop.now) {
      const size = 1 + Math.floor(rnd() * 40);
      const ts = Date.now();
      const events = Array.from({ length: size }, () => {
        const id = `k9-${round}-${worker}-${n++}`;
        const pm25 = 10 + Math.floor(rnd() * 200);
        const division = DIVISIONS[Math.floor(rnd() * DIVISIONS.length)]!;
        return { kind: 'air.reading', id, ts, division, station: `k9-${division}`, values: { pm25, pm10: pm25 * 1.5, so2: 8, no2: 30, co: 0.8, o3: 60 } };
      });
      const r = await post(`${url}/api/v1/events`, tokens.source, { events });
      if (r === null) return;
      if (r.status === 202) for (const e of events) ack.events.add(e.id);
    }
  };
  const cases = async (worker: number) => {
    let k = 0;
    while (!stop.now) {
      const report = {
        title: `断电测试 ${round}-${worker}-${k}`,
        description: 'kill -9 测试',
        channel: 'grid_inspector',
        category: 'city_appearance',
        urgency: 'normal',
        division: DIVISIONS[k % DIVISIONS.length],
        location: [111.48 + rnd() * 0.01, 27.23 + rnd() * 0.01],
      };
      const created = await post(`${url}/api/v1/cases`, tokens.officer, report, { 'idempotency-key': `k9-${round}-${worker}-${k++}` });
      if (created === null) return;
      if (created.status !== 201 && created.status !== 200) continue;
      const id = created.body['id'] as string;
      ack.cases.set(id, Math.max(ack.cases.get(id) ?? 0, created.body['version'] as number));
      // verify then register: two acknowledged commands, each a new version on disk.
      let version = created.body['version'] as number;
      for (const action of ['verify', 'register'] as const) {
        if (stop.now) break;
        const r = await post(`${url}/api/v1/cases/${id}/commands`, tokens.officer, { caseId: id, expectedVersion: version, action, comment: 'kill -9' });
        if (r === null) return;
        if (r.status !== 200) break;
        version = r.body['version'] as number;
        ack.cases.set(id, Math.max(ack.cases.get(id) ?? 0, version));
        ack.commands += 1;
      }
    }
  };
  return [ingest(0), ingest(1), cases(0), cases(1)];
}

/** Waits until every client's replica of every topic equals a fresh snapshot. */
async function converged(url: string, token: string, clients: LiveClient[], timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  let ok = 0;
  while (Date.now() < until) {
    const got = new Set<Topic>();
    const fresh = connectLive({ url, token, topics: TOPICS, onEntries: (t) => got.add(t) });
    const freshUntil = Date.now() + 20_000;
    while (got.size < TOPICS.length && Date.now() < freshUntil) await sleep(50);
    const expected = TOPICS.map((t) => canonicalJson(fresh.entries(t)));
    fresh.close();
    ok = clients.filter((c) => c.status().state === 'live' && TOPICS.every((t, i) => canonicalJson(c.entries(t)) === expected[i])).length;
    if (got.size === TOPICS.length && ok === clients.length) return ok;
    await sleep(500);
  }
  return ok;
}

/** Reads the store after the last stop, read-only: which acknowledged writes are missing. */
export function audit(dataDir: string, ack: Acknowledged): { integrity: string; lost: string[] } {
  const db = new Database(path.join(dataDir, 'city-window.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const lost: string[] = [];
    // The journal keys a source's events by source and id; the event's own id is in its body.
    const journaled = new Set(journalLines(db).map((l) => (JSON.parse(l) as { id?: string }).id));
    for (const id of ack.events) if (!journaled.has(id)) lost.push(`event ${id}`);
    const caseVersion = db.prepare('SELECT version FROM cases WHERE id = ?').pluck();
    for (const [id, version] of ack.cases) {
      const stored = caseVersion.get(id) as number | undefined;
      if (stored === undefined) lost.push(`case ${id}`);
      else if (stored < version) lost.push(`case ${id} at version ${stored}, acknowledged ${version}`);
    }
    return { integrity, lost };
  } finally {
    db.close();
  }
}

export async function runKill9(opts: Kill9Options): Promise<Kill9Result> {
  const started = Date.now();
  const rnd = mulberry32(opts.seed);
  // Kill moments from their own sequence: the same seed kills at the same moments whatever the load drew.
  const killAt = mulberry32(opts.seed ^ 0x9e3779b9);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-kill9-'));
  const server = new ServerProcess(await freePort(), {
    STORAGE: 'sqlite',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    DEMO: 'on',
    LOG_LEVEL: 'warn',
    WRITE_RATE_LIMIT: '1000000',
    // Every acknowledged raw event must still be in the journal at the end of the run.
    RAW_RETENTION_HOURS: '10000',
    WEB_DIST: path.join(os.tmpdir(), 'cw-no-web'),
  });
  const ack: Acknowledged = { events: new Set(), cases: new Map(), commands: 0 };
  const clients: LiveClient[] = [];
  try {
    await server.start();
    const officer = await login(server.url, 'officer');
    const admin = await login(server.url, 'admin');
    const key = await post(`${server.url}/api/v1/sources`, admin, { name: 'kill -9 source' });
    if (key?.status !== 201) throw new Error(`no source key: ${JSON.stringify(key)}`);
    const tokens = { source: key.body['key'] as string, officer };
    for (let i = 0; i < opts.clients; i++) {
      clients.push(connectLive({ url: server.url, token: officer, topics: TOPICS, onEntries: () => undefined, reconnectDelayMaxMs: 500 }));
    }

    for (let round = 1; round <= opts.rounds; round++) {
      const stop = { now: false };
      const load = driveLoad(server.url, tokens, ack, rnd, round, stop);
      await sleep(Math.floor(killAt() * opts.maxLoadMs));
      await server.kill9();
      stop.now = true;
      await Promise.all(load);
      opts.log(`round ${round}/${opts.rounds}: killed; acknowledged so far ${ack.events.size} events, ${ack.cases.size} cases, ${ack.commands} commands`);
      await server.start();
    }

    const clientsConverged = await converged(server.url, officer, clients, 60_000);
    for (const c of clients) c.close();
    clients.length = 0;
    await server.stop();
    const { integrity, lost } = audit(dataDir, ack);
    return {
      rounds: opts.rounds,
      acknowledgedWrites: ack.events.size + ack.cases.size + ack.commands,
      acknowledgedEvents: ack.events.size,
      acknowledgedCases: ack.cases.size,
      acknowledgedCommands: ack.commands,
      lost: lost.length,
      lostSample: lost.slice(0, 10),
      integrity,
      clients: opts.clients,
      clientsConverged,
      seed: opts.seed,
      ms: Date.now() - started,
    };
  } finally {
    for (const c of clients) c.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2), { rounds: 50, seed: Date.now() % 1_000_000, clients: 4, 'max-load-ms': 1500 });
  const result = await runKill9({
    rounds: flags.rounds,
    seed: flags.seed,
    clients: flags.clients,
    maxLoadMs: flags['max-load-ms'],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(JSON.stringify(result));
  const ok = result.lost === 0 && result.integrity === 'ok' && result.clientsConverged === result.clients && result.acknowledgedWrites > 0;
  process.exit(ok ? 0 : 1);
}
