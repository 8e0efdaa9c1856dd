import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgeAlertSchema, alertSchema, bulkAcknowledgeSchema, cityProfileSchema, ingestBatchSchema, ingestResultSchema, scopeSchema, statusSchema, wallConfigSchema, type MetricDef, type WallConfig } from '@cw/contracts';
import { evaluateMetric, seriesNeeded, windowReader, type PlaceIndex } from '@cw/metrics';
import type { Aggregate } from '@cw/rollup';
import { requires } from '../auth/http-auth.ts';
import { badRequest, errorResponses } from './errors.ts';
import type { RateLimit } from './rate-limit.ts';
import type { Clock } from '../clock.ts';
import { IngestRefused, sourceOfPrincipal, type Ingestor } from '../ingest/ingestor.ts';
import type { SourceHealthBook } from '../ingest/source-health.ts';
import type { LoadedProfile } from '../profile.ts';
import { UnknownAlert, type AlertService } from '../publish/alerts.ts';
import type { DailyAqiBook } from '../rollup/daily-aqi-book.ts';
import { STORED_WINDOWS_MS } from '../rollup/retention.ts';
import type { Storage } from '../storage/storage.ts';

export interface RouteDeps {
  writeLimit: RateLimit;
  loaded: LoadedProfile;
  catalogue: () => readonly MetricDef[];
  places: PlaceIndex;
  ingestor: Ingestor;
  sourceHealth: SourceHealthBook;
  storage: Storage;
  alerts: AlertService;
  daily: DailyAqiBook;
  clock: Clock;
  utcOffsetMs: number;
  wall: WallConfig;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Longest history one request may ask for, per window family: what storage keeps. */
const MAX_SPAN = STORED_WINDOWS_MS;

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

const alertsQuery = z.object({
  from: z.coerce.number().int().default(0),
  to: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const idParam = z.object({ id: z.string().min(1).max(128) });

const historyReply = z.object({
  metric: z.string(),
  scope: z.string(),
  window: z.enum(['1h', '1d']),
  points: z.array(z.object({ start: z.number(), value: z.number().nullable(), status: statusSchema, parts: z.record(z.string(), z.number().nullable()).optional() })),
});

/** The divisions' boundaries: served as stored, so only the envelope is checked. */
const featureCollection = z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.looseObject({})) });

/** The HTTP API: health, reference data, raw-event ingest, history and alerts. */
export function registerRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/profile', { preValidation: requires('profile.read'), schema: { tags: ['reference'], summary: "The city profile: divisions, sites, devices, departments, calendar, emergency plans", response: { 200: cityProfileSchema, ...errorResponses } } }, async () => deps.loaded.profile);
  app.get('/api/v1/profile/divisions.geojson', { preValidation: requires('profile.read'), schema: { tags: ['reference'], summary: "The divisions' boundaries (GeoJSON FeatureCollection)", response: { 200: featureCollection, ...errorResponses } } }, async () => deps.loaded.geojson);
  app.get('/api/v1/wall', { preValidation: requires('profile.read'), schema: { tags: ['reference'], summary: "The wall's page playlist", response: { 200: wallConfigSchema, ...errorResponses } } }, async () => deps.wall);
  app.get('/api/v1/time', {
    preValidation: requires('profile.read'),
    schema: { tags: ['reference'], summary: "The server's clock (simulated time when the simulator runs)", response: { 200: z.object({ now: z.number(), utcOffsetMinutes: z.number() }), ...errorResponses } },
  }, async () => ({ now: deps.clock.now(), utcOffsetMinutes: deps.utcOffsetMs / 60_000 }));

  app.post('/api/v1/events', {
    // Who and how often before the body is parsed: a throttled source costs no parsing.
    onRequest: requires('events.ingest'),
    config: { rateLimit: { ...deps.writeLimit, hook: 'onRequest' } },
    schema: { tags: ['ingest'], summary: 'Ingest a batch of raw events (all or nothing)', body: ingestBatchSchema, response: { 202: ingestResultSchema, ...errorResponses } },
  }, async (req, reply) => {
    const source = sourceOfPrincipal(req.principal!);
    try {
      const result = await deps.ingestor.submit(req.body.events, source);
      deps.sourceHealth.record(source.id, deps.clock.now(), result.accepted + result.duplicates, 0);
      return reply.code(202).send(result);
    } catch (err) {
      if (err instanceof IngestRefused) {
        deps.sourceHealth.record(source.id, deps.clock.now(), 0, req.body.events.length);
        return reply.code(422).send({ error: 'refused', message: err.message, problems: err.problems });
      }
      throw err;
    }
  });

  /**
   * A metric evaluated over stored windows: one point per hour or per local day, from the
   * same catalogue definition as the live figure.
   */
  app.get('/api/v1/metrics/:id/history', {
    preValidation: requires('history.read'),
    schema: { tags: ['history'], summary: "A metric's hourly or daily history, from the catalogue definition", params: idParam, querystring: historyQuery, response: { 200: historyReply, ...errorResponses } },
  }, async (req, reply) => {
    const def = deps.catalogue().find((m) => m.id === req.params.id);
    if (def === undefined) return reply.code(404).send({ error: 'not_found', message: 'no such metric' });
    const { scope, window, from, to } = req.query;
    if (to <= from) return reply.code(400).send(badRequest('`to` must be after `from`'));
    if (to - from > MAX_SPAN[window]!) return reply.code(400).send(badRequest(`at most ${MAX_SPAN[window]! / DAY} days of ${window} windows per request`));
    if (def.compute.kind === 'good_days') return reply.code(400).send(badRequest('good_days has no per-window history; see /api/v1/air/daily'));
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
  app.get('/api/v1/air/daily', {
    preValidation: requires('history.read'),
    schema: { tags: ['history'], summary: 'Daily AQI levels of a scope (the basis of the share of good days)', querystring: rangeQuery, response: { 200: z.array(z.object({ day: z.number(), level: z.number() })), ...errorResponses } },
  }, async (req) => deps.daily.records(req.query.scope, req.query.from, req.query.to));

  app.get('/api/v1/alerts', {
    preValidation: requires('alerts.read'),
    schema: { tags: ['alerts'], summary: 'Alerts raised in a period, newest first', querystring: alertsQuery, response: { 200: z.array(alertSchema), ...errorResponses } },
  }, async (req) => deps.storage.listAlerts(req.query.from, req.query.to ?? deps.clock.now() + HOUR, req.query.limit));

  app.post('/api/v1/alerts/:id/acknowledge', {
    preValidation: requires('alerts.acknowledge'),
    config: { rateLimit: deps.writeLimit },
    // No body at all is an acknowledgement without a note.
    schema: { tags: ['alerts'], summary: 'Acknowledge an alert', params: idParam, body: acknowledgeAlertSchema.optional(), response: { 200: alertSchema, ...errorResponses } },
  }, async (req, reply) => {
    try {
      return await deps.alerts.acknowledge(req.params.id, req.principal!.name, deps.clock.now(), req.body?.note ?? null);
    } catch (err) {
      if (err instanceof UnknownAlert) return reply.code(404).send({ error: 'not_found', message: err.message });
      throw err;
    }
  });

  app.post('/api/v1/alerts/acknowledge', {
    preValidation: requires('alerts.acknowledge'),
    config: { rateLimit: deps.writeLimit },
    schema: {
      tags: ['alerts'],
      summary: 'Acknowledge several alerts with one reason; all or none',
      body: bulkAcknowledgeSchema,
      response: { 200: z.array(alertSchema), ...errorResponses },
    },
  }, async (req, reply) => {
    try {
      return await deps.alerts.acknowledgeAll(req.body.ids, req.principal!.name, deps.clock.now(), req.body.note);
    } catch (err) {
      if (err instanceof UnknownAlert) return reply.code(404).send({ error: 'not_found', message: err.message });
      throw err;
    }
  });
}
