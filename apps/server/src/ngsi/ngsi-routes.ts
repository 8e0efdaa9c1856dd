import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { idPatternRegExp, matchesQuery, parseQuery, pickAttributes, type MetricDef, type NgsiTypeMapping } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import type { IngestGate } from '../ingest/gate.ts';
import type { Candidate, IngestSource, Ingestor } from '../ingest/ingestor.ts';
import type { SourceHealthBook } from '../ingest/source-health.ts';
import type { EventValidator } from '../ingest/validate.ts';
import type { TopicRegistry } from '../publish/topics.ts';
import type { SubscriptionStore } from '../storage/storage.ts';
import type { EndpointPolicy } from './endpoint-policy.ts';
import { entityToEvent, type EntityPlaces } from './entities-in.ts';
import { CONTEXT_DOCUMENT, TYPE_IRI, cityEntities, keyValues, servedType } from './entities-out.ts';
import { registerSubscriptionRoutes } from './subscription-routes.ts';
import { CONTEXT_PATH, LD, acceptLdJson, problem } from './problem.ts';
import type { SubscriptionNotifier } from './notifier.ts';

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
  storage: SubscriptionStore;
  notifier: SubscriptionNotifier;
  policy: EndpointPolicy;
  writeLimit: { max: number; timeWindow: number };
}

const MAX_ENTITIES = 1000;

/**
 * NGSI-LD both ways. In: `POST /api/v1/ngsi-ld/notify`, the endpoint of an Orion-LD or
 * Scorpio subscription, with a data-source key; each entity judged on its own like a line of
 * /api/v1/ingest. Out: `GET /ngsi-ld/v1/entities` and `/ngsi-ld/v1/entities/{id}`, the
 * city's vital signs and alerts as NGSI-LD entities, read-only, for anyone who may watch them.
 */
export function registerNgsiRoutes(app: FastifyInstance, deps: NgsiRouteDeps): void {
  app.register(async (child) => {
    // Notifications come as application/json or application/ld+json (the @context in the body).
    acceptLdJson(child);

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

  const all = () => cityEntities(deps);
  const simplified = (q: Record<string, string | undefined>) => (q['options'] ?? '').split(',').includes('keyValues') || q['format'] === 'simplified';
  /** A comma-separated list parameter; an empty item is refused. */
  const list = (v: string | undefined) => (v === undefined ? undefined : v.split(','));

  app.get('/ngsi-ld/v1/entities', {
    preValidation: requires('vitals.read'),
    schema: {
      tags: ['ngsi-ld'],
      summary: 'NGSI-LD query of the vital signs (CityVitalSign) and alerts (Alert): type, id, idPattern, attrs, q, limit, offset, count, options=keyValues',
      description: 'q offers comparisons (==, !=, >, >=, <, <=), lists and ranges with == and !=, ; (and), | (or) and parentheses; see docs/ingest.md#ngsi-ld.',
    },
  }, async (req, reply) => {
    const as = accepts(req, reply);
    if (as === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    if (q['type'] === undefined && q['id'] === undefined && q['idPattern'] === undefined && q['attrs'] === undefined && q['q'] === undefined) {
      return problem(reply, 400, 'BadRequestData', 'Too broad a query', 'give at least one of type (CityVitalSign or Alert), id, idPattern, attrs or q');
    }
    const types = list(q['type'])?.map(servedType);
    const ids = list(q['id']);
    const attrs = list(q['attrs']);
    if (attrs?.some((a) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a))) return problem(reply, 400, 'BadRequestData', 'Bad attrs', 'attrs is a comma-separated list of attribute names');
    const pattern = q['idPattern'] === undefined ? null : idPatternRegExp(q['idPattern']);
    if (typeof pattern === 'string') return problem(reply, 400, 'BadRequestData', 'Bad idPattern', pattern);
    const query = q['q'] === undefined ? null : parseQuery(q['q']);
    if (typeof query === 'string') return problem(reply, 400, 'BadRequestData', 'Bad q', query);
    const limit = q['limit'] === undefined ? 20 : Number(q['limit']);
    const offset = q['offset'] === undefined ? 0 : Number(q['offset']);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
      return problem(reply, 400, 'BadRequestData', 'Bad paging', 'limit is a whole number 0–1000, offset a whole number ≥ 0');
    }
    if (q['count'] !== undefined && q['count'] !== 'true' && q['count'] !== 'false') return problem(reply, 400, 'BadRequestData', 'Bad count', 'count is true or false');
    const matched = all().filter(
      (e) =>
        (types === undefined || types.includes(e['type'] as string)) &&
        (ids === undefined || ids.includes(e['id'] as string)) &&
        (pattern === null || pattern.test(e['id'] as string)) &&
        // An entity is matched by attrs when it has at least one of them (§5.7.2).
        (attrs === undefined || attrs.some((a) => e[a] !== undefined)) &&
        (query === null || matchesQuery(e, query)),
    );
    if (q['count'] === 'true') reply.header('ngsild-results-count', String(matched.length));
    const page = matched.slice(offset, offset + limit).map((e) => (attrs === undefined ? e : pickAttributes(e, attrs)));
    return send(req, reply, as, simplified(q) ? page.map(keyValues) : page);
  });

  app.get('/ngsi-ld/v1/entities/:id', {
    preValidation: requires('vitals.read'),
    schema: { tags: ['ngsi-ld'], summary: 'One NGSI-LD entity: a vital sign of a scope or an alert; attrs, options=keyValues' },
  }, async (req, reply) => {
    const as = accepts(req, reply);
    if (as === null) return reply;
    const { id } = req.params as { id: string };
    const q = req.query as Record<string, string | undefined>;
    const found = all().find((e) => e['id'] === id);
    if (found === undefined) return problem(reply, 404, 'ResourceNotFound', 'Entity not found', id);
    const attrs = list(q['attrs']);
    const entity = attrs === undefined ? found : pickAttributes(found, attrs);
    return send(req, reply, as, simplified(q) ? keyValues(entity) : entity);
  });

  app.get('/ngsi-ld/v1/types', {
    preValidation: requires('vitals.read'),
    schema: { tags: ['ngsi-ld'], summary: 'The entity types available (EntityTypeList), or with details=true each type with its attribute names (EntityType)' },
  }, async (req, reply) => {
    const as = accepts(req, reply);
    if (as === null) return reply;
    const byType = new Map<string, Set<string>>();
    for (const e of all()) {
      const names = byType.get(e['type'] as string) ?? new Set<string>();
      for (const k of Object.keys(e)) if (k !== 'id' && k !== 'type') names.add(k);
      byType.set(e['type'] as string, names);
    }
    if ((req.query as Record<string, string | undefined>)['details'] === 'true') {
      return send(req, reply, as, [...byType].map(([typeName, names]) => ({ id: TYPE_IRI[typeName] ?? typeName, type: 'EntityType', typeName, attributeNames: [...names].sort() })));
    }
    return send(req, reply, as, { id: `urn:ngsi-ld:EntityTypeList:${randomUUID()}`, type: 'EntityTypeList', typeList: [...byType.keys()] });
  });

  registerSubscriptionRoutes(app, deps, { accepts, send, contextUrl: (req) => `${req.protocol}://${req.host}${CONTEXT_PATH}` });
}
