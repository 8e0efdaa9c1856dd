import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import fastifyStatic from '@fastify/static';
import pino, { type Logger } from 'pino';
import { CATALOGUE } from '@cw/metrics';
import { acceleratedClock, systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { Ingestor } from './ingest/ingestor.ts';
import { simulatorSource, type EventSource } from './ingest/simulator-source.ts';
import { registerRoutes } from './http/routes.ts';
import { loadProfile } from './profile.ts';
import { createSocketGateway } from './publish/socket-gateway.ts';
import { TopicRegistry } from './publish/topics.ts';
import { publishVitals } from './publish/vitals-publisher.ts';
import { RollupHost } from './rollup/rollup-host.ts';
import { Serial } from './serial.ts';
import { createMemoryStorage } from './storage/memory.ts';
import { openSqliteStorage } from './storage/sqlite.ts';
import type { Storage } from './storage/storage.ts';

export interface RunningServer {
  url: string;
  port: number;
  epoch: string;
  clock: Clock;
  stop(): Promise<void>;
}

/**
 * Wires the data flow: sources → ingest (validate, journal) → rollup (windows, persisted)
 * → publish (per-tick vitals deltas over Socket.IO), beside the HTTP API and the web app.
 */
export async function startServer(config: Config, logger?: Logger): Promise<RunningServer> {
  const log = logger ?? pino({ level: config.LOG_LEVEL, base: { app: 'city-window' } });
  const loaded = loadProfile(config.CITY_PROFILE, config.PROFILES_DIR);
  const { profile } = loaded;
  const scopes = profile.divisions.map((d) => d.code);
  const storage: Storage = config.STORAGE === 'sqlite' ? openSqliteStorage(config.DATA_DIR) : createMemoryStorage();

  // With simulated time, a tick spans SIM_SPEED × TICK_MS of event time; the allowance must
  // cover several ticks or the simulator's own events would arrive "late".
  const allowedLatenessMs = Math.max(config.LATE_ALLOWANCE_MS, 3 * config.TICK_MS * config.SIM_SPEED);
  const rollup = new RollupHost(storage, {
    utcOffsetMinutes: profile.utcOffsetMinutes,
    allowedLatenessMs,
    rawRetentionMs: config.RAW_RETENTION_HOURS * 3_600_000,
  });
  const restoredTo = await rollup.restore();
  // Simulated time ran ahead of the wall clock in a previous life; never go back behind it.
  const clock =
    config.SIM_SPEED === 1 && config.SIM_START === undefined
      ? systemClock()
      : acceleratedClock(config.SIM_SPEED, Math.max(config.SIM_START ?? Date.now(), (restoredTo ?? 0) + allowedLatenessMs));

  const serial = new Serial();
  const ingestor = new Ingestor(new Set(scopes), storage, rollup, serial, clock);
  const epoch = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const topics = new TopicRegistry(epoch, scopes, config.DELTA_LOG_SIZE);

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Per-request lines would drown the log under ingest traffic; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
  let ready = false;
  registerRoutes(app, { loaded, ingestor, storage, isReady: () => ready });
  if (fs.existsSync(config.WEB_DIST)) {
    await app.register(fastifyStatic, { root: config.WEB_DIST, wildcard: false });
    // Client-side routes (/wall, …) all load the single page.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/socket.io')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url}` });
    });
  } else {
    log.warn({ dir: config.WEB_DIST }, 'web app not built; serving the API only (run npm run build)');
  }

  const gateway = createSocketGateway(app.server, topics, clock, log, { tickMs: config.TICK_MS });
  topics.attach(gateway.fanout);

  const tick = () =>
    serial
      .run(async () => {
        const now = clock.now();
        await rollup.advance(now);
        publishVitals(CATALOGUE, rollup.engine, topics, scopes, now);
      })
      .catch((err: unknown) => log.error({ err }, 'tick failed'));
  await tick();
  const ticker = setInterval(tick, config.TICK_MS);

  const sources: EventSource[] = [];
  if (config.SIMULATOR) {
    sources.push(
      simulatorSource(profile, clock, { seed: config.SIM_SEED, airIntervalMs: config.SIM_AIR_INTERVAL_MS, pollMs: config.TICK_MS }, (err) =>
        log.error({ err }, 'simulator batch refused'),
      ),
    );
  }
  for (const s of sources) s.start((events) => ingestor.submit(events));

  await app.listen({ port: config.PORT, host: config.HOST });
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  log.info({ epoch, restoredTo, profile: profile.id, simulator: config.SIMULATOR }, 'server ready');

  return {
    url: `http://${host}:${port}`,
    port,
    epoch,
    clock,
    async stop() {
      ready = false;
      for (const s of sources) s.stop();
      clearInterval(ticker);
      await serial.run(async () => undefined);
      gateway.io.disconnectSockets(true);
      await new Promise<void>((resolve) => gateway.io.close(() => resolve()));
      await app.close().catch(() => undefined);
      await storage.close();
    },
  };
}
