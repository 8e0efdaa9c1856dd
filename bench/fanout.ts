// bench:fanout — N walls on one node, side by side with three peers in one run:
//   ours   the real socket gateway and topic registry, fed with simulated Shaoyang events
//          through the rollups and publishVitals every 1 s tick;
//   plain  plain Socket.IO broadcasting, once a tick, messages the size of ours;
//   naive  a server pushing every raw event of the tick to every client, one message each;
//   poll   every client polling a REST endpoint (the wall's topics, JSON) every 5 s.
// Each server runs in its own process; the clients run in separate processes too (socket.io-
// client, N/CLIENTS_PER_PROCESS of them). Per server: messages, bytes and vital-sign value
// changes delivered per server CPU-second, tick → client latency (p50/p99), server memory
// per connected client, and the time for all N to be back and updated after every
// connection is cut at once (a reconnect storm). Last line: one JSON object.
//
//   npm run bench:fanout -- --clients 1000[,5000,10000] [--measure 20] [--only ours,plain] [--feeds devices] [--cpu-prof [--cpu-prof-clients]] [--help]
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import type { DeltaBatch, RawEvent, Topic } from '@cw/contracts';
import type * as GatewayModule from '../apps/server/src/publish/socket-gateway.ts';

const SELF = fileURLToPath(import.meta.url);
const TICK_MS = 1000;
const POLL_MS = 5000;
const CLIENTS_PER_PROCESS = 2500;
const STORM_DEADLINE_MS = 60_000;
/** Where `--cpu-prof` writes the ours server's profile (open it in Chrome DevTools). */
const PROFILE_DIR = `${os.tmpdir()}/cw-fanout-profiles`;
const KINDS = ['ours', 'plain', 'naive', 'poll'] as const;
type Kind = (typeof KINDS)[number];
/** The raw events fed to ours, naive and poll: the simulator's (default), or with every device's own status reports added. */
type Feeds = 'simulator' | 'devices';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

type ToServer = { cmd: 'mark'; gc?: boolean } | { cmd: 'cut' } | { cmd: 'stop' };
interface ServerMark {
  kind: 'mark';
  cpuMs: number;
  rss: number;
  /** Heap in use after a full GC (on marks that ask for one): what is really retained. */
  heapAfterGc: number | null;
  sent: number;
  /** Raw events fed to the server since the last mark. */
  rawEvents: number;
  clients: number;
  /** Time in a tick's own work (new events, rollups, evaluation, publish), ms. */
  tickBlockP50: number;
  tickBlockMax: number;
  /** Event-loop delay since the last mark (perf_hooks, 10 ms resolution): any blocking, the fan-out's included. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** Since the storm's cut, ms: when each socket was connected again (sorted). */
  admittedAt: number[];
}
/** A client process's view of the reconnect storm. */
interface StormReport {
  fresh: number;
  converged: number;
  backAt: number[];
  /** Connection attempts that failed after the cut (socket.io-client's manager `error`). */
  stormErrors: number;
}
interface ServerTick {
  kind: 'tick';
  t: number;
  citySeq?: number;
}
interface ClientReport {
  kind: 'report';
  messages: number;
  bytes: number;
  valueChanges: number;
  observers: number;
  latencies: number[];
  connected: number;
  /** This client process's CPU time since the last reset, ms: the bench must not starve its own clients. */
  cpuMs: number;
  /** Disconnects seen since the start (each client reconnects by itself). */
  disconnects: number;
}

/** The wall's topics: the city, its divisions and the shared topics. */
async function wallTopics(): Promise<string[]> {
  const { cityProfileSchema } = await import('@cw/contracts');
  const profileJson = (await import('../profiles/shaoyang/profile.json', { with: { type: 'json' } })).default;
  const profile = cityProfileSchema.parse(profileJson);
  return ['vitals:city', ...profile.divisions.map((d) => `vitals:${d.code}`), 'alerts', 'feed', 'system', 'cases', 'dispatch', 'emergencies'];
}

/**
 * `--feeds devices`: the raw rate a city whose devices report one by one would send. The
 * simulator reports each of Shaoyang's 72 device fleets (15,295 cameras and 735 sensors, the
 * rest of the profile's 15,355 and 771; profiles/shaoyang/README.md) as a video or IoT
 * platform does: every 5 minutes, the share online. Here every device of every fleet also
 * sends its own `device.status` every 5 minutes (the simulator's status interval), spread
 * evenly over the interval: 16,030 / 300 s = 53.4 events a second on top of the simulator's
 * ~2.3. A device is online when its index is below the fleet's last reported share × count,
 * so the devices agree with the fleet's share. Ours rolls each of them up like any raw event
 * (its division, the city, its place); the figures keep reading the fleets' shares, so ours'
 * value changes are those of the default run.
 */
const DEVICE_STATUS_INTERVAL_MS = 5 * 60_000;
function deviceFeed(profile: { deviceFleets: readonly { id: string; division: string; count: number }[] }) {
  const share = new Map<string, number>();
  const devices = profile.deviceFleets.flatMap((f) => Array.from({ length: f.count }, (_, i) => ({ fleet: f, i, site: `${f.id}-${i}` })));
  // Device k reports at k × interval / total within each interval: evenly spread.
  const phaseOf = (k: number) => Math.floor((k * DEVICE_STATUS_INTERVAL_MS) / devices.length);
  const fleets = new Set(profile.deviceFleets.map((f) => f.id));
  /** The first device whose report falls at or after `offset` ms into an interval. */
  const firstAt = (offset: number) => Math.ceil((offset * devices.length) / DEVICE_STATUS_INTERVAL_MS);
  return {
    /** The events of [from, to) with every device's own reports added, in time order. */
    add(events: readonly RawEvent[], from: number, to: number): RawEvent[] {
      for (const e of events) if (e.kind === 'device.status' && fleets.has(e.site)) share.set(e.site, e.values.online);
      const out: RawEvent[] = [...events];
      for (let t = from; t < to; ) {
        const base = t - (t % DEVICE_STATUS_INTERVAL_MS);
        const end = Math.min(to, base + DEVICE_STATUS_INTERVAL_MS);
        for (let k = firstAt(t - base); k < devices.length && base + phaseOf(k) < end; k++) {
          const { fleet, i, site } = devices[k]!;
          const ts = base + phaseOf(k);
          const online = i < Math.round((share.get(fleet.id) ?? 1) * fleet.count) ? 1 : 0;
          out.push({ kind: 'device.status', id: `device.status:${site}:${ts}`, ts, division: fleet.division, site, values: { online } });
        }
        t = end;
      }
      return out.sort((x, y) => x.ts - y.ts);
    },
  };
}

/** Simulated Shaoyang through the real rollups, from a busy afternoon, one real second per tick. */
async function cityPipeline(feeds: Feeds) {
  const { cityProfileSchema } = await import('@cw/contracts');
  const { CATALOGUE, PlaceIndex, WINDOW_FAMILIES, forEachObservation, scopesOf } = await import('@cw/metrics');
  const { RollupEngine } = await import('@cw/rollup');
  const { createSimulator } = await import('@cw/simulator');
  const { TopicRegistry } = await import('../apps/server/src/publish/topics.ts');
  const { publishVitals } = await import('../apps/server/src/publish/vitals-publisher.ts');
  const profileJson = (await import('../profiles/shaoyang/profile.json', { with: { type: 'json' } })).default;
  const profile = cityProfileSchema.parse(profileJson);
  const scopes = profile.divisions.map((d) => d.code);
  const engine = new RollupEngine({
    windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: f.id === '1m' ? 120 : f.id === '1h' ? 50 : 3 })),
    utcOffsetMs: profile.utcOffsetMinutes * 60_000,
    allowedLatenessMs: 120_000,
  });
  const sim = createSimulator(profile, { seed: 1 });
  const devices = feeds === 'devices' ? deviceFeed(profile) : undefined;
  const start = Date.UTC(2026, 10, 24, 16);
  let now = start + 15 * 3_600_000;
  for (let t = now - 3 * 3_600_000; t < now; t += 600_000) {
    for (const e of sim.eventsBetween(t, t + 600_000)) forEachObservation(e, (s, v) => engine.add(s, scopesOf(e), e.ts, v));
    engine.advance(t + 600_000);
  }
  const topics = new TopicRegistry(`bench-${Date.now().toString(36)}`, scopes, 600);
  const ctx = { catalogue: () => CATALOGUE, places: new PlaceIndex(profile), daily: { levels: () => [] }, scopes, utcOffsetMs: profile.utcOffsetMinutes * 60_000 };
  return {
    topics,
    /** The next second of raw events, added to the rollups. */
    events() {
      const simulated = sim.eventsBetween(now, now + TICK_MS);
      const events = devices === undefined ? simulated : devices.add(simulated, now, now + TICK_MS);
      for (const e of events) forEachObservation(e, (s, v) => engine.add(s, scopesOf(e), e.ts, v));
      now += TICK_MS;
      engine.advance(now);
      return events;
    },
    publish() {
      publishVitals(ctx, engine, topics, now);
    },
  };
}

async function runServer(kind: Kind, port: number, feeds: Feeds): Promise<void> {
  const send = (m: ServerMark | ServerTick | { kind: 'ready' }) => process.send!(m);
  const { Server } = await import('socket.io');
  const server = http.createServer();
  let sent = 0;
  let rawEvents = 0;
  let clients = 0;
  let cut = () => {};
  /** After the storm's cut: when each socket was connected again, ms (the server's side of the storm). */
  let cutAt = 0;
  const admittedAt: number[] = [];
  let onTick: () => void;
  const blocks: number[] = [];

  if (kind === 'ours') {
    const pino = (await import('pino')).default;
    // BENCH_GATEWAY: another version of the gateway beside it, for a before/after in one sitting
    // (`git show main:apps/server/src/publish/socket-gateway.ts > apps/server/src/publish/socket-gateway.main.ts`).
    const { createSocketGateway } = (await import(process.env.BENCH_GATEWAY ? `../apps/server/src/publish/${process.env.BENCH_GATEWAY}` : '../apps/server/src/publish/socket-gateway.ts')) as typeof GatewayModule;
    // The cookie plugin loads its parser when registered, as the app's start does.
    const fastify = (await import('fastify')).default();
    await fastify.register((await import('@fastify/cookie')).default);
    await fastify.ready();
    const pipe = await cityPipeline(feeds);
    // The bench measures fan-out, not sign-in: every token is one paired wall.
    const wall = { kind: 'display', id: 'bench-wall', username: 'wall', name: 'Bench wall', role: 'wall', department: null, mustChangePassword: false, tokenHash: 'bench' };
    const auth = { resolve: async () => wall, stillValid: async () => true } as unknown as Parameters<typeof createSocketGateway>[2];
    const gateway = createSocketGateway(server, pipe.topics, auth, { now: () => Date.now() }, pino({ level: 'silent' }), {
      tickMs: TICK_MS,
      origins: { allowed: [], trustProxy: false },
      maxBufferedBytes: 4 * 1024 * 1024,
    });
    pipe.topics.attach(gateway.fanout);
    gateway.io.on('connection', (s) => {
      clients += 1;
      if (cutAt > 0) admittedAt.push(Date.now() - cutAt);
      s.on('disconnect', () => (clients -= 1));
    });
    cut = () => {
      for (const s of gateway.io.sockets.sockets.values()) s.conn.close();
    };
    onTick = () => {
      rawEvents += pipe.events().length;
      pipe.publish();
      send({ kind: 'tick', t: tickAt, citySeq: pipe.topics.get('vitals:city')!.position.seq });
    };
  } else if (kind === 'poll') {
    const pipe = await cityPipeline(feeds);
    const topics = await wallTopics();
    let lastTick = 0;
    server.on('request', (_req, res) => {
      // Built per request, as a plain REST read of the wall's topics would be.
      const body = JSON.stringify({ t: lastTick, topics: Object.fromEntries(topics.map((t) => [t, pipe.topics.get(t)!.snapshot().entries])) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      sent += 1;
    });
    onTick = () => {
      rawEvents += pipe.events().length;
      pipe.publish();
      lastTick = tickAt;
    };
  } else {
    const io = new Server(server, { serveClient: false });
    io.on('connection', (s) => {
      clients += 1;
      if (cutAt > 0) admittedAt.push(Date.now() - cutAt);
      s.on('disconnect', () => (clients -= 1));
    });
    cut = () => {
      for (const s of io.sockets.sockets.values()) s.conn.close();
    };
    if (kind === 'plain') {
      const size = Number(process.argv[5]);
      const pad = 'x'.repeat(Math.max(0, size - 40));
      onTick = () => {
        io.emit('m', { t: tickAt, pad });
        sent += clients;
      };
    } else {
      const { cityProfileSchema } = await import('@cw/contracts');
      const { createSimulator } = await import('@cw/simulator');
      const profileJson = (await import('../profiles/shaoyang/profile.json', { with: { type: 'json' } })).default;
      const profile = cityProfileSchema.parse(profileJson);
      const sim = createSimulator(profile, { seed: 1 });
      const devices = feeds === 'devices' ? deviceFeed(profile) : undefined;
      let now = Date.UTC(2026, 10, 24, 16) + 15 * 3_600_000;
      onTick = () => {
        const simulated = sim.eventsBetween(now, now + TICK_MS);
        for (const e of devices === undefined ? simulated : devices.add(simulated, now, now + TICK_MS)) {
          io.emit('e', { t: tickAt, e });
          sent += clients;
          rawEvents += 1;
        }
        now += TICK_MS;
      };
    }
  }

  // Ticks on whole seconds of the shared wall clock, so every process agrees when one began.
  // A tick is stamped with the second it was due, not the second its timer fired in: a timer
  // fires up to 1 ms early (libuv counts whole milliseconds of another clock), and a tick due
  // at 12:00:01.000 that fired at 12:00:00.999 was stamped 12:00:00 — a second of latency
  // for every client, on about 4 % of ticks (the p99 of ~1 s that ours, plain and naive all
  // showed at 1,000 clients), and a second tick 1 ms later.
  let tickAt = 0;
  let due = 0;
  const schedule = () => {
    // The next whole second after the one just run; after a stall, the next one still ahead.
    due = Math.max(due + TICK_MS, Date.now() - (Date.now() % TICK_MS) + TICK_MS);
    setTimeout(tick, due - Date.now());
  };
  const tick = () => {
    tickAt = due;
    const t0 = performance.now();
    onTick();
    blocks.push(performance.now() - t0);
    schedule();
  };
  schedule();

  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpuAt = process.cpuUsage();
  process.on('message', async (m: ToServer) => {
    if (m.cmd === 'mark') {
      let heapAfterGc: number | null = null;
      if (m.gc === true && typeof globalThis.gc === 'function') {
        globalThis.gc();
        heapAfterGc = process.memoryUsage().heapUsed;
        // --heap-snapshot: what the connected clients hold, by constructor (bench/heap-summary.ts).
        if (process.env.BENCH_HEAP_SNAPSHOT !== undefined && clients > 0) {
          const v8 = await import('node:v8');
          v8.writeHeapSnapshot(`${process.env.BENCH_HEAP_SNAPSHOT}/${kind}-${clients}.heapsnapshot`);
        }
      }
      const cpu = process.cpuUsage(cpuAt);
      cpuAt = process.cpuUsage();
      const sorted = blocks.splice(0).sort((a, b) => a - b);
      send({ kind: 'mark', cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss, heapAfterGc, sent, rawEvents, clients, tickBlockP50: sorted[Math.floor(sorted.length / 2)] ?? 0, tickBlockMax: sorted.at(-1) ?? 0, loopDelayP99: loop.percentile(99) / 1e6, loopDelayMax: loop.max / 1e6, admittedAt: admittedAt.sort((a, b) => a - b) });
      loop.reset();
      sent = 0;
      rawEvents = 0;
    } else if (m.cmd === 'cut') {
      cutAt = Date.now();
      cut();
    }
    else process.exit(0);
  });
  // The app's accept queue (LISTEN_BACKLOG) for every server: Node's default of 511 drops the SYNs of a storm.
  server.listen(port, '127.0.0.1', 4096, () => send({ kind: 'ready' }));
}

// ---- clients ----------------------------------------------------------------------------

async function runClients(kind: Kind, count: number, observers: number, url: string): Promise<void> {
  const { io } = await import('socket.io-client');
  const topics = await wallTopics();
  let messages = 0;
  let bytes = 0;
  let valueChanges = 0;
  let latencies: number[] = [];
  let stormCut = 0;
  let converged = 0;
  /** After the storm's cut: each client's time back, ms, and the failed attempts on the way. */
  let backAt: number[] = [];
  let stormErrors = 0;
  let cpuAt = process.cpuUsage();
  let disconnects = 0;
  const fresh = new Set<number>();
  /** vitals:city seq → the tick that published it (from the server, through the parent). */
  const tickOfSeq = new Map<number, number>();
  const waiting: [seq: number, at: number][] = [];
  /** Latency is sampled on every tenth client (naive sends dozens of messages a tick). */
  const record = (i: number, tickT: number) => {
    const now = Date.now();
    if (i % 10 === 0 && !Number.isNaN(tickT)) latencies.push(now - tickT);
    if (stormCut > 0 && !fresh.has(i)) {
      fresh.add(i);
      converged = Math.max(converged, now - stormCut);
      backAt.push(now - stormCut);
    }
  };
  const sockets: { close(): void; connected: boolean }[] = [];

  if (kind === 'poll') {
    for (let i = 0; i < count; i++) {
      // Spread evenly over the period, as independent screens would be.
      setTimeout(() => {
        const poll = () => {
          http
            .get(url, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => {
                const body = Buffer.concat(chunks);
                messages += 1;
                bytes += body.length;
                record(i, (JSON.parse(body.toString()) as { t: number }).t);
              });
            })
            .on('error', () => {});
        };
        poll();
        setInterval(poll, POLL_MS);
      }, (i / count) * POLL_MS);
    }
  } else {
    const { PROTOCOL_VERSION } = await import('@cw/contracts');
    const { connectLive } = await import('@cw/live-client');
    for (let i = 0; i < count; i++) {
      let socket: Socket;
      if (kind === 'ours') {
        // A wall's own client (packages/live-client): replicas per topic, jittered back-off,
        // resubscribing from its positions after a reconnect.
        const observe = i < observers;
        const shown = new Map<string, Record<string, { value: unknown; status: unknown }>>();
        const live = connectLive({
          url,
          token: 'bench',
          topics: topics as Topic[],
          onEntries: (topic, entries) => {
            if (!observe || !topic.startsWith('vitals:')) return;
            const before = shown.get(topic);
            if (before !== undefined) {
              for (const [key, v] of Object.entries(entries) as [string, { value: unknown; status: unknown }][]) {
                const prev = before[key];
                if (prev === undefined || prev.value !== v.value || prev.status !== v.status) valueChanges += 1;
              }
            }
            shown.set(topic, entries as Record<string, { value: unknown; status: unknown }>);
          },
        });
        socket = live.socket as unknown as Socket;
        let citySeq = -1;
        socket.on('deltas', (batch: DeltaBatch) => {
          for (const [topic, seq] of batch.deltas) {
            if (topic !== 'vitals:city' || seq <= citySeq) continue;
            citySeq = seq;
            const t = tickOfSeq.get(seq);
            if (t === undefined) {
              if (i % 10 === 0) waiting.push([seq, Date.now()]);
              record(i, Number.NaN);
            } else record(i, t);
          }
        });
        socket.on('hello', () => (citySeq = -1));
      } else {
        socket = io(url, { auth: { protocol: PROTOCOL_VERSION, token: 'bench' }, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000, randomizationFactor: 0.5 });
        socket.on(kind === 'plain' ? 'm' : 'e', (m: { t: number }) => record(i, m.t));
      }
      sockets.push(socket);
      socket.on('disconnect', () => (disconnects += 1));
      socket.io.on('error', () => stormCut > 0 && (stormErrors += 1));
      socket.io.on('open', () => {
        (socket.io.engine as unknown as { on(e: string, f: (p: { type: string; data?: unknown }) => void): void }).on('packet', (p) => {
          // What the server pushes; the heartbeat's pongs are not counted.
          if (p.type !== 'message' || typeof p.data !== 'string' || p.data.startsWith('2["pong"')) return;
          messages += 1;
          bytes += Buffer.byteLength(p.data);
        });
      });
      // Connect gradually: the steady state is measured first; the storm comes later.
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 50));
    }
  }

  process.on('message', (m: { cmd: string; seq?: number; t?: number }) => {
    if (m.cmd === 'tick') {
      tickOfSeq.set(m.seq!, m.t!);
      for (let k = waiting.length - 1; k >= 0; k--) {
        if (waiting[k]![0] !== m.seq) continue;
        latencies.push(waiting[k]![1] - m.t!);
        waiting.splice(k, 1);
      }
    } else if (m.cmd === 'reset') {
      messages = 0;
      bytes = 0;
      valueChanges = 0;
      latencies = [];
      cpuAt = process.cpuUsage();
    } else if (m.cmd === 'storm') {
      stormCut = m.t!;
      fresh.clear();
      converged = 0;
      backAt = [];
      stormErrors = 0;
    } else if (m.cmd === 'report') {
      const report: ClientReport & StormReport = {
        kind: 'report',
        messages,
        bytes,
        valueChanges,
        observers: Math.min(observers, count),
        latencies,
        connected: kind === 'poll' ? count : sockets.filter((s) => s.connected).length,
        fresh: fresh.size,
        converged,
        backAt,
        stormErrors,
        cpuMs: ((u) => (u.user + u.system) / 1000)(process.cpuUsage(cpuAt)),
        disconnects,
      };
      process.send!(report);
    } else if (m.cmd === 'stop') {
      for (const s of sockets) s.close();
      process.exit(0);
    }
  });
  process.send!({ kind: 'started' });
}

// ---- orchestration ----------------------------------------------------------------------

function child(args: string[], execArgv: string[] = []): ChildProcess {
  return fork(SELF, args, { execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function next<T extends { kind: string }>(proc: ChildProcess, kind: T['kind']): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: T) => {
      if (m.kind !== kind) return;
      proc.off('message', on);
      resolve(m);
    };
    proc.on('message', on);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => (xs.length === 0 ? null : xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!);
const round = (x: number | null, d = 0) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

interface Result {
  kind: Kind;
  clients: number;
  connected: number;
  /** Seconds until all N were connected the first time (null: not within 120 s). */
  connectS: number | null;
  /** Disconnects the clients saw before the storm (a connection dropped and re-made). */
  disconnects: number;
  serverCpuS: number;
  /** Raw events fed to the server per second of the measured window (ours, naive, poll). */
  rawEventsPerS: number;
  /** CPU of all client processes in the measured window, s: beside the server's, on the same cores. */
  clientCpuS: number;
  messagesPerCpuS: number;
  bytesPerMessage: number;
  bytesPerCpuS: number;
  valueChangesPerCpuS: number | null;
  deliveredFraction: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  tickBlockP50Ms: number;
  tickBlockMaxMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  memoryPerClientKB: number;
  /** Heap retained per connected client after a full GC, KB (memoryPerClientKB is RSS: the heap's high-water mark, buffers, fragmentation). */
  heapPerClientKB: number | null;
  stormConvergedS: number | null;
  stormMissing: number | null;
  /** Half and nine tenths of the clients were back after this long, s. */
  stormP50S: number | null;
  stormP90S: number | null;
  /** Connection attempts that failed during the storm (each is a back-off before the next). */
  stormErrors: number | null;
  /** Event-loop delay at the server while the storm was worked off. */
  stormLoopDelayMaxMs: number | null;
  /** Half and nine tenths of the sockets were connected again at the server after this long, s (stormP50S/P90S: fresh at the clients). */
  stormServerP50S: number | null;
  stormServerP90S: number | null;
  /** Server CPU per client, ms: connecting the first time (with the settling ticks), and the storm (cut to all back). */
  connectCpuMsPerClient: number;
  stormCpuMsPerClient: number | null;
}

async function runOne(kind: Kind, n: number, measureS: number, feeds: Feeds, plainSize: number, oursChangesPerClientS: number | null, cpuProf: boolean, cpuProfClients: boolean): Promise<Result & { changesPerClientS: number; valueChangeMessages: number }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = child(['server', kind, String(port), String(plainSize), feeds], ['--expose-gc', ...(cpuProf && kind === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])]);
  await next(server, 'ready');
  await sleep(1500);
  server.send({ cmd: 'mark', gc: true });
  const idle = await next<ServerMark & { kind: 'mark' }>(server, 'mark');
  const procs = Math.max(1, Math.ceil(n / CLIENTS_PER_PROCESS));
  const clients: ChildProcess[] = [];
  const url = kind === 'poll' ? `http://127.0.0.1:${port}/state` : `http://127.0.0.1:${port}`;
  for (let p = 0; p < procs; p++) {
    const count = Math.floor(n / procs) + (p < n % procs ? 1 : 0);
    const c = child(['clients', kind, String(count), '20', url], cpuProfClients && p === 0 ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/clients`] : []);
    clients.push(c);
  }
  await Promise.all(clients.map((c) => next(c, 'started')));
  server.on('message', (m: ServerTick) => {
    if (m.kind === 'tick' && m.citySeq !== undefined) for (const c of clients) c.send({ cmd: 'tick', seq: m.citySeq, t: m.t });
  });
  const reportAll = async () => {
    const rs = await Promise.all(clients.map((c) => {
      const r = next<ClientReport & StormReport>(c, 'report');
      c.send({ cmd: 'report' });
      return r;
    }));
    return rs;
  };
  // Wait until every client is connected (or, polling, has started), then settle.
  const connectStart = Date.now();
  const until = connectStart + 120_000;
  let connectS: number | null = null;
  for (let k = 0; ; k++) {
    const rs = await reportAll();
    const connected = rs.reduce((a, r) => a + r.connected, 0);
    if (connected >= n) connectS = (Date.now() - connectStart) / 1000;
    if (connected >= n || Date.now() > until) break;
    if (k % 10 === 9) console.error(`  ${n} ${kind}: ${connected} connected after ${Math.round((Date.now() - connectStart) / 1000)} s, ${rs.reduce((a, r) => a + r.disconnects, 0)} disconnects`);
    await sleep(1000);
  }
  await sleep(kind === 'poll' ? POLL_MS : 3000);
  for (const c of clients) c.send({ cmd: 'reset' });
  server.send({ cmd: 'mark' });
  // Server CPU from before the first client started until all were connected and settled.
  const connectCpuMs = (await next<ServerMark & { kind: 'mark' }>(server, 'mark')).cpuMs;
  await sleep(measureS * 1000);
  server.send({ cmd: 'mark' });
  const mark = await next<ServerMark & { kind: 'mark' }>(server, 'mark');
  server.send({ cmd: 'mark', gc: true });
  const heapMark = await next<ServerMark & { kind: 'mark' }>(server, 'mark');
  await sleep(300);
  const reports = await reportAll();
  const messages = reports.reduce((a, r) => a + r.messages, 0);
  const bytes = reports.reduce((a, r) => a + r.bytes, 0);
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const connected = reports.reduce((a, r) => a + r.connected, 0);
  const clientCpuS = reports.reduce((a, r) => a + r.cpuMs, 0) / 1000;
  const disconnects = reports.reduce((a, r) => a + r.disconnects, 0);
  const observers = reports.reduce((a, r) => a + r.observers, 0);
  const observedChanges = reports.reduce((a, r) => a + r.valueChanges, 0);
  const changesPerClientS = kind === 'ours' && observers > 0 ? observedChanges / observers / measureS : 0;
  const cpuS = mark.cpuMs / 1000;
  // Sent per client per second by the server, to see what share reached the clients.
  const expected = kind === 'poll' ? (n * measureS * 1000) / POLL_MS : kind === 'ours' ? messages : mark.sent;
  const deliveredFraction = expected === 0 ? 0 : Math.min(1, messages / expected);
  // Peers carry the same city's changes (the same seeded events); a peer delivers them to
  // the share of its messages that arrived.
  const changesPerClient = kind === 'ours' ? changesPerClientS : (oursChangesPerClientS ?? 0);
  // Only the clients connected receive anything.
  const valueChanges = changesPerClient * Math.min(n, connected) * measureS * (kind === 'plain' || kind === 'naive' ? deliveredFraction : 1);

  let stormConvergedS: number | null = null;
  let stormMissing: number | null = null;
  let stormP50S: number | null = null;
  let stormP90S: number | null = null;
  let stormErrors: number | null = null;
  let stormLoopDelayMaxMs: number | null = null;
  let stormServerP50S: number | null = null;
  let stormServerP90S: number | null = null;
  let stormCpuMsPerClient: number | null = null;
  if (kind !== 'poll') {
    const t = Date.now();
    for (const c of clients) c.send({ cmd: 'storm', t });
    server.send({ cmd: 'cut' });
    const deadline = t + STORM_DEADLINE_MS;
    for (;;) {
      await sleep(1000);
      const rs = await reportAll();
      const fresh = rs.reduce((a, r) => a + r.fresh, 0);
      if (fresh >= n || Date.now() > deadline) {
        stormConvergedS = fresh >= n ? Math.max(...rs.map((r) => r.converged)) / 1000 : null;
        stormMissing = n - fresh;
        const seconds = (ms: number | null) => (ms === null ? null : round(ms / 1000, 1));
        const back = rs.flatMap((r) => r.backAt).sort((a, b) => a - b);
        stormP50S = seconds(quantile(back, 0.5));
        stormP90S = seconds(quantile(back, 0.9));
        stormErrors = rs.reduce((a, r) => a + r.stormErrors, 0);
        server.send({ cmd: 'mark' });
        const storm = await next<ServerMark & { kind: 'mark' }>(server, 'mark');
        stormLoopDelayMaxMs = round(storm.loopDelayMax, 1);
        stormServerP50S = seconds(quantile(storm.admittedAt, 0.5));
        stormServerP90S = seconds(quantile(storm.admittedAt, 0.9));
        stormCpuMsPerClient = round(storm.cpuMs / n, 2);
        break;
      }
    }
  }
  for (const c of clients) c.send({ cmd: 'stop' });
  server.send({ cmd: 'stop' });
  await sleep(500);
  return {
    kind,
    clients: n,
    connected,
    connectS: round(connectS, 1),
    disconnects,
    serverCpuS: round(cpuS, 2)!,
    rawEventsPerS: round(mark.rawEvents / measureS, 1)!,
    clientCpuS: round(clientCpuS, 2)!,
    messagesPerCpuS: round(messages / cpuS)!,
    bytesPerMessage: round(bytes / Math.max(1, messages))!,
    bytesPerCpuS: round(bytes / cpuS)!,
    valueChangesPerCpuS: round(valueChanges / cpuS),
    deliveredFraction: round(deliveredFraction, 3)!,
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP99Ms: quantile(latencies, 0.99),
    tickBlockP50Ms: round(mark.tickBlockP50, 1)!,
    tickBlockMaxMs: round(mark.tickBlockMax, 1)!,
    loopDelayP99Ms: round(mark.loopDelayP99, 1)!,
    loopDelayMaxMs: round(mark.loopDelayMax, 1)!,
    memoryPerClientKB: round((mark.rss - idle.rss) / 1024 / n, 1)!,
    heapPerClientKB: heapMark.heapAfterGc === null || idle.heapAfterGc === null ? null : round((heapMark.heapAfterGc - idle.heapAfterGc) / 1024 / Math.max(1, connected), 1),
    stormConvergedS: round(stormConvergedS, 1),
    stormMissing,
    stormP50S,
    stormP90S,
    stormErrors,
    stormLoopDelayMaxMs,
    stormServerP50S,
    stormServerP90S,
    connectCpuMsPerClient: round(connectCpuMs / n, 2)!,
    stormCpuMsPerClient,
    changesPerClientS,
    valueChangeMessages: observedChanges,
  };
}

const USAGE = `npm run bench:fanout -- [options]
  --clients N[,N…]     clients per run (default 1000), e.g. 1000,5000,10000
  --measure S          seconds measured per server (default 20)
  --only K[,K…]        servers to run, of ${KINDS.join(', ')} (default all; ours first)
  --feeds F            simulator (default) or devices (every device's own status reports too)
  --cpu-prof           write ours' server CPU profile to ${PROFILE_DIR}
  --cpu-prof-clients   with --cpu-prof, also the first client process's
  --help               this text
Environment: BENCH_GATEWAY=file (another gateway in apps/server/src/publish/),
BENCH_HEAP_SNAPSHOT=dir (heap snapshots after the measured window). Each server's result is a
line; the last line is one JSON object. docs/performance.md, bench:fanout, says what each
figure means.`;

async function orchestrate(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const sizes = arg('clients', '1000').split(',').map(Number);
  const measureS = Number(arg('measure', '20'));
  const feeds = arg('feeds', 'simulator') as Feeds;
  if (feeds !== 'simulator' && feeds !== 'devices') throw new Error(`--feeds must be simulator or devices, not ${String(feeds)}`);
  const only = arg('only', KINDS.join(',')).split(',') as Kind[];
  const cpuProf = process.argv.includes('--cpu-prof');
  const load = os.loadavg().map((x) => round(x, 2));
  console.log(`fanout: ${sizes.join(', ')} clients, ${measureS} s measured per server, feeds: ${feeds}, load average ${load.join(' ')} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`);
  const runs: Record<string, Record<string, unknown>> = {};
  for (const n of sizes) {
    const results: Partial<Record<Kind, Result>> = {};
    let plainSize = 200;
    let changes: number | null = null;
    for (const kind of ['ours', ...KINDS.filter((k) => k !== 'ours')] as Kind[]) {
      if (!only.includes(kind)) continue;
      const r = await runOne(kind, n, measureS, feeds, plainSize, changes, cpuProf, cpuProf && process.argv.includes('--cpu-prof-clients'));
      if (kind === 'ours') {
        plainSize = r.bytesPerMessage;
        changes = r.changesPerClientS;
      }
      const { changesPerClientS: _c, valueChangeMessages: _v, ...shown } = r;
      results[kind] = shown;
      console.log(`  ${n} ${kind}: ${JSON.stringify(shown)}`);
    }
    const ours = results.ours;
    const ratios: Record<string, Record<string, number | null>> = {};
    if (ours !== undefined) {
      for (const kind of KINDS.filter((k) => k !== 'ours')) {
        const peer = results[kind];
        if (peer === undefined) continue;
        const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 2));
        ratios[kind] = {
          messagesPerCpuS: ratio(ours.messagesPerCpuS, peer.messagesPerCpuS),
          bytesPerMessage: ratio(ours.bytesPerMessage, peer.bytesPerMessage),
          valueChangesPerCpuS: ratio(ours.valueChangesPerCpuS, peer.valueChangesPerCpuS),
          latencyP50: ratio(ours.latencyP50Ms, peer.latencyP50Ms),
          latencyP99: ratio(ours.latencyP99Ms, peer.latencyP99Ms),
          memoryPerClient: ratio(ours.memoryPerClientKB, peer.memoryPerClientKB),
          stormConverged: ratio(ours.stormConvergedS, peer.stormConvergedS),
        };
        console.log(`  ${n} ours ÷ ${kind}: ${JSON.stringify(ratios[kind])}`);
      }
    }
    runs[String(n)] = { ...results, ratios };
  }
  console.log(JSON.stringify({ bench: 'fanout', measureS, feeds, loadAverage: load, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, runs }));
}

// ---- roles ------------------------------------------------------------------------------

const role = process.argv[2];
if (role === 'server') await runServer(process.argv[3] as Kind, Number(process.argv[4]), process.argv[6] as Feeds);
else if (role === 'clients') await runClients(process.argv[3] as Kind, Number(process.argv[4]), Number(process.argv[5]), process.argv[6]!);
else await orchestrate();
