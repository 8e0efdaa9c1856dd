// bench:hostile — do misbehaving clients slow the others? The real server runs as a child
// process with the simulator; ten well-behaved socket clients ping it (application ping/pong)
// and count vital-sign deltas while an HTTP prober times /healthz. The same figures are taken
// in a quiet phase (the peer, in the same run) and while hostile clients run: sockets that
// flood `subscribe {topic:"cases"}` thousands of times and never read, slow readers that
// subscribe to everything and stop reading, and an HTTP flood of anonymous and made-up-token
// requests with 12 KB query strings. Prints one JSON line last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@cw/contracts';
import { ServerProcess, freePort, login, sleep } from '../fault/util.ts';

const PHASE_MS = 10_000;
const GOOD_CLIENTS = 10;
const FLOODERS = 4;
const SLOW_READERS = 2;
const HTTP_LOOPS = 6;
const DIVISIONS = ['430502', '430503', '430511', '430521', '430522', '430523', '430524', '430525', '430527', '430528', '430529', '430581'];

type Phase = 'quiet' | 'hostile';
const rtt: Record<Phase, number[]> = { quiet: [], hostile: [] };
const healthz: Record<Phase, number[]> = { quiet: [], hostile: [] };
const ticks: Record<Phase, number> = { quiet: 0, hostile: 0 };
const rss: Record<Phase, number[]> = { quiet: [], hostile: [] };
let phase: Phase | null = null;

function connect(url: string, token: string): Socket {
  return io(url, { auth: { protocol: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

const connected = (s: Socket) => new Promise<void>((resolve, reject) => (s.connected ? resolve() : (s.once('connect', () => resolve()), s.once('connect_error', reject))));

/** Stops reading the socket's TCP stream: the server's writes pile up in its buffers. */
function stopReading(s: Socket): void {
  const ws = (s.io.engine as unknown as { transport: { ws?: { _socket?: { pause(): void } } } }).transport.ws;
  ws?._socket?.pause();
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
};

function readRssMB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-hostile-'));
  const server = new ServerProcess(await freePort(), {
    STORAGE: 'sqlite',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    DEMO: 'on',
    LOG_LEVEL: 'warn',
    SIM_BACKFILL_DAYS: '0',
    WRITE_RATE_LIMIT: '1000000',
  });
  await server.start();
  const url = server.url;
  try {
    const officer = await login(url, 'officer');
    const shift = await login(url, 'shift');
    // A city's open cases make the `cases` snapshot large, as in a real centre.
    let created = 0;
    for (let k = 0; k < 400; k++) {
      const r = await fetch(`${url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: JSON.stringify({
          title: `压力测试 ${k} 路面破损坑洼`,
          description: '市民反映路面有坑洼，影响通行，请尽快处理。'.repeat(4),
          channel: 'hotline_12345',
          category: 'city_appearance',
          urgency: 'normal',
          division: DIVISIONS[k % DIVISIONS.length],
          location: [111.3 + (k % 40) * 0.01, 27.0 + (k % 30) * 0.01],
        }),
      });
      if (r.status === 201) created += 1;
      else if (k === 0) throw new Error(`reporting a case: HTTP ${r.status} ${await r.text()}`);
    }
    const probe = connect(url, shift);
    await connected(probe);
    const casesBytes = await new Promise<number>((resolve) => {
      probe.once('snapshot', (json: string) => resolve(json.length));
      probe.emit('subscribe', { topic: 'cases' });
    });
    probe.close();

    const good: Socket[] = [];
    for (let i = 0; i < GOOD_CLIENTS; i++) {
      const s = connect(url, shift);
      await connected(s);
      const sent = new Map<number, number>();
      let id = 0;
      s.on('pong', (m: { id: number }) => {
        const t = sent.get(m.id);
        sent.delete(m.id);
        if (t !== undefined && phase !== null) rtt[phase].push(performance.now() - t);
      });
      s.on('deltas', (batch: { deltas: [string][] }) => {
        for (const [topic] of batch.deltas) if (topic === 'vitals:city' && phase !== null) ticks[phase] += 1;
      });
      s.emit('subscribe', { topic: 'vitals:city' });
      s.emit('subscribe', { topic: 'system' });
      // Within the socket's allowance of 5 messages a second.
      setInterval(() => {
        sent.set(id, performance.now());
        s.emit('ping', { id: id++ });
      }, 250).unref();
      good.push(s);
    }
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t = performance.now();
        await fetch(`${url}/healthz`).then((r) => r.text());
        if (phase !== null) healthz[phase].push(performance.now() - t);
        if (phase !== null) {
          const mb = readRssMB(server.pid);
          if (mb !== null) rss[phase].push(mb);
        }
        await sleep(100);
      }
    })();

    await sleep(2000);
    phase = 'quiet';
    await sleep(PHASE_MS);

    phase = 'hostile';
    let floodSubscribes = 0;
    const hostile: Socket[] = [];
    const cut = { flooders: 0, slowReaders: 0 };
    for (let i = 0; i < FLOODERS; i++) {
      const s = connect(url, shift);
      await connected(s);
      s.on('disconnect', () => (cut.flooders += 1));
      stopReading(s);
      for (let k = 0; k < 3000; k++) s.emit('subscribe', { topic: 'cases' });
      floodSubscribes += 3000;
      hostile.push(s);
    }
    for (let i = 0; i < SLOW_READERS; i++) {
      const s = connect(url, shift);
      await connected(s);
      s.on('disconnect', () => (cut.slowReaders += 1));
      for (const topic of ['cases', 'dispatch', 'alerts', 'feed', 'vitals:city', ...DIVISIONS.map((d) => `vitals:${d}`)]) s.emit('subscribe', { topic });
      await sleep(300);
      stopReading(s);
      hostile.push(s);
    }
    const junk = 'x'.repeat(12 * 1024);
    let httpRequests = 0;
    let http429 = 0;
    const stopHttp = { now: false };
    const floods = Array.from({ length: HTTP_LOOPS }, async (_, loop) => {
      while (!stopHttp.now) {
        const headers: Record<string, string> = loop % 2 === 0 ? {} : { authorization: `Bearer made-up-${httpRequests}` };
        const r = await fetch(`${url}/api/v1/no-such-route?q=${junk}&n=${httpRequests}`, { headers }).catch(() => null);
        httpRequests += 1;
        if (r?.status === 429) http429 += 1;
        await r?.text();
      }
    });
    await sleep(PHASE_MS);
    stopHttp.now = true;
    await Promise.all(floods);
    phase = null;
    probing = false;
    await prober;
    for (const s of [...good, ...hostile]) s.close();

    const figures = (p: Phase) => ({
      pingP50Ms: quantile(rtt[p], 0.5),
      pingP99Ms: quantile(rtt[p], 0.99),
      pingMaxMs: quantile(rtt[p], 1),
      healthzP50Ms: quantile(healthz[p], 0.5),
      healthzP99Ms: quantile(healthz[p], 0.99),
      vitalDeltasPerClientPerSec: Math.round((ticks[p] / GOOD_CLIENTS / (PHASE_MS / 1000)) * 100) / 100,
      rssMaxMB: rss[p].length ? Math.max(...rss[p]) : null,
    });
    const quiet = figures('quiet');
    const underAttack = figures('hostile');
    // Unaffected: the others' p99 stays within 3× the quiet p99 plus 50 ms, vital signs keep
    // flowing at the quiet rate (±1 a second), and no flooder holds its socket.
    const ok =
      quiet.pingP99Ms !== null &&
      underAttack.pingP99Ms !== null &&
      underAttack.pingP99Ms <= 3 * quiet.pingP99Ms + 50 &&
      underAttack.vitalDeltasPerClientPerSec >= quiet.vitalDeltasPerClientPerSec - 1 &&
      cut.flooders === FLOODERS;
    console.log(
      `hostile: ${GOOD_CLIENTS} good clients; ${FLOODERS} flooders (${floodSubscribes} subscribes, not reading), ${SLOW_READERS} slow readers, ${httpRequests} flood requests (${http429} refused 429); the cases snapshot is ${Math.round(casesBytes / 1024)} KB`,
    );
    console.log(
      JSON.stringify({
        bench: 'hostile',
        quiet,
        hostile: underAttack,
        floodSubscribes,
        floodersCut: cut.flooders,
        slowReadersCut: cut.slowReaders,
        httpFloodRequests: httpRequests,
        httpFlood429: http429,
        casesCreated: created,
        casesSnapshotKB: Math.round(casesBytes / 1024),
        ok,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        node: process.version,
      }),
    );
  } finally {
    await server.stop();
  }
}

await main();
