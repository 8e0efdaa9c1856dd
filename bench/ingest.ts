// bench:ingest — raw events per second through HTTP into the real server (a child process,
// SQLite journal with synchronous=FULL, rollups and the 1 s tick running), for each way in:
// NDJSON and a JSON array on POST /api/v1/ingest, and the all-or-nothing JSON document on
// POST /api/v1/events as the peer it replaces. Air readings from 12 divisions, every event
// with its source's id, 8 source keys, requests `INFLIGHT` at a time. Reports the server's
// CPU µs per event (from /proc, so a busy machine's waiting is not counted), events/s per
// server core (1e6 / that), the same net of the idle server's CPU (its tick, sampled for 3 s
// before each phase: on a loaded machine, where few events arrive a second, that fixed cost
// would otherwise count against each event), wall-clock events/s, request p99, the server's
// RSS, and beside them the in-process rollup engine on the same events in the same run.
// BENCH_SECONDS (per phase), BENCH_BATCH, BENCH_INFLIGHT, BENCH_SOURCES, BENCH_WAYS (e.g. `ndjson`); BENCH_STORAGE=memory takes the
// journal out (to see what the HTTP path costs without it); BENCH_CPU_PROF=dir writes the
// server's --cpu-prof there. With BENCH_BATCH ≤ 100 it also measures the journal's group commit in
// process (SOURCES submissions of BATCH events at once, against one by one). Prints one JSON line last.
//
// `--soak [SECONDS]`: after the NDJSON phase has measured the rate, sends NDJSON at 80% of it
// for SECONDS (600; BENCH_SOAK_MINUTES also sets it), paced per second, and samples the server's
// RSS and V8 heap every 10 s: start, end and the trend per minute are in the last line. The
// journal's SQLite page cache (64 MiB) fills over the first minutes by design; flat means the
// memory levels off: over the second half of the run RSS rises by at most SOAK_GROWTH_MB
// (least-squares trend), and nothing is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AirReading } from '@cw/contracts';
import { WINDOW_FAMILIES, forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine } from '@cw/rollup';
import { systemClock } from '../apps/server/src/clock.ts';
import { Serial } from '../apps/server/src/serial.ts';
import { openSqliteStorage } from '../apps/server/src/storage/sqlite.ts';
import { testIngestor } from '../apps/server/src/testing/ingestor-fixture.ts';
import { ServerProcess, freePort, login, sleep } from '../fault/util.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 6);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 5000);
const INFLIGHT = Number(process.env['BENCH_INFLIGHT'] ?? 4);
/** Source keys; requests take them in turn (BENCH_SOURCES=200 BENCH_BATCH=5 BENCH_INFLIGHT=200: many small senders at once). */
const SOURCES = Number(process.env['BENCH_SOURCES'] ?? 8);
const CPU_PROF = process.env['BENCH_CPU_PROF'];
const STORAGE = process.env['BENCH_STORAGE'] === 'memory' ? 'memory' : 'sqlite';
const DIVISIONS = ['430502', '430503', '430511', '430522', '430523', '430524', '430525', '430527', '430528', '430529', '430581', '430582'];
const SOAK_AT = process.argv.indexOf('--soak');
const SOAK = SOAK_AT !== -1;
/** Extra node flags for the server (e.g. `--max-semi-space-size=64`), space-separated. */
const NODE_ARGS = process.env['BENCH_NODE_ARGS']?.split(' ').filter((a) => a !== '') ?? [];
/** BENCH_WAYS=ndjson,jsonArray limits the phases (a profile of one way alone). */
const WAYS = (process.env['BENCH_WAYS']?.split(',') ?? ['ndjson', 'jsonArray', 'eventsDocument']) as Way[];
const SOAK_SECONDS_ARG = Number(process.argv[SOAK_AT + 1]);
const SOAK_MINUTES = SOAK && Number.isFinite(SOAK_SECONDS_ARG) && SOAK_SECONDS_ARG > 0 ? SOAK_SECONDS_ARG / 60 : Number(process.env['BENCH_SOAK_MINUTES'] ?? 10);
/** Allowed RSS rise over the second half of a soak (trend), MB. */
const SOAK_GROWTH_MB = 16;
const TICKS_PER_SEC = 100;
/** NDJSON requests sent before the first phase, not measured. */
const WARMUP_BATCHES = 10;
/** How long the idle server's CPU is sampled before each phase, ms. */
const IDLE_SAMPLE_MS = 3000; // Linux USER_HZ: /proc/<pid>/stat counts CPU in these.

function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat; index 11 and 12 after the ") " split.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
}

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : 0;
}

let serial = 0;
/** A batch of readings from one source, with unique ids, in the last half minute of event time. */
function readings(n: number, now: number): AirReading[] {
  const out: AirReading[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = serial++;
    const division = DIVISIONS[k % DIVISIONS.length]!;
    out[i] = {
      kind: 'air.reading',
      id: `r${k}`,
      ts: now - (k % 30_000),
      division,
      station: `st-${division}`,
      values: { pm25: 30 + (k % 50), pm10: 60 + (k % 70), so2: 8, no2: 25 + (k % 20), co: 0.8, o3: 50 + (k % 60) },
    };
  }
  return out;
}

type Way = 'ndjson' | 'jsonArray' | 'eventsDocument';
const encode: Record<Way, (events: AirReading[]) => { url: string; type: string; body: string }> = {
  ndjson: (e) => ({ url: '/api/v1/ingest', type: 'application/x-ndjson', body: e.map((x) => JSON.stringify(x)).join('\n') + '\n' }),
  jsonArray: (e) => ({ url: '/api/v1/ingest', type: 'application/json', body: JSON.stringify(e) }),
  // The all-or-nothing document allows 5,000 events at most.
  eventsDocument: (e) => ({ url: '/api/v1/events', type: 'application/json', body: JSON.stringify({ events: e }) }),
};

interface PhaseResult {
  way: Way;
  events: number;
  seconds: number;
  eventsPerSec: number;
  serverCpuUsPerEvent: number;
  eventsPerSecPerServerCore: number;
  /** The same less the server's CPU when idle (its 1 s tick, measured just before) over the phase's duration. */
  netOfIdleCpuUsPerEvent: number;
  netOfIdlePerServerCore: number;
  requestP99Ms: number;
  refusedRequests: number;
  rssMB: number;
  /** Ingest submissions per journal transaction over the phase (the group commit; before it, 1). */
  submissionsPerCommit: number;
}

async function phase(server: ServerProcess, keys: string[], way: Way): Promise<PhaseResult> {
  const pid = server.pid!;
  // Bodies are built ahead (the client's JSON work is not the server's); their event times
  // are within the late-event allowance for the whole phase.
  const bodies: { url: string; type: string; body: string }[] = [];
  const perPhase = Math.ceil((SECONDS * 100_000) / BATCH);
  for (let i = 0; i < perPhase; i++) bodies.push(encode[way](readings(BATCH, Date.now() + 5_000)));
  const latencies: number[] = [];
  let events = 0;
  let refused = 0;
  let next = 0;
  const idle0 = serverCpuMs(pid);
  await sleep(IDLE_SAMPLE_MS);
  const idleMsPerSec = ((serverCpuMs(pid) - idle0) * 1000) / IDLE_SAMPLE_MS;
  const groups0 = await journalGroups(server);
  const cpu0 = serverCpuMs(pid);
  const t0 = performance.now();
  const until = t0 + SECONDS * 1000;
  const worker = async (w: number) => {
    while (performance.now() < until && next < bodies.length) {
      const b = bodies[next++]!;
      const started = performance.now();
      const res = await fetch(`${server.url}${b.url}`, { method: 'POST', headers: { 'content-type': b.type, authorization: `Bearer ${keys[(w + next) % keys.length]}` }, body: b.body });
      const reply = (await res.json()) as { accepted?: number; refused?: number };
      latencies.push(performance.now() - started);
      if (res.status !== 202 || (reply.refused ?? 0) > 0) {
        refused++;
        if (res.status === 503 || res.status === 429) await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
        else throw new Error(`${way}: HTTP ${res.status} ${JSON.stringify(reply).slice(0, 300)}`);
      }
      events += reply.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, (_, w) => worker(w)));
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = serverCpuMs(pid) - cpu0;
  const groups1 = await journalGroups(server);
  latencies.sort((a, b) => a - b);
  const usPerEvent = (cpuMs * 1000) / events;
  const netUsPerEvent = ((cpuMs - idleMsPerSec * seconds) * 1000) / events;
  return {
    way,
    events,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSec: Math.round(events / seconds),
    serverCpuUsPerEvent: Math.round(usPerEvent * 100) / 100,
    eventsPerSecPerServerCore: Math.round(1e6 / usPerEvent),
    netOfIdleCpuUsPerEvent: Math.round(netUsPerEvent * 100) / 100,
    netOfIdlePerServerCore: Math.round(1e6 / netUsPerEvent),
    requestP99Ms: Math.round(latencies[Math.floor(0.99 * (latencies.length - 1))]! * 10) / 10,
    refusedRequests: refused,
    rssMB: rssMB(pid),
    submissionsPerCommit: Math.round(((groups1.submissions - groups0.submissions) / (groups1.commits - groups0.commits)) * 100) / 100,
  };
}

interface SoakResult {
  targetPerSec: number;
  minutes: number;
  events: number;
  eventsPerSec: number;
  refusedRequests: number;
  /** How far the sender was behind its schedule when the run ended (the server could not keep up), seconds. */
  behindAtEndSec: number;
  rssStartMB: number;
  rssEndMB: number;
  rssMaxMB: number;
  /** Least-squares slope of RSS over the second half, MB per minute. */
  rssSlopeSecondHalfMBPerMin: number;
  /** The same over the whole run. */
  rssSlopeMBPerMin: number;
  heapStartMB: number;
  heapEndMB: number;
  heapSlopeSecondHalfMBPerMin: number;
  flat: boolean;
  /** RSS every 10 s, MB. */
  rssSamplesMB: number[];
  /** The V8 heap in use at the same moments (the rest of RSS is native: SQLite's page cache, buffers), MB. */
  heapSamplesMB: number[];
}

/** The server's V8 heap in use, MB, from its Prometheus metrics (loopback scrapes need no token). */
/** The server's journal group commit so far: transactions, and the submissions they held. */
async function journalGroups(server: ServerProcess): Promise<{ commits: number; submissions: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const n = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { commits: n('cw_ingest_journal_group_submissions_count'), submissions: n('cw_ingest_journal_group_submissions_sum') };
}

async function heapUsedMB(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const m = /^cw_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return m ? Math.round(Number(m[1]) / 104_857.6) / 10 : NaN;
}

/** Least-squares slope of `y` over the samples' time, per minute. */
function trend<T extends { t: number }>(samples: readonly T[], y: (x: T) => number): number {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mt = mean(samples.map((x) => x.t));
  const my = mean(samples.map(y));
  return samples.reduce((a, x) => a + (x.t - mt) * (y(x) - my), 0) / samples.reduce((a, x) => a + (x.t - mt) ** 2, 0);
}

/** NDJSON at a fixed rate for SOAK_MINUTES, one second's events at a time; RSS sampled every 10 s. */
async function soak(server: ServerProcess, keys: string[], targetPerSec: number): Promise<SoakResult> {
  const pid = server.pid!;
  const perRequest = Math.max(1, Math.ceil(targetPerSec / (INFLIGHT * 2)));
  const samples: { t: number; mb: number; heap: number }[] = [];
  let events = 0;
  let refused = 0;
  let behindMs = 0;
  const t0 = performance.now();
  const end = t0 + SOAK_MINUTES * 60_000;
  let nextSample = t0;
  for (let second = 0; performance.now() < end; second++) {
    const due = t0 + second * 1000;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    behindMs = Math.max(0, -wait);
    if (performance.now() >= nextSample) {
      samples.push({ t: (performance.now() - t0) / 60_000, mb: rssMB(pid), heap: await heapUsedMB(server) });
      nextSample += 10_000;
    }
    const requests: Promise<void>[] = [];
    for (let sent = 0; sent < targetPerSec; sent += perRequest) {
      const n = Math.min(perRequest, targetPerSec - sent);
      const body = encode.ndjson(readings(n, Date.now() + 5_000));
      const key = keys[(second + sent) % keys.length]!;
      requests.push(
        fetch(`${server.url}${body.url}`, { method: 'POST', headers: { 'content-type': body.type, authorization: `Bearer ${key}` }, body: body.body }).then(async (res) => {
          const reply = (await res.json()) as { accepted?: number };
          if (res.status !== 202) refused++;
          events += reply.accepted ?? 0;
        }),
      );
    }
    await Promise.all(requests);
  }
  samples.push({ t: (performance.now() - t0) / 60_000, mb: rssMB(pid), heap: await heapUsedMB(server) });
  const minutes = (performance.now() - t0) / 60_000;
  const late = samples.filter((x) => x.t >= minutes / 2);
  const slope = trend(late, (x) => x.mb);
  return {
    targetPerSec,
    minutes: Math.round(minutes * 100) / 100,
    events,
    eventsPerSec: Math.round(events / (minutes * 60)),
    refusedRequests: refused,
    behindAtEndSec: Math.round(behindMs / 100) / 10,
    rssStartMB: samples[0]!.mb,
    rssEndMB: samples.at(-1)!.mb,
    rssMaxMB: Math.max(...samples.map((x) => x.mb)),
    rssSlopeSecondHalfMBPerMin: Math.round(slope * 100) / 100,
    rssSlopeMBPerMin: Math.round(trend(samples, (x) => x.mb) * 100) / 100,
    heapStartMB: samples[0]!.heap,
    heapEndMB: samples.at(-1)!.heap,
    heapSlopeSecondHalfMBPerMin: Math.round(trend(late, (x) => x.heap) * 100) / 100,
    flat: slope * (minutes / 2) <= SOAK_GROWTH_MB,
    rssSamplesMB: samples.map((x) => x.mb),
    heapSamplesMB: samples.map((x) => x.heap),
  };
}

interface GroupPeer {
  /** Submissions of all sources made at once: they share journal commits. */
  atOnceCpuUsPerEvent: number;
  atOnceCommits: number;
  /** The same submissions one after another, each awaited: a commit each, as every request paid before the group commit. */
  oneByOneCpuUsPerEvent: number;
  oneByOneCommits: number;
  rounds: number;
}

/**
 * The journal's group commit in process (no HTTP, no client to starve on a loaded machine):
 * SOURCES sources each submitting BATCH events, all at once and then one by one, on a
 * SQLite store as the server opens it, alternating three times; CPU of this process.
 */
async function groupCommitPeer(): Promise<GroupPeer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-groups-'));
  const storage = openSqliteStorage(dir);
  const ingestor = testIngestor(storage, new Serial(), systemClock());
  let commits = 0;
  ingestor.onGroup(() => commits++);
  const rounds = 5;
  const submissions = () =>
    Array.from({ length: SOURCES }, (_, s) => ({ source: { id: `peer-${s}`, kinds: null, maxEventsPerSec: null }, lines: readings(BATCH, Date.now()).map((event, i) => ({ line: i + 1, event, body: JSON.stringify(event) })) }));
  const measure = async (atOnce: boolean) => {
    const work = Array.from({ length: rounds }, submissions);
    const c0 = commits;
    const cpu0 = process.cpuUsage();
    for (const round of work) {
      if (atOnce) await Promise.all(round.map((x) => ingestor.submitLines(x.source, x.lines)));
      else for (const x of round) await ingestor.submitLines(x.source, x.lines);
    }
    const cpu = process.cpuUsage(cpu0);
    return { us: (cpu.user + cpu.system) / (rounds * SOURCES * BATCH), commits: commits - c0 };
  };
  const atOnce: number[] = [];
  const oneByOne: number[] = [];
  let atOnceCommits = 0;
  let oneByOneCommits = 0;
  for (let run = 0; run < 3; run++) {
    const a = await measure(true);
    const b = await measure(false);
    atOnce.push(a.us);
    oneByOne.push(b.us);
    atOnceCommits = a.commits;
    oneByOneCommits = b.commits;
  }
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const median = (xs: number[]) => Math.round([...xs].sort((x, y) => x - y)[1]! * 100) / 100;
  return { atOnceCpuUsPerEvent: median(atOnce), atOnceCommits, oneByOneCpuUsPerEvent: median(oneByOne), oneByOneCommits, rounds };
}

/** The in-process engine on readings like the ones sent, best of three: the peer in the same run. */
function rollupPeer(): number {
  const events = readings(400_000, Date.now());
  let best = Infinity;
  for (let run = 0; run < 4; run++) {
    const engine = new RollupEngine({ windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: 120 })), utcOffsetMs: 8 * 3_600_000, allowedLatenessMs: 120_000 });
    const c0 = process.cpuUsage();
    for (const e of events) {
      const scopes = scopesOf(e);
      forEachObservation(e, (series, value) => engine.add(series, scopes, e.ts, value));
    }
    const c = process.cpuUsage(c0);
    if (run > 0) best = Math.min(best, (c.user + c.system) / events.length);
  }
  return Math.round(1e6 / best);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-ingest-'));
  const server = new ServerProcess(await freePort(), {
    STORAGE,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    DEMO: 'on',
    LOG_LEVEL: 'warn',
    SIMULATOR: 'off',
    SIM_BACKFILL_DAYS: '0',
    WRITE_RATE_LIMIT: '1000000',
    // Every request in flight is let in: the figure is the CPU per event, not the gate's refusals.
    INGEST_MAX_STREAMS: String(Math.max(16, INFLIGHT)),
    WEB_DIST: path.join(dataDir, 'no-web'),
  }, [...NODE_ARGS, ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [])]);
  await server.start();
  try {
    const admin = await login(server.url, 'admin');
    const keys: string[] = [];
    for (let i = 0; i < SOURCES; i++) {
      const res = await fetch(`${server.url}/api/v1/sources`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ name: `bench ${i}` }) });
      keys.push(((await res.json()) as { key: string }).key);
    }
    // Warm-up, not measured: the first requests pay for compiling the path and growing the journal's file,
    // and each key's first request records that it was seen (a commit per key and minute, not per request).
    for (let i = 0; i < Math.max(WARMUP_BATCHES, SOURCES); i++) {
      const b = encode.ndjson(readings(BATCH, Date.now()));
      await (await fetch(`${server.url}${b.url}`, { method: 'POST', headers: { 'content-type': b.type, authorization: `Bearer ${keys[i % keys.length]}` }, body: b.body })).text();
    }
    const results: PhaseResult[] = [];
    for (const way of SOAK ? (['ndjson'] as const) : WAYS) {
      results.push(await phase(server, keys, way));
      const r = results.at(-1)!;
      console.log(`${way}: ${r.events} events in ${r.seconds} s = ${r.eventsPerSec}/s; server ${r.serverCpuUsPerEvent} µs CPU/event = ${r.eventsPerSecPerServerCore}/s per core (${r.netOfIdleCpuUsPerEvent} µs = ${r.netOfIdlePerServerCore}/s net of the idle server); p99 ${r.requestP99Ms} ms; RSS ${r.rssMB} MB; ${r.submissionsPerCommit} submissions per journal commit`);
    }
    const soaked = SOAK ? await soak(server, keys, Math.round(results[0]!.eventsPerSec * 0.8)) : null;
    if (soaked) console.log(`soak: ${soaked.events} events in ${soaked.minutes} min at ${soaked.eventsPerSec}/s (target ${soaked.targetPerSec}/s); RSS ${soaked.rssStartMB} → ${soaked.rssEndMB} MB (max ${soaked.rssMaxMB}; second half ${soaked.rssSlopeSecondHalfMBPerMin} MB/min); heap ${soaked.heapStartMB} → ${soaked.heapEndMB} MB (second half ${soaked.heapSlopeSecondHalfMBPerMin} MB/min); refused ${soaked.refusedRequests}`);
    const rollupPerCore = rollupPeer();
    console.log(`in-process rollup engine: ${rollupPerCore} events/s per core`);
    // Small requests: the group commit's own figure, in process (a loaded machine starves the HTTP client first).
    const groups = BATCH <= 100 ? await groupCommitPeer() : null;
    if (groups) console.log(`in-process journal, ${SOURCES} sources × ${BATCH} events, ${groups.rounds} rounds: at once ${groups.atOnceCpuUsPerEvent} µs CPU/event in ${groups.atOnceCommits} commits; one by one ${groups.oneByOneCpuUsPerEvent} µs in ${groups.oneByOneCommits} commits`);
    const ndjson = results[0]!;
    console.log(
      JSON.stringify({
        bench: 'ingest',
        ndjsonPerServerCore: ndjson.eventsPerSecPerServerCore,
        ndjsonPerServerCoreNetOfIdle: ndjson.netOfIdlePerServerCore,
        rollupPerCore,
        httpCostVsRollup: Math.round((rollupPerCore / ndjson.eventsPerSecPerServerCore) * 10) / 10,
        goalPerCore: 200_000,
        ok: ndjson.eventsPerSecPerServerCore >= 200_000 && (soaked === null || (soaked.flat && soaked.refusedRequests === 0)),
        ...(soaked ? { soak: soaked } : {}),
        ...(groups ? { groupCommitInProcess: groups } : {}),
        phases: results,
        storage: STORAGE,
        batch: BATCH,
        inflight: INFLIGHT,
        sources: SOURCES,
        loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
      }),
    );
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
