import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseSubscription, type StoredSubscription } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import { DuplicateSubscription } from '../storage/storage.ts';
import { servedType } from './entities-out.ts';
import type { NgsiRouteDeps } from './ngsi-routes.ts';
import { LD, acceptLdJson, problem } from './problem.ts';
import type { NotificationStatus } from './notifier.ts';

type Body = Record<string, unknown> | Record<string, unknown>[];
interface Helpers {
  accepts: (req: FastifyRequest, reply: FastifyReply) => 'json' | 'ld' | null;
  send: (req: FastifyRequest, reply: FastifyReply, as: 'json' | 'ld', body: Body) => unknown;
  contextUrl: (req: FastifyRequest) => string;
}

const PATH = '/ngsi-ld/v1/subscriptions';
const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

/** A subscription as the API shows it (§5.2.12), with its notifications' status as this writer has seen them. */
function representation(s: StoredSubscription, stats: NotificationStatus | null, now: number): Record<string, unknown> {
  const expired = s.spec.expiresAt !== undefined && Date.parse(s.spec.expiresAt) <= now;
  const n = s.spec.notification;
  return {
    id: s.id,
    ...s.spec,
    notification: {
      ...n,
      ...(stats?.status ? { status: stats.status } : {}),
      timesSent: stats?.timesSent ?? 0,
      ...(stats?.lastNotification != null ? { lastNotification: iso(stats.lastNotification) } : {}),
      ...(stats?.lastSuccess != null ? { lastSuccess: iso(stats.lastSuccess) } : {}),
      ...(stats?.lastFailure != null ? { lastFailure: iso(stats.lastFailure) } : {}),
    },
    status: expired ? 'expired' : s.spec.isActive ? 'active' : 'paused',
  };
}

/**
 * NGSI-LD subscriptions to the city's vital signs and alerts (§5.8, §6.10, §6.11): create,
 * list, read, delete; for administrators. Stored through the storage interface; the writer's
 * notifier sends the notifications (in a cluster every /ngsi-ld/ request reaches the writer).
 */
export function registerSubscriptionRoutes(app: FastifyInstance, deps: NgsiRouteDeps, h: Helpers): void {
  app.register(async (child) => {
    acceptLdJson(child);
    // The body parser's refusals as ProblemDetails too (InvalidRequest: not JSON at all).
    child.setErrorHandler((err: FastifyError, req, reply) => {
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return problem(reply, status, status === 400 ? 'InvalidRequest' : 'BadRequestData', 'Invalid request', err.message);
      req.log.error({ err }, 'NGSI-LD subscription request failed');
      return problem(reply, 500, 'InternalError', 'Internal error', 'internal error');
    });

    child.post(PATH, {
      preValidation: requires('ngsi.subscriptions'),
      config: { rateLimit: deps.writeLimit },
      schema: {
        tags: ['ngsi-ld'],
        summary: 'Create an NGSI-LD subscription to vital signs and alerts (administrators)',
        description: 'ETSI GS CIM 009 Subscription: entities by type (id, idPattern), watchedAttributes, q, notification.attributes, format, endpoint.uri (http/https, allowed by NGSI_NOTIFY_ALLOW), accept, receiverInfo, throttling, expiresAt, isActive. 201 with Location; 400 BadRequestData naming the problem; 409 AlreadyExists.',
      },
    }, async (req, reply) => {
      const body = req.body;
      if (req.headers['content-type']?.startsWith(LD) && (typeof body !== 'object' || body === null || !('@context' in body))) {
        return problem(reply, 400, 'BadRequestData', 'Bad subscription', 'an application/ld+json body carries its @context');
      }
      const parsed = parseSubscription(body);
      if (!parsed.ok) return problem(reply, 400, 'BadRequestData', 'Bad subscription', parsed.problem);
      const { id: given, '@context': _context, ...spec } = parsed.spec;
      const unserved = (spec.entities ?? []).map((e) => e.type).filter((t) => servedType(t) === null);
      if (unserved.length > 0) return problem(reply, 400, 'BadRequestData', 'Bad subscription', `entity type ${unserved.join(', ')} is not served here (CityVitalSign, Alert)`);
      const refused = await deps.policy.check(spec.notification.endpoint.uri);
      if (refused !== null) return problem(reply, 400, 'BadRequestData', 'Bad subscription', refused);
      const sub: StoredSubscription = { id: given ?? `urn:ngsi-ld:Subscription:${randomUUID()}`, spec, createdAt: deps.now(), createdBy: req.principal!.id, contextUrl: h.contextUrl(req) };
      try {
        await deps.storage.insertSubscription(sub);
      } catch (err) {
        if (err instanceof DuplicateSubscription) return problem(reply, 409, 'AlreadyExists', 'Subscription exists', sub.id);
        throw err;
      }
      deps.notifier.add(sub);
      return reply.code(201).header('location', `${PATH}/${sub.id}`).send();
    });
  });

  app.get(PATH, {
    preValidation: requires('ngsi.subscriptions'),
    schema: { tags: ['ngsi-ld'], summary: 'The NGSI-LD subscriptions, oldest first: limit, offset, count (administrators)' },
  }, async (req, reply) => {
    const as = h.accepts(req, reply);
    if (as === null) return reply;
    const q = req.query as Record<string, string | undefined>;
    const limit = q['limit'] === undefined ? 20 : Number(q['limit']);
    const offset = q['offset'] === undefined ? 0 : Number(q['offset']);
    if (!Number.isInteger(limit) || limit < 0 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
      return problem(reply, 400, 'BadRequestData', 'Bad paging', 'limit is a whole number 0–1000, offset a whole number ≥ 0');
    }
    const subs = await deps.storage.listSubscriptions();
    if (q['count'] === 'true') reply.header('ngsild-results-count', String(subs.length));
    const now = deps.now();
    return h.send(req, reply, as, subs.slice(offset, offset + limit).map((s) => representation(s, deps.notifier.status(s.id), now)));
  });

  app.get(`${PATH}/:id`, {
    preValidation: requires('ngsi.subscriptions'),
    schema: { tags: ['ngsi-ld'], summary: 'One NGSI-LD subscription, with its notifications\' status (administrators)' },
  }, async (req, reply) => {
    const as = h.accepts(req, reply);
    if (as === null) return reply;
    const { id } = req.params as { id: string };
    const s = await deps.storage.subscriptionById(id);
    if (s === null) return problem(reply, 404, 'ResourceNotFound', 'Subscription not found', id);
    return h.send(req, reply, as, representation(s, deps.notifier.status(id), deps.now()));
  });

  app.delete(`${PATH}/:id`, {
    preValidation: requires('ngsi.subscriptions'),
    config: { rateLimit: deps.writeLimit },
    schema: { tags: ['ngsi-ld'], summary: 'Delete an NGSI-LD subscription: no more notifications (administrators)' },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await deps.storage.deleteSubscription(id))) return problem(reply, 404, 'ResourceNotFound', 'Subscription not found', id);
    deps.notifier.remove(id);
    return reply.code(204).send();
  });
}
