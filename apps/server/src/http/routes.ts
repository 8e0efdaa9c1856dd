import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { acknowledgeAlertSchema, ingestBatchSchema, scopeSchema, type MetricDef, type WallConfig } from '@cw/contracts';
import { evaluateMetric, seriesNeeded, windowReader, type PlaceIndex } from '@cw/metrics';
import type { Aggregate } from '@cw/rollup';
import { requires } from '../auth/http-auth.ts';
import type { RateLimit } from './rate-limit.ts';
import type { Clock } from '../clock.ts';
import { IngestRefused, type Ingestor } from '../ingest/ingestor.ts';
import type { LoadedProfile } from '../profile.ts';
import { UnknownAlert, type AlertService } from '../publish/alerts.ts';
import type { DailyAqiBook } from '../rollup/daily-aqi-book.ts';
import type { Storage } from '../storage/storage.ts';

export interface RouteDeps {
  writeLimit: RateLimit;
  loaded: LoadedProfile;
  catalogue: () => readonly MetricDef[];
  places: PlaceIndex;
  ingestor: Ingestor;
  storage: Storage;
  alerts: AlertService;
  daily: DailyAqiBook;
  clock: Clock;
  utcOffsetMs: number;
  wall: WallConfig;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Longest history one request may ask for, per window family. */
const MAX_SPAN: Record<string, number> = { '1h': 40 * DAY, '1d': 800 * DAY };

const historyQuery = z.object({
  scope: scopeSchema.default('city'),
  window: z.enum(['1h', '1d']),
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().nonnegative(),
});

const rangeQuery = z.object({
  scope: scopeSchema.default('city'),
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().nonnegative(),
});

const bad = (message: string, issues?: unknown) => ({ error: 'bad_request', message, ...(issues === undefined ? {} : { issues }) });

/** The HTTP API: health, reference data, raw-event ingest, history and alerts. */
export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {

  app.get('/api/v1/profile', { preHandler: requires('profile.read') }, async () => deps.loaded.profile);
  app.get('/api/v1/profile/divisions.geojson', { preHandler: requires('profile.read') }, async () => deps.loaded.geojson);
  app.get('/api/v1/wall', { preHandler: requires('profile.read') }, async () => deps.wall);
  app.get('/api/v1/time', { preHandler: requires('profile.read') }, async () => ({ now: deps.clock.now(), utcOffsetMinutes: deps.utcOffsetMs / 60_000 }));

  app.post('/api/v1/events', { preHandler: requires('events.ingest'), config: { rateLimit: deps.writeLimit } }, async (req, reply) => {
    const batch = ingestBatchSchema.safeParse(req.body);
    if (!batch.success) return reply.code(400).send(bad('invalid event batch', batch.error.issues));
    try {
      const result = await deps.ingestor.submit(batch.data.events);
      return reply.code(202).send(result);
    } catch (err) {
      if (err instanceof IngestRefused) return reply.code(422).send({ error: 'refused', message: err.message, problems: err.problems });
      throw err;
    }
  });

  /**
   * A metric evaluated over stored windows: one point per hour or per local day, from the
   * same catalogue definition as the live figure.
   */
  app.get('/api/v1/metrics/:id/history', { preHandler: requires('history.read') }, async (req, reply) => {
    const def = deps.catalogue().find((m) => m.id === (req.params as { id: string }).id);
    if (def === undefined) return reply.code(404).send({ error: 'not_found', message: 'no such metric' });
    const q = historyQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad('invalid history query', q.error.issues));
    const { scope, window, from, to } = q.data;
    if (to <= from) return reply.code(400).send(bad('`to` must be after `from`'));
    if (to - from > MAX_SPAN[window]!) return reply.code(400).send(bad(`at most ${MAX_SPAN[window]! / DAY} days of ${window} windows per request`));
    if (def.compute.kind === 'good_days') return reply.code(400).send(bad('good_days has no per-window history; see /api/v1/air/daily'));
    const byStart = new Map<number, Map<string, Aggregate>>();
    for (const need of seriesNeeded(def, scope, deps.places)) {
      for (const w of await deps.storage.history(window, need.series, need.scope, from, to)) {
        let m = byStart.get(w.start);
        if (m === undefined) byStart.set(w.start, (m = new Map()));
        m.set(`${need.series}\u0000${need.scope}`, w.agg);
      }
    }
    const points = [...byStart.keys()].sort((a, b) => a - b).map((start) => {
      const aggs = byStart.get(start)!;
      const reader = windowReader((series, sc) => aggs.get(`${series}\u0000${sc}`));
      const r = evaluateMetric(def, scope, { reader, places: deps.places, thresholds: (d) => d.thresholds });
      return { start, value: r.value, status: r.status, ...(r.parts ? { parts: r.parts } : {}) };
    });
    return { metric: def.id, scope, window, points };
  });

  /** Daily AQI levels of a scope (the basis of the share of good days). */
  app.get('/api/v1/air/daily', { preHandler: requires('history.read') }, async (req, reply) => {
    const q = rangeQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad('invalid query', q.error.issues));
    return deps.daily.records(q.data.scope, q.data.from, q.data.to);
  });

  app.get('/api/v1/alerts', { preHandler: requires('alerts.read') }, async (req, reply) => {
    const q = z.object({ from: z.coerce.number().int().default(0), to: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }).safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad('invalid query', q.error.issues));
    return deps.storage.listAlerts(q.data.from, q.data.to ?? deps.clock.now() + HOUR, q.data.limit);
  });

  app.post('/api/v1/alerts/:id/acknowledge', { preHandler: requires('alerts.acknowledge'), config: { rateLimit: deps.writeLimit } }, async (req, reply) => {
    const body = acknowledgeAlertSchema.safeParse(req.body ?? {});
    if (!body.success) return reply.code(400).send(bad('invalid body', body.error.issues));
    try {
      return await deps.alerts.acknowledge((req.params as { id: string }).id, req.principal!.name, deps.clock.now());
    } catch (err) {
      if (err instanceof UnknownAlert) return reply.code(404).send({ error: 'not_found', message: err.message });
      throw err;
    }
  });
}
