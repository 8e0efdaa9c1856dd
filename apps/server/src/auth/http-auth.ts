import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Action } from '@cw/access';
import type { Storage } from '../storage/storage.ts';
import type { AuthService, Principal } from './auth-service.ts';
import type { AnonymousLimit } from './anonymous-limit.ts';
import { originAllowed, requestOrigin, type OriginPolicy } from './origin.ts';

export const SESSION_COOKIE = 'cw_session';
export const DISPLAY_COOKIE = 'cw_display';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The credential a request carries: a session or display cookie, or a bearer token. */
export function tokenOf(cookies: Record<string, string | undefined>, authorization: string | undefined): string | undefined {
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  return bearer ?? cookies[SESSION_COOKIE] ?? cookies[DISPLAY_COOKIE];
}

/** Longest audit text field, characters. */
const AUDIT_FIELD_MAX = 200;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves every request's principal, refuses cross-site writes (cookies are SameSite=Strict
 * as well; this also covers old browsers), and writes the audit entry of every write.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  auth: AuthService,
  storage: Storage,
  now: () => number,
  origins: OriginPolicy,
  anonymous: AnonymousLimit,
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    req.principal = await auth.resolve(tokenOf(req.cookies, req.headers.authorization));
    // Before the body is read. Only the API: the app's files and the health probes stay free.
    if (req.principal === null && req.url.startsWith('/api/')) {
      const waitMs = await anonymous.take(req.ip, Date.now());
      if (waitMs > 0) {
        return reply
          .code(429)
          .header('retry-after', String(Math.ceil(waitMs / 1000)))
          .send({ error: 'rate_limited', message: 'too many requests without a valid sign-in from this address; try again later' });
      }
    }
    // A browser names the page's origin; an Authorization header does not make a cross-site write safe.
    const origin = req.headers.origin;
    if (UNSAFE.has(req.method) && origin !== undefined && !sameOrigin(origin, req, origins)) {
      return reply.code(403).send({ error: 'forbidden', message: 'cross-site request refused' });
    }
  });
  // Before the reply goes out: a write is acknowledged only once its audit entry is on disk
  // (the store commits the entries of concurrent requests together).
  app.addHook('onSend', async (req, reply, payload) => {
    if (!UNSAFE.has(req.method) || req.routeOptions.config.audit === false) return payload;
    const p = req.principal;
    // Only writes by an identified actor are audited (a cross-site refusal carrying someone's
    // credential among them): anonymous traffic to unknown routes would grow the append-only
    // log without bound. Sign-in writes its own entries, failures included.
    if (p === null) return payload;
    const target = (req.params as { id?: unknown } | undefined)?.id;
    await storage.appendAudit({
      at: now(),
      actor: p.id,
      actorName: p.name,
      role: p.role,
      // The route's pattern, never the raw URL with its query string.
      action: `${req.method} ${req.routeOptions.url ?? '(no route)'}`.slice(0, AUDIT_FIELD_MAX),
      target: typeof target === 'string' ? target.slice(0, AUDIT_FIELD_MAX) : null,
      outcome: reply.statusCode < 400 ? 'ok' : 'refused',
      ip: req.ip,
      detail: { status: reply.statusCode },
    });
    return payload;
  });
}

function sameOrigin(origin: string, req: FastifyRequest, policy: OriginPolicy): boolean {
  const own = requestOrigin(req.headers.host, 'encrypted' in req.raw.socket && req.raw.socket.encrypted === true, req.headers['x-forwarded-proto'], policy.trustProxy);
  return originAllowed(origin, own, policy.allowed);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on routes that write their own, richer audit entry (sign-in). */
    audit?: boolean;
  }
}

/**
 * A route guard. Routes run it as `preValidation`, before the schema looks at the body, so a
 * caller who may not use a route learns nothing about what it accepts.
 */
export type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Route guard: a person or credential is signed in and has no one-time password left to change. */
export function signedIn(): Guard {
  return async (req, reply) => {
    const p = req.principal;
    if (p === null) return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (p.mustChangePassword) return reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
  };
}

/** Route guard: the request's principal must hold `action` in the permission table. */
export function requires(action: Action): Guard {
  return async (req, reply) => {
    const p = req.principal;
    if (p === null) return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (p.mustChangePassword && !action.startsWith('self.')) {
      return reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
    }
    if (!can(p.role, action)) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not ${action}` });
  };
}
