import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Logger } from 'pino';
import serverPackage from '../package.json' with { type: 'json' };
import { wallPageSchema, type Topic, type WallConfig } from '@cw/contracts';
import { catalogueFor, cityAirStations, PlaceIndex } from '@cw/metrics';
import { DEFAULT_SLA_POLICY, createWorkingCalendar, withSubCategories } from '@cw/dispatch';
import { createSimulator } from '@cw/simulator';
import { AuthService } from './auth/auth-service.ts';
import { ClusterNode } from './cluster/node.ts';
import { registerForwarding } from './cluster/forward.ts';
import { FencedOut } from './cluster/topic-store.ts';
import { parseLease } from './cluster/leadership.ts';
import { registerAuthHooks } from './auth/http-auth.ts';
import { AnonymousLimiter, redisAnonymousLimit } from './auth/anonymous-limit.ts';
import { parseAllowedOrigins } from './auth/origin.ts';
import { acceleratedClock, localDayAndYear, systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { backfill } from './ingest/backfill.ts';
import { backfillCases, needsCaseHistory } from './ingest/case-backfill.ts';
import { Ingestor, KnownPlaces, sourceOfPrincipal } from './ingest/ingestor.ts';
import { EventBudget, SourceHealthBook, silentSources } from './ingest/source-health.ts';
import { simulatorSource, type EventSource } from './ingest/simulator-source.ts';
import { SIM_INTAKE, intakeSource } from './ingest/intake-source.ts';
import { SimulatedCrew } from './ingest/crew-source.ts';
import { registerAuthRoutes } from './http/auth-routes.ts';
import { registerCaseRoutes, registerInstructionRoute } from './http/case-routes.ts';
import { registerAdminRoutes } from './http/admin-routes.ts';
import { SettingsService } from './admin/settings-service.ts';
import { CaseService } from './dispatch/case-service.ts';
import { registerAssessmentRoutes } from './dispatch/assessment-routes.ts';
import { registerPhotoRoutes } from './dispatch/photo-routes.ts';
import { importPhotoDirectory } from './dispatch/photo-import.ts';
import { EmergencyService } from './emergency/emergency-service.ts';
import { registerEmergencyRoutes } from './emergency/emergency-routes.ts';
import { parseMapTiles, registerMapTileRoute } from './http/map-tiles.ts';
import { logNotifier, webhookNotifier } from './emergency/notifier.ts';
import { registerErrorHandler } from './http/errors.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerRoutes } from './http/routes.ts';
import { registerAlertLinkRoutes } from './http/alert-link-routes.ts';
import { registerIngestRoutes } from './http/ingest-routes.ts';
import { IngestGate } from './ingest/gate.ts';
import { EventValidator } from './ingest/validate.ts';
import { cityKinds } from './ingest/kinds.ts';
import { ngsiConfig } from './ngsi/entities-in.ts';
import { registerNgsiRoutes } from './ngsi/ngsi-routes.ts';
import { SubscriptionNotifier } from './ngsi/notifier.ts';
import { endpointPolicy } from './ngsi/endpoint-policy.ts';
import { cityEntities } from './ngsi/entities-out.ts';
import { registerProvenanceRoute } from './http/provenance-routes.ts';
import { registerBackupRoute } from './ops/backup-route.ts';
import { BriefingService } from './briefing/briefing-service.ts';
import { registerBriefingRoutes } from './briefing/briefing-routes.ts';
import { registerHealthRoutes } from './ops/health.ts';
import { createLogger, registerRequestLog, withLogPolicy } from './ops/logging.ts';
import { ServerMetrics, registerMetricsRoute } from './ops/metrics.ts';
import { loadProfile } from './profile.ts';
import { AlertService } from './publish/alerts.ts';
import { FeedService } from './publish/feed.ts';
import { LISTEN_BACKLOG, createSocketGateway } from './publish/socket-gateway.ts';
import { TopicRegistry } from './publish/topics.ts';
import { publishVitals } from './publish/vitals-publisher.ts';
import { DailyAqiBook } from './rollup/daily-aqi-book.ts';
import { RollupHost } from './rollup/rollup-host.ts';
import { Serial } from './serial.ts';
import { openStorage } from './storage/open.ts';
import { StaleWriter, type Storage } from './storage/storage.ts';

export interface RunningServer {
  url: string;
  port: number;
  epoch: string;
  clock: Clock;
  auth: AuthService;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Wires the data flow: sources → ingest (validate, journal) → rollup (windows, persisted)
 * → publish (per-tick vitals, alerts and feed deltas over Socket.IO), beside the HTTP API
 * and the web app.
 */
export async function startServer(config: Config, logger?: Logger): Promise<RunningServer> {
  const log = withLogPolicy(logger ?? createLogger(config.LOG_LEVEL));
  const loaded = loadProfile(config.CITY_PROFILE, config.PROFILES_DIR);
  const { profile } = loaded;
  const scopes = profile.divisions.map((d) => d.code);
  const kinds = cityKinds(loaded.kinds, catalogueFor(profile.thresholds));
  const catalogue = kinds.catalogue;
  const places = new PlaceIndex(profile);
  const utcOffsetMs = profile.utcOffsetMinutes * 60_000;
  const storage: Storage = await openStorage(config, (err) => log.error({ err }, 'database connection failed; the pool replaces it'));
  // Cluster mode (REDIS_URL): every node serves; the writer lease decides which one ingests,
  // rolls up and runs the ticks, and restores that state from storage when it takes over.
  const cluster =
    config.REDIS_URL === undefined
      ? null
      : await ClusterNode.connect(config.NODE_ID ?? `${os.hostname()}-${process.pid}`, { url: config.REDIS_URL, prefix: config.REDIS_PREFIX, maxStreamLength: 40 * config.DELTA_LOG_SIZE }, log);

  // With simulated time, a tick spans SIM_SPEED × TICK_MS of event time; the allowance must
  // cover several ticks or the simulator's own events would arrive "late".
  const allowedLatenessMs = Math.max(config.LATE_ALLOWANCE_MS, 3 * config.TICK_MS * config.SIM_SPEED);
  const rollup = new RollupHost(storage, {
    utcOffsetMinutes: profile.utcOffsetMinutes,
    allowedLatenessMs,
    rawRetentionMs: config.RAW_RETENTION_HOURS * 3_600_000,
    cityAirStations: cityAirStations(profile),
  });
  const daily = new DailyAqiBook(storage);
  rollup.onClosed((closed) => daily.onClosed(closed, rollup.engine));
  const restoredTo = cluster === null ? await rollup.restore() : null;
  // Simulated time ran ahead of the wall clock in a previous life; never go back behind it.
  // On one node it is held while the writer's state and history are restored or written.
  const simulated =
    cluster === null && !(config.SIM_SPEED === 1 && config.SIM_START === undefined)
      ? acceleratedClock(config.SIM_SPEED, Math.max(config.SIM_START ?? Date.now(), (restoredTo ?? 0) + allowedLatenessMs), { held: true })
      : null;
  const clock =
    cluster !== null
      ? await cluster.clock(config.SIM_SPEED, config.SIM_START, ((await storage.closedUpTo()) ?? 0) + allowedLatenessMs)
      : (simulated ?? systemClock());
  const restoreDaily = () => daily.restore(localDayAndYear(clock.now(), utcOffsetMs).yearStart - DAY_MS);
  if (cluster === null) await restoreDaily();

  const ownEpoch = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  // One epoch for the whole cluster and its successive writers: clients resume across them.
  const epoch = cluster === null ? ownEpoch : await cluster.store.epoch(ownEpoch);
  const topics = new TopicRegistry(epoch, scopes, config.DELTA_LOG_SIZE);
  const settings = new SettingsService(storage, topics, { catalogue, departments: profile.departments, city: profile.name });
  await settings.restore();
  const alerts = new AlertService(storage, topics, () => settings.catalogue());
  const feed = new FeedService(storage, topics);

  const rules = {
    calendar: createWorkingCalendar({
      utcOffsetMinutes: profile.utcOffsetMinutes,
      holidays: profile.holidays,
      workdays: profile.workdays,
      ...(profile.holidayFallback === undefined ? {} : { fallback: profile.holidayFallback }),
    }),
    sla: withSubCategories(DEFAULT_SLA_POLICY, profile.caseCategories),
    subCategories: profile.caseCategories,
    ...(profile.dispatchRoles ? { caseRoles: profile.dispatchRoles } : {}),
  };
  const simCases = config.SIMULATOR && config.SIM_CASES;
  // Photos are in the store now; files an earlier version wrote move there once.
  const imported = await importPhotoDirectory(path.join(config.DATA_DIR, 'photos'), storage);
  if (imported > 0) log.info({ photos: imported }, 'field photos moved from DATA_DIR/photos into the store');
  const cases = new CaseService(
    storage,
    topics,
    clock,
    { rules, departments: () => settings.departments(), utcOffsetMs, kpiDays: config.KPI_DAYS, photoExists: (caseId, photoId) => storage.hasPhoto(caseId, photoId) },
    log,
  );
  // The simulated duty crew works simulated reports as a source beside the simulator.
  const crew = simCases ? new SimulatedCrew(cases, storage, () => settings.departments(), config.SIM_SEED, log) : null;
  const emergencies = new EmergencyService(
    storage,
    topics,
    clock,
    {
      profile,
      departments: () => settings.departments(),
      notifier: config.NOTIFY_WEBHOOK_URL === undefined ? logNotifier(log) : webhookNotifier(config.NOTIFY_WEBHOOK_URL),
      mode: settings,
      utcOffsetMs,
    },
    log,
  );

  const sim = createSimulator(profile, { seed: config.SIM_SEED, airIntervalMs: config.SIM_AIR_INTERVAL_MS });
  /** The writer's state beyond the rollups: alerts, feed, live cases, emergencies, and the first start's history. */
  const restoreWriterState = async (restoredTo: number | null) => {
    await alerts.restore();
    await feed.restore();
    await emergencies.restore();
    if (restoredTo === null && config.SIMULATOR && config.SIM_BACKFILL_DAYS > 0) {
      const to = clock.now();
      const started = Date.now();
      // People starting it for the first time should know why it takes a minute; stdout is the JSON log.
      if (config.LOG_LEVEL !== 'silent') process.stderr.write(`\n  First start: writing ${config.SIM_BACKFILL_DAYS} days of simulated history (about a minute)…\n`);
      const coarse = createSimulator(profile, { seed: config.SIM_SEED, airIntervalMs: config.SIM_AIR_INTERVAL_MS, detail: 'coarse' });
      const n = await backfill({ coarse, fine: sim }, rollup, storage, to - config.SIM_BACKFILL_DAYS * DAY_MS, to, (events) => feed.collect(events));
      await feed.flush();
      log.info({ events: n, days: config.SIM_BACKFILL_DAYS, ms: Date.now() - started }, 'simulated history backfilled');
    }
    // After the rollups' backfill, so the replay ends where the live intake begins; before the
    // desk's restore, which then loads what it wrote.
    if (simCases && config.SIM_CASE_BACKFILL_DAYS > 0 && (await needsCaseHistory(storage, restoredTo))) {
      const to = clock.now();
      const from = localDayAndYear(to, utcOffsetMs).today - config.SIM_CASE_BACKFILL_DAYS * DAY_MS;
      const started = Date.now();
      const n = await backfillCases(sim, storage, { rules, departments: () => settings.departments(), utcOffsetMs, kpiDays: config.KPI_DAYS, seed: config.SIM_SEED }, from, to, log);
      log.info({ cases: n, days: config.SIM_CASE_BACKFILL_DAYS, ms: Date.now() - started }, 'simulated case history backfilled');
    }
    await cases.restore();
    await crew?.restore();
  };
  if (cluster === null) await restoreWriterState(restoredTo);
  simulated?.release();

  const serial = new Serial();
  const validator = new EventValidator(kinds.schemas);
  const sourceHealth = new SourceHealthBook(clock.now());
  const ingestor = new Ingestor(new KnownPlaces(profile), storage, rollup, serial, clock);
  ingestor.onAccepted((events) => feed.collect(events));

  // Sessions, lock-outs, pairing codes and the audit log live in real time, even when the
  // city runs on simulated time.
  const auth = new AuthService(storage, systemClock(), { sessionHours: config.SESSION_HOURS, demo: config.DEMO, adminPassword: config.ADMIN_PASSWORD }, log);
  // For the person starting it (the one-time password), never into the JSON log on stdout.
  const bootstrapAuth = () => auth.bootstrap((line) => process.stderr.write(`${line}\n`));
  // In a cluster the writer creates the first users, so nodes starting together do not race.
  if (cluster === null) await bootstrapAuth();

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
    // Per-request lines would drown the log under ingest traffic; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
  /** True on a single node; in a cluster, while this node holds the lease and its duties run. */
  let writing = cluster === null;
  if (cluster !== null) registerForwarding(app, { node: cluster.node, writing: () => writing, writerUrl: async () => (await cluster.writer())?.url ?? null });
  registerErrorHandler(app);
  await app.register(fastifyCookie);
  // Limits count per signed-in identity (after authentication), else per address; in a
  // cluster in Redis, so that a limit holds across nodes (a Redis error lets the request through).
  await app.register(fastifyRateLimit, {
    global: false,
    hook: 'preValidation',
    keyGenerator: (req) => req.principal?.tokenHash ?? req.ip,
    ...(cluster === null ? {} : { redis: cluster.redis, nameSpace: cluster.keys.rateLimit, skipOnError: true }),
  });
  const writeLimit = { max: config.WRITE_RATE_LIMIT, timeWindow: 60_000 };
  const media = config.MEDIA_ORIGINS.split(/\s+/).filter(Boolean);
  const mapTiles = parseMapTiles(config.MAP_TILE_URL, config.MAP_TILE_SUBDOMAINS, config.MAP_TILE_ATTRIBUTION, config.MAP_TILE_MAX_ZOOM);
  await app.register(fastifyHelmet, {
    // Everything the app loads comes from this origin; no inline script anywhere.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...mapTiles.origins],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...media],
        mediaSrc: ["'self'", 'blob:', ...media],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.COOKIE_SECURE,
  });
  await registerOpenApi(app, serverPackage.version);
  const origins = { trustProxy: config.TRUST_PROXY, allowed: parseAllowedOrigins(config.ALLOWED_ORIGINS).origins };
  const anonymous =
    cluster === null
      ? new AnonymousLimiter(config.ANON_RATE_LIMIT)
      : redisAnonymousLimit(cluster.redis, cluster.keys.anonymous, config.ANON_RATE_LIMIT, (err) => log.warn({ err }, 'counting an anonymous request in Redis failed'));
  registerAuthHooks(app, auth, storage, () => clock.now(), origins, anonymous);
  registerCaseRoutes(app, cases, writeLimit);
  registerInstructionRoute(app, cases, writeLimit);
  registerAssessmentRoutes(app, { cases, departments: () => settings.departments(), utcOffsetMs, writeLimit });
  registerPhotoRoutes(app, { cases, photos: storage, writeLimit, now: () => Date.now() });
  registerEmergencyRoutes(app, emergencies, writeLimit);
  registerAlertLinkRoutes(app, { alerts, cases, emergencies, divisions: profile.divisions, writeLimit });
  registerMapTileRoute(app, mapTiles.tiles);
  registerAdminRoutes(app, settings, writeLimit);
  registerAuthRoutes(app, {
    auth,
    storage,
    now: () => clock.now(),
    sessionHours: config.SESSION_HOURS,
    secureCookies: config.COOKIE_SECURE,
    demo: config.DEMO,
    sources: { kinds: () => validator.kinds, departments: () => settings.departments().map((d) => d.id), health: sourceHealth, catalogue: () => settings.catalogue() },
  });
  let ready = false;
  const wall: WallConfig = {
    playlist: config.WALL_PLAYLIST.split(',').map((p) => {
      const [page, seconds] = p.split(':');
      return { page: wallPageSchema.parse(page), seconds: Number(seconds) };
    }),
    focusSeconds: config.WALL_FOCUS_SECONDS,
  };
  const briefings = new BriefingService(
    storage,
    { profile, places, catalogue: () => settings.catalogue(), departments: () => settings.departments(), clock, compileAtMinute: config.BRIEFING_TIME },
    log,
  );
  registerBriefingRoutes(app, { storage, briefings, writeLimit, divisions: profile.divisions });
  registerRoutes(app, { writeLimit, loaded, catalogue: () => settings.catalogue(), places, ingestor, sourceHealth, storage, alerts, daily, clock, utcOffsetMs, wall });
  let lastTickAt: number | null = null;
  let stopping = false;
  const gate = new IngestGate({
    maxStreams: config.INGEST_MAX_STREAMS,
    maxQueued: config.INGEST_MAX_QUEUED,
    queued: () => ingestor.queued,
    tickLateMs: () => (lastTickAt === null ? 0 : Math.max(0, Date.now() - lastTickAt - config.TICK_MS)),
    tickMs: config.TICK_MS,
  });
  await registerIngestRoutes(app, {
    ingestor,
    validator,
    gate,
    writeLimit,
    sourceOf: (req) => sourceOfPrincipal(req.principal!),
    health: sourceHealth,
    budget: new EventBudget(),
    now: () => clock.now(),
  });
  registerProvenanceRoute(app, { storage, health: sourceHealth, catalogue: () => settings.catalogue(), now: () => clock.now() });
  const ngsi = ngsiConfig(loaded.kinds, profile);
  const notifyPolicy = endpointPolicy(config.NGSI_NOTIFY_ALLOW);
  const cityView = { topics, catalogue: () => settings.catalogue(), scopes, now: () => clock.now() };
  const notifier = new SubscriptionNotifier({ store: storage, entities: () => cityEntities(cityView), now: () => clock.now(), policy: notifyPolicy, log });
  registerNgsiRoutes(app, {
    ingestor,
    validator,
    gate,
    sourceOf: (req) => sourceOfPrincipal(req.principal!),
    health: sourceHealth,
    places: ngsi.places,
    types: ngsi.types,
    utcOffsetMs,
    topics,
    catalogue: () => settings.catalogue(),
    scopes,
    now: () => clock.now(),
    storage,
    notifier,
    policy: notifyPolicy,
    writeLimit,
  });
  registerHealthRoutes(app, { started: () => ready, stopping: () => stopping, lastTickAt: () => (cluster === null ? lastTickAt : cluster.lastTickAt()), tickMs: config.TICK_MS, probeStore: () => storage.getSetting('readyz') });
  const metrics = new ServerMetrics({
    socketsByRole: () => {
      const roles = new Map<string, number>();
      for (const socket of gateway.io.sockets.sockets.values()) {
        const role: string = socket.data.principal?.role ?? 'unknown';
        roles.set(role, (roles.get(role) ?? 0) + 1);
      }
      return roles;
    },
    openCasesByState: () => cases.openByState(),
    lastTickAt: () => lastTickAt,
  });
  metrics.observeHttp(app);
  ingestor.onGroup((n) => metrics.journalGroups.observe(n));
  registerRequestLog(app);
  registerBackupRoute(app, storage, config.DATA_DIR);
  registerMetricsRoute(app, metrics, config.METRICS_TOKEN);
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

  // Topic family only (vitals, cases, …): per-division labels would multiply the series.
  const countDelta = (topic: string) => metrics.deltasPublished.inc({ topic: topic.split(':')[0] });
  // In a cluster every node serves the topics from its mirror of the Redis logs and hands
  // each delta to its own sockets only; the writer's registry feeds Redis.
  const mirror =
    cluster?.mirror(epoch, (t) => topics.get(t) !== undefined, config.DELTA_LOG_SIZE, (delta) => {
      countDelta(delta.topic);
      gateway.fanout.publish(delta);
    }) ?? null;
  const gateway = createSocketGateway(app.server, mirror ?? topics, auth, clock, log, { tickMs: config.TICK_MS, origins, maxBufferedBytes: config.SOCKET_MAX_BUFFERED_BYTES });
  if (cluster === null) {
    topics.attach({
      publish(delta) {
        countDelta(delta.topic);
        gateway.fanout.publish(delta);
      },
    });
  } else {
    gateway.io.adapter(cluster.socketAdapter());
    await mirror!.start();
    cluster.onChange('settings', () => void settings.restore().catch((err: unknown) => log.error({ err }, 'reloading settings failed')));
    settings.onChange(() => cluster.announce('settings'));
  }
  auth.onRevoked(gateway.cut);
  const timers: NodeJS.Timeout[] = [];

  /** Set in cluster mode: a write refused by the store's writer fence means another node took over. */
  let stepDownOnStale: (() => void) | null = null;
  const deposed = (err: unknown) => {
    if (err instanceof StaleWriter) stepDownOnStale?.();
  };
  const vitalsCtx = { catalogue: () => settings.catalogue(), places, daily, scopes, utcOffsetMs };
  const tick = () =>
    serial
      .run(async () => {
        const endTimer = metrics.tickSeconds.startTimer();
        const now = clock.now();
        await rollup.advance(now);
        const readings = publishVitals(vitalsCtx, rollup.engine, topics, now);
        await alerts.onReadings(readings, now);
        await alerts.onSilentSources(silentSources(await storage.listCredentials('source'), sourceHealth, now), now);
        await feed.flush();
        // Compares and queues only; the notifications go out on their own.
        notifier.onTick();
        lastTickAt = Date.now();
        cluster?.ticked(lastTickAt);
        endTimer();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'tick failed');
        deposed(err);
      });
  const caseTick = async () => {
    await crew?.tick(clock.now());
    await cases.tick();
  };
  const sources: EventSource[] = [];
  let intake: { stop(): void } | null = null;
  /** The writer's duties: the tick, the case, emergency and briefing clocks, the session sweep, the simulated sources. */
  const startDuties = async () => {
    await notifier.start();
    timers.push(
      setInterval(() => void caseTick().catch((err: unknown) => (log.error({ err }, 'case tick failed'), deposed(err))), config.CASE_TICK_MS),
      // Department silence and reporting limits are checked on the case clock's beat.
      setInterval(() => void emergencies.tick().catch((err: unknown) => (log.error({ err }, 'emergency tick failed'), deposed(err))), config.CASE_TICK_MS),
      setInterval(() => void briefings.tick().catch((err: unknown) => (log.error({ err }, 'briefing compilation failed'), deposed(err))), config.CASE_TICK_MS),
      setInterval(() => void auth.sweep().catch((err: unknown) => log.error({ err }, 'session sweep failed')), 3_600_000),
    );
    await tick();
    timers.push(setInterval(tick, config.TICK_MS));
    if (config.SIMULATOR) sources.push(simulatorSource(sim, clock, config.TICK_MS, (err) => log.error({ err }, 'simulator batch refused')));
    for (const s of sources) s.start((events) => ingestor.submit(events));
    intake = simCases
      ? intakeSource(sim, clock, config.TICK_MS, (r) => cases.report(r, SIM_INTAKE), (err) => log.error({ err }, 'simulated intake failed'))
      : null;
  };
  const stopDuties = () => {
    for (const s of sources) s.stop();
    sources.length = 0;
    intake?.stop();
    for (const t of timers) clearInterval(t);
    timers.length = 0;
    cases.stop();
    notifier.stop();
  };
  if (cluster === null) await startDuties();

  // Node's default accept queue (511) overflows when thousands of walls reconnect at once, and
  // every dropped SYN costs its wall a TCP retransmit of 1, 3, 7… s; the kernel caps this at
  // net.core.somaxconn (4096 on Debian 12).
  await app.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG });
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  log.info({ epoch, restoredTo, profile: profile.id, simulator: config.SIMULATOR, node: cluster?.node }, 'server ready');
  if (cluster !== null) {
    const leadership = cluster.lead({ url: config.NODE_URL ?? `http://${host}:${port}`, ttlMs: config.WRITER_LEASE_MS });
    const takeOver = async (lease: string) => {
      const started = Date.now();
      // Fencing in storage: from here on a write of the writer's data by any earlier writer
      // (paused past its lease) is refused by the database, and so are ours once a later one claims.
      const fence = parseLease(lease)!.fence;
      const claim = await storage.claimWriter(fence);
      if (!claim.claimed) {
        // A later writer already claimed the store (or Redis lost its counter): lift the lease
        // counter above the stored number so the next lease can claim, and stay an edge.
        await cluster.raiseFence(claim.current);
        throw new StaleWriter(`the store's writer fence is ${claim.current}, past this lease's ${fence}`);
      }
      // The previous writer's state: topics from Redis (seq continues), the rest from storage.
      const stored = await cluster.store.load();
      // A topic never stored starts at 0 here too (this node's own changes before the lease were never published).
      for (const name of new Set([...topics.names(), ...stored.topics.keys()])) {
        const t = stored.topics.get(name);
        topics.resume(name as Topic, t?.seq ?? 0, t?.entries ?? new Map());
      }
      let appending: Promise<void> = Promise.resolve();
      topics.attach({
        publish(delta) {
          appending = appending
            .then(() => cluster.store.append(delta, lease))
            .catch((err: unknown) => {
              if (err instanceof FencedOut) log.error({ err }, 'fenced out: another node holds the writer lease');
              else log.error({ err, topic: delta.topic, seq: delta.seq }, 'storing a delta failed');
              stepDown();
            });
        },
      });
      const restored = await serial.run(() => rollup.restore());
      await restoreDaily();
      await settings.restore();
      await bootstrapAuth();
      await restoreWriterState(restored);
      await startDuties();
      writing = true;
      log.info({ lease, restoredTo: restored, ms: Date.now() - started }, 'writer duties started');
    };
    let stepped = false;
    stepDownOnStale = () => {
      log.error('a write was refused by the writer fence: another node holds a newer lease');
      stepDown();
    };
    // For good: this process's writer state may be behind what the next writer does; it
    // stays an edge (restart it to make it a candidate again).
    const stepDown = () => {
      if (stepped) return;
      stepped = true;
      writing = false;
      stopDuties();
      topics.attach({ publish: () => undefined });
      leadership.stop().catch((err: unknown) => log.error({ err }, 'releasing the writer lease failed'));
    };
    leadership.start(
      (lease) =>
        void takeOver(lease).catch((err: unknown) => {
          log.error({ err }, 'taking over as writer failed');
          stepDown();
        }),
      stepDown,
    );
  }

  return {
    url: `http://${host}:${port}`,
    port,
    epoch,
    clock,
    auth,
    async stop() {
      // Not ready first, so a load balancer sends the traffic elsewhere; then no new work,
      // sockets told to come back soon, in-flight requests answered, queued writes flushed.
      ready = false;
      stopping = true;
      stopDuties();
      gateway.shutdown();
      // Stops listening, answers 503 to requests on kept-alive connections, waits for those in flight.
      await app.close();
      await new Promise<void>((resolve) => gateway.io.close(() => resolve()));
      await emergencies.stop();
      await briefings.idle();
      await ingestor.idle();
      await serial.run(async () => undefined);
      // After the last write: the lease is freed for the next writer at once.
      await cluster?.stop();
      await storage.close();
    },
  };
}
