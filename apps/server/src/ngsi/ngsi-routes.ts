import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CITY_SCOPE, type Alert, type MetricDef, type NgsiTypeMapping, type VitalReading } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import type { IngestGate } from '../ingest/gate.ts';
import type { Candidate, IngestSource, Ingestor } from '../ingest/ingestor.ts';
import type { SourceHealthBook } from '../ingest/source-health.ts';
import type { EventValidator } from '../ingest/validate.ts';
import type { TopicRegistry } from '../publish/topics.ts';
import { entityToEvent, type EntityPlaces } from './entities-in.ts';
import { CONTEXT_DOCUMENT, TYPE_NAMES, VITAL_TYPE, alertEntity, keyValues, vitalEntity } from './entities-out.ts';

export interface NgsiRouteDeps {
  ingestor: Ingestor;
  validator: EventValidator;
  gate: IngestGate;
  sourceOf: (req: FastifyRequest) => IngestSource;
  health: SourceHealthBook;
  places: EntityPlaces;
  types: readonly NgsiTypeMapping[];
  utcOffsetMs: number;
  topics: TopicRegistry;
  catalogue: () => readonly MetricDef[];
  scopes: readonly string[];
  now: () => number;
}

const LD = 'application/ld+json';
const CONTEXT_PATH = '/ngsi-ld/v1/context.jsonld';
const MAX_ENTITIES = 1000;
const ERRORS = 'https://uri.etsi.org/ngsi-ld/errors/';

/** An NGSI-LD error (ProblemDetails, ETSI GS CIM 009 §5.5.2). */
function problem(reply: FastifyReply, status: number, type: string, title: string, detail: string) {
  return reply.code(status).type('application/json').send({ type: `${ERRORS}${type}`, title, detail });
}

/**
 * NGSI-LD both ways. In: `POST /api/v1/ngsi-ld/notify`, the endpoint of an Orion-LD or
 * Scorpio subscription, with a data-source key; each entity judged on its own like a line of
 * /api/v1/ingest. Out: `GET /ngsi-ld/v1/entities` and `/ngsi-ld/v1/entities/{id}`, the
 * city's vital signs and alerts as NGSI-LD entities, read-only, for anyone who may watch them.
 */
export function registerNgsiRoutes(app: FastifyInstance, deps: NgsiRouteDeps): void {
  app.register(async (child) => {
    // Notifications come as application/json or application/ld+json (the @context in the body).
    child.addContentTypeParser(LD, { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400 }));
      }
    });

    child.post('/api/v1/ngsi-ld/notify', {
      onRequest: requires('events.ingest'),
      schema: {
        tags: ['ingest'],
        summary: 'NGSI-LD notifications (Orion-LD, Scorpio): Smart Data Models entities as raw events, each judged on its own',
        description: 'application/json or application/ld+json; normalized or key-values entities. The reply is the per-line ingest report, `line` being the entity\'s position in `data`. See docs/ingest.md#ngsi-ld.',
      },
    }, async (req, reply) => {
      const no = deps.gate.refuse();
      if (no !== null) return reply.code(503).header('retry-after', String(no.retryAfterSec)).send({ error: 'overloaded', message: `${no.reason}; retry in ${no.retryAfterSec} s` });
      const body = req.body as { type?: unknown; data?: unknown; notifiedAt?: unknown } | undefined;
      if (typeof body !== 'object' || body === null || body.type !== 'Notification' || !Array.isArray(body.data)) {
        return reply.code(400).send({ error: 'bad_request', message: 'expected an NGSI-LD Notification: { "type": "Notification", "data": [entities…], "notifiedAt": … }' });
      }
      if (body.data.length > MAX_ENTITIES) return reply.code(413).send({ error: 'payload_too_large', message: `at most ${MAX_ENTITIES} entities per notification` });
      const notifiedAt = typeof body.notifiedAt === 'string' ? Date.parse(body.notifiedAt) : NaN;
      const source = deps.sourceOf(req);
      const errors: { line: number; reason: string }[] = [];
      const candidates: Candidate[] = [];
      body.data.forEach((entity, i) => {
        const mapped = entityToEvent(entity, Number.isNaN(notifiedAt) ? undefined : notifiedAt, deps.places, deps.types, deps.utcOffsetMs);
        if (typeof mapped === 'string') return void errors.push({ line: i + 1, reason: mapped });
        const checked = deps.validator.check(mapped.event);
        if (typeof checked === 'string') errors.push({ line: i + 1, reason: checked });
        else candidates.push({ line: i + 1, event: checked });
      });
      deps.gate.enter();
      try {
        const r = candidates.length > 0 ? await deps.ingestor.submitLines(source, candidates) : { accepted: 0, duplicates: 0, refused: [] };
        errors.push(...r.refused);
        errors.sort((a, b) => a.line - b.line);
        deps.health.record(source.id, deps.now(), r.accepted + r.duplicates, errors.length);
        const report = { lines: body.data.length, accepted: r.accepted, duplicates: r.duplicates, refused: errors.length, errors };
        return reply.code(errors.length === body.data.length && body.data.length > 0 ? 422 : 200).send(report);
      } finally {
        deps.gate.leave();
      }
    });
  });

  app.get(CONTEXT_PATH, { schema: { tags: ['ngsi-ld'], summary: 'The JSON-LD @context of the NGSI-LD entities served here (no sign-in)' } }, async (_req, reply) => reply.type(LD).send(CONTEXT_DOCUMENT));

  /** Negotiates the representation; null when the reply was already sent (406). */
  const accepts = (req: FastifyRequest, reply: FastifyReply): 'json' | 'ld' | null => {
    const accept = (req.headers.accept ?? '*/*').toLowerCase();
    if (accept.includes(LD)) return 'ld';
    if (accept.includes('application/json') || accept.includes('*/*') || accept.includes('application/*')) return 'json';
    problem(reply, 406, 'NotAcceptable', 'Not acceptable', `offered: application/json, ${LD}`);
    return null;
  };

  const send = (req: FastifyRequest, reply: FastifyReply, as: 'json' | 'ld', body: Record<string, unknown> | Record<string, unknown>[]) => {
    const contextUrl = `${req.protocol}://${req.host}${CONTEXT_PATH}`;
    if (as === 'ld') {
      const withContext = (e: Record<string, unknown>) => ({ ...e, '@context': contextUrl });
      return reply.type(LD).send(Array.isArray(body) ? body.map(withContext) : withContext(body));
    }
    return reply.type('application/json').header('link', `<${contextUrl}>; rel="http://www.w3.org/ns/json-ld#context"; type="${LD}"`).send(body);
  };

  const all = (): Record<string, unknown>[] => {
    const now = deps.now();
    const catalogue = deps.catalogue();
    const out: Record<string, unknown>[] = [];
    for (const scope of [CITY_SCOPE, ...deps.scopes]) {
      const entries = (deps.topics.get(`vitals:${scope}`)?.snapshot().entries ?? {}) as Record<string, VitalReading>;
      for (const def of catalogue) {
        const r = entries[def.id];
        const stale = r?.asOf != null && now - r.asOf > def.staleAfterSec * 1000;
        out.push(vitalEntity(def, scope, r, stale));
      }
    }
    const alerts = Object.values(deps.topics.get('alerts')?.snapshot().entries ?? {}) as Alert[];
    for (const a of alerts) out.push(alertEntity(a, catalogue.find((m) => m.id === a.metric)));
    return out;
  };

  const simplified = (q: Record<string, string | undefined>) => (q['options'] ?? '').split(',').includes('keyValues') || q['format'] === 'simplified';

  app.get('/ngsi-ld/v1/entities', {
    preValidation: requires('vitals.read'),
    schema: { tags: ['ngsi-ld'], summary: 'NGSI-LD query: the vital signs (CityVitalSign) and alerts (Alert) by type or id; type, id, limit, offset, count, options=keyValues' },
  }, async (req, reply) => {
    const as = accepts(req, reply);
    if (as === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    if (q['type'] === undefined && q['id'] === undefined) {
      return problem(reply, 400, 'BadRequestData', 'Too broad a query', 'give type (CityVitalSign or Alert) or id');
    }
    const types = q['type']?.split(',').map((t) => TYPE_NAMES[t] ?? null);
    const ids = q['id'] === undefined ? null : new Set(q['id'].split(','));
    const limit = q['limit'] === undefined ? 20 : Number(q['limit']);
    const offset = q['offset'] === undefined ? 0 : Number(q['offset']);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
      return problem(reply, 400, 'BadRequestData', 'Bad paging', 'limit is a whole number 0–1000, offset a whole number ≥ 0');
    }
    const matched = all().filter((e) => (types === undefined || types.includes(e['type'] === VITAL_TYPE ? 'vital' : 'alert')) && (ids === null || ids.has(e['id'] as string)));
    if (q['count'] === 'true') reply.header('ngsild-results-count', String(matched.length));
    const page = matched.slice(offset, offset + limit);
    return send(req, reply, as, simplified(q) ? page.map(keyValues) : page);
  });

  app.get('/ngsi-ld/v1/entities/:id', {
    preValidation: requires('vitals.read'),
    schema: { tags: ['ngsi-ld'], summary: 'One NGSI-LD entity: a vital sign of a scope or an alert; options=keyValues' },
  }, async (req, reply) => {
    const as = accepts(req, reply);
    if (as === null) return reply;
    const { id } = req.params as { id: string };
    const entity = all().find((e) => e['id'] === id);
    if (entity === undefined) return problem(reply, 404, 'ResourceNotFound', 'Entity not found', id);
    return send(req, reply, as, simplified(req.query as Record<string, string | undefined>) ? keyValues(entity) : entity);
  });
}
