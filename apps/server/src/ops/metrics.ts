import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsSources {
  /** Open sockets by the role of who holds them. */
  socketsByRole: () => Map<string, number>;
  /** Cases not yet ended, by workflow state. */
  openCasesByState: () => Map<string, number>;
  /** Real time of the last completed tick, or null. */
  lastTickAt: () => number | null;
}

/** The server's Prometheus metrics: process defaults (event-loop lag included) and ours. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly tickSeconds = new Histogram({
    name: 'cw_tick_duration_seconds',
    help: 'One tick: rollups advanced, the catalogue evaluated, alerts and feed published',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly deltasPublished = new Counter({ name: 'cw_topic_deltas_published_total', help: 'Topic deltas broadcast to socket rooms', labelNames: ['topic'], registers: [this.registry] });
  readonly journalGroups = new Histogram({
    name: 'cw_ingest_journal_group_submissions',
    help: 'Ingest submissions (requests, or chunks of a long one) journaled together in one transaction: the group commit',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });
  readonly ingested = new Counter({ name: 'cw_ingest_requests_total', help: 'POST /api/v1/events requests by outcome', labelNames: ['outcome'], registers: [this.registry] });
  private readonly http = new Histogram({
    name: 'cw_http_request_duration_seconds',
    help: 'HTTP requests by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources, now: () => number = Date.now) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cw_' });
    new Gauge({
      name: 'cw_sockets_connected',
      help: 'Open sockets by role',
      labelNames: ['role'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [role, n] of sources.socketsByRole()) this.set({ role }, n);
      },
    });
    new Gauge({
      name: 'cw_cases_open',
      help: 'Cases not yet ended, by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [state, n] of sources.openCasesByState()) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'cw_rollup_lag_seconds',
      help: 'Seconds since the rollups last advanced (the last completed tick)',
      registers: [this.registry],
      collect() {
        const last = sources.lastTickAt();
        this.set(last === null ? Number.NaN : (now() - last) / 1000);
      },
    });
  }

  /** Times every request by its route pattern (never the raw URL: unbounded label values). */
  observeHttp(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.http.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      if (route === '/api/v1/events' && req.method === 'POST') this.ingested.inc({ outcome: reply.statusCode < 400 ? 'accepted' : 'refused' });
    });
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * GET /metrics: only from loopback (a scraper on the same host) unless METRICS_TOKEN is set,
 * then only with `Authorization: Bearer <token>`.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServerMetrics, token: string | undefined): void {
  // The socket's own peer, never X-Forwarded-For: a proxy in front must not make every
  // scrape look local. Digests so the comparison takes the same time for any guess.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const expected = token === undefined ? null : digest(`Bearer ${token}`);
  const allowed = (req: FastifyRequest) =>
    expected === null ? LOOPBACK.test(req.socket.remoteAddress ?? '') : timingSafeEqual(digest(req.headers.authorization ?? ''), expected);
  app.get('/metrics', { config: { audit: false } }, async (req, reply) => {
    if (!allowed(req)) return reply.code(401).send({ error: 'unauthenticated', message: 'metrics need the METRICS_TOKEN, or a scrape from this host' });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
