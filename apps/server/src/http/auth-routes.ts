import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordSchema, loginSchema, newSourceSchema, newUserSchema, pairDisplaySchema, updateUserSchema, type MetricDef } from '@cw/contracts';
import { metricsFedBy } from '@cw/metrics';
import { DEMO_PASSWORD, DEMO_USERS, LoginRefused, type AuthService } from '../auth/auth-service.ts';
import { DISPLAY_COOKIE, SESSION_COOKIE, requires } from '../auth/http-auth.ts';
import { errorResponses } from './errors.ts';
import { DuplicateUser, type Storage } from '../storage/storage.ts';
import type { SourceHealthBook } from '../ingest/source-health.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  storage: Storage;
  now: () => number;
  sessionHours: number;
  secureCookies: boolean;
  demo: boolean;
  sources: {
    /** Event kinds a source may be registered for. */
    kinds: () => readonly string[];
    /** Department ids a source may belong to. */
    departments: () => readonly string[];
    health: SourceHealthBook;
    /** The figures, to say which a source feeds. */
    catalogue: () => readonly MetricDef[];
  };
}

const idParam = z.object({ id: z.string().min(1).max(64) });
const ok = z.object({ ok: z.literal(true) });
/** Replies typed in this server (Me, credentials, users) but not yet as schemas: named, not re-validated. */
const typed = (name: string) => z.unknown().describe(name);
const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() });
const collectBody = z.object({ secret: z.string().min(20).max(200) });

/** Sign-in, sessions, display pairing, and the administrator's user, display and source screens. */
export function registerAuthRoutes(fastify: FastifyInstance, deps: AuthRouteDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { auth, storage } = deps;
  const cookie = (maxAgeSec: number) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, maxAge: maxAgeSec });

  const audit = (req: { ip: string }, action: string, outcome: 'ok' | 'refused', who: { id: string | null; name: string | null; role: string | null }, detail: unknown) =>
    storage.appendAudit({ at: deps.now(), actor: who.id, actorName: who.name, role: who.role as never, action, target: null, outcome, ip: req.ip, detail });

  // Per address and account name: a shared address (a proxy) must not spend the staff's
  // attempts; the account and address throttles in AuthService do the rest.
  // Runs before the body is validated: a non-string name (an object whose toString is not
  // callable) must not reach String().
  const loginKey = (req: { ip: string; body: unknown }) => {
    const name = (req.body as { username?: unknown } | null)?.username;
    return `${req.ip}\n${typeof name === 'string' ? name.slice(0, 64) : ''}`;
  };
  app.post('/api/v1/auth/login', {
    config: { audit: false, rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: loginKey } },
    schema: { tags: ['auth'], summary: 'Sign in: sets the session cookie and answers the token', body: loginSchema, response: { 200: z.object({ token: z.string(), me: typed('Me') }), ...errorResponses } },
  }, async (req, reply) => {
    try {
      const { token, user } = await auth.login(req.body.username, req.body.password, req.ip);
      await audit(req, 'sign_in', 'ok', { id: user.id, name: user.displayName, role: user.role }, { username: user.username });
      return reply.setCookie(SESSION_COOKIE, token, cookie(deps.sessionHours * 3600)).send({ token, me: auth.me((await auth.resolve(token))!) });
    } catch (err) {
      if (!(err instanceof LoginRefused)) throw err;
      await audit(req, 'sign_in', 'refused', { id: null, name: null, role: null }, { username: req.body.username, reason: err.message });
      if (err.retryAfterMs > 0) reply.header('retry-after', Math.ceil(err.retryAfterMs / 1000));
      return reply.code(err.retryAfterMs > 0 ? 429 : 401).send({ error: err.retryAfterMs > 0 ? 'throttled' : 'unauthenticated', message: err.message });
    }
  });

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 200: ok, ...errorResponses } } }, async (req, reply) => {
    if (req.principal?.kind === 'user') await auth.logout(req.principal.tokenHash);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true });
  });

  app.get('/api/v1/auth/me', { preValidation: requires('self.read'), schema: { tags: ['auth'], summary: 'Who is signed in, and what they may do', response: { 200: typed('Me'), ...errorResponses } } }, async (req) => auth.me(req.principal!));
  // Self-service needs no permission beyond being signed in (mustChangePassword allowed).
  app.get('/api/v1/auth/whoami', { schema: { tags: ['auth'], summary: 'Who is signed in, also while a one-time password waits to be changed', response: { 200: typed('Me'), ...errorResponses } } }, async (req, reply) =>
    req.principal ? auth.me(req.principal) : reply.code(401).send({ error: 'unauthenticated', message: 'not signed in' }),
  );

  app.post('/api/v1/auth/password', {
    preValidation: requires('self.change_password'),
    config: { rateLimit: { max: 10, timeWindow: 60_000 } },
    schema: { tags: ['auth'], summary: "Change one's own password (ends every other session)", body: changePasswordSchema, response: { 200: ok, ...errorResponses } },
  }, async (req, reply) => {
    const outcome = await auth.changePassword(req.principal!, req.body.current, req.body.next);
    if (outcome === 'wrong_current') return reply.code(403).send({ error: 'forbidden', message: 'the current password is wrong' });
    if (outcome === 'reused') return reply.code(422).send({ error: 'password_reused', message: 'choose a password different from the current one' });
    return { ok: true as const };
  });

  /** Demo mode tells the sign-in page which accounts exist; otherwise it says nothing. */
  app.get('/api/v1/auth/demo', { schema: { tags: ['auth'], summary: 'Demo accounts (only with DEMO=on)', response: { 200: z.object({ users: z.array(z.object({ username: z.string(), role: z.string() })), password: z.string().optional() }) } } }, async () => (deps.demo ? { users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role })), password: DEMO_PASSWORD } : { users: [] }));

  // ---- wall display pairing ---------------------------------------------------------------

  app.post('/api/v1/pairing', { config: { rateLimit: { max: 10, timeWindow: 60_000 } }, schema: { tags: ['displays'], summary: 'A wall asks to be paired: answers the code it shows and its secret', response: { 200: typed('Pairing'), ...errorResponses } } }, async (_req, reply) => {
    try {
      return await auth.startPairing();
    } catch (err) {
      if (err instanceof LoginRefused) return reply.code(429).send({ error: 'throttled', message: err.message });
      throw err;
    }
  });

  app.post('/api/v1/pairing/:id/collect', {
    config: { audit: false, rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: {
      tags: ['displays'],
      summary: 'A wall polls until an administrator approved its code; then it gets its display cookie',
      params: idParam,
      body: collectBody,
      response: { 200: z.object({ status: z.literal('paired'), name: z.string() }), 202: z.object({ status: z.string() }), 410: z.object({ status: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await auth.collectPairing(req.params.id, req.body.secret);
    if (r.status !== 'paired') return reply.code(r.status === 'pending' ? 202 : 410).send({ status: r.status });
    // A paired wall keeps its credential for as long as the administrator does not revoke it.
    return reply.setCookie(DISPLAY_COOKIE, r.token, cookie(400 * 86_400)).send({ status: 'paired', name: r.name });
  });

  app.get('/api/v1/displays', { preValidation: requires('displays.manage'), schema: { tags: ['displays'], summary: 'Paired walls', response: { 200: typed('Credential[]'), ...errorResponses } } }, async () =>
    (await storage.listCredentials('display')).map(({ tokenHash: _t, kind: _k, ...d }) => d),
  );

  app.post('/api/v1/displays', {
    preValidation: requires('displays.manage'),
    schema: { tags: ['displays'], summary: "Approve the code a wall shows, and name the wall", body: pairDisplaySchema, response: { 201: typed('Credential'), ...errorResponses } },
  }, async (req, reply) => {
    const cred = await auth.approvePairing(req.body.code, req.body.name);
    if (cred === null) return reply.code(404).send({ error: 'not_found', message: 'no pending display shows that code (codes expire after 10 minutes)' });
    return reply.code(201).send({ id: cred.id, name: cred.name, createdAt: cred.createdAt, lastSeenAt: null, revoked: false });
  });

  const revoke = (kind: 'display' | 'source') => async (req: { params: { id: string } }, reply: FastifyReply) => {
    const list = await storage.listCredentials(kind);
    if (!list.some((c) => c.id === req.params.id)) return reply.code(404).send({ error: 'not_found', message: `no such ${kind}` });
    await auth.revokeCredential(req.params.id);
    return reply.send({ ok: true });
  };
  const revokeSchema = (kind: string) => ({ tags: [`${kind}s`], summary: `Revoke a ${kind}'s credential`, params: idParam, response: { 200: ok, ...errorResponses } });
  app.delete('/api/v1/displays/:id', { preValidation: requires('displays.manage'), schema: revokeSchema('display') }, revoke('display'));

  // ---- data sources -----------------------------------------------------------------------

  app.get('/api/v1/sources', { preValidation: requires('sources.manage'), schema: { tags: ['sources'], summary: 'The source registry: keys, registrations and health', response: { 200: typed('Source[]'), ...errorResponses } } }, async () => {
    const now = deps.now();
    return (await storage.listCredentials('source')).map(({ tokenHash: _t, kind: _k, ...d }) => ({
      ...d,
      health: d.revoked ? null : deps.sources.health.health(d.id, d.registration?.intervalSec ?? null, now),
      feeds: metricsFedBy(d.registration?.kinds ?? null, deps.sources.catalogue()),
    }));
  });
  app.post('/api/v1/sources', {
    preValidation: requires('sources.manage'),
    schema: { tags: ['sources'], summary: 'Create a data-source key (shown once)', body: newSourceSchema, response: { 201: z.object({ id: z.string(), name: z.string(), key: z.string() }), ...errorResponses } },
  }, async (req, reply) => {
    const { name, ...registration } = req.body;
    const known = new Set(deps.sources.kinds());
    const unknownKinds = (registration.kinds ?? []).filter((k) => !known.has(k));
    if (unknownKinds.length > 0) return reply.code(400).send({ error: 'bad_request', message: `unknown event kind(s): ${unknownKinds.join(', ')}` });
    if (registration.department !== null && !deps.sources.departments().includes(registration.department)) {
      return reply.code(400).send({ error: 'bad_request', message: `unknown department "${registration.department}"` });
    }
    const { credential, token } = await auth.createSourceKey(name, registration);
    deps.sources.health.registered(credential.id, deps.now());
    // The key is shown once; only its hash is kept.
    return reply.code(201).send({ id: credential.id, name: credential.name, key: token });
  });
  app.delete('/api/v1/sources/:id', { preValidation: requires('sources.manage'), schema: revokeSchema('source') }, revoke('source'));

  // ---- users ------------------------------------------------------------------------------

  app.get('/api/v1/users', { preValidation: requires('users.manage'), schema: { tags: ['users'], summary: 'Accounts', response: { 200: typed('User[]'), ...errorResponses } } }, async () => auth.listUsers());
  app.post('/api/v1/users', {
    preValidation: requires('users.manage'),
    schema: { tags: ['users'], summary: 'Create an account (with a one-time password to change at first sign-in)', body: newUserSchema, response: { 201: typed('User'), ...errorResponses } },
  }, async (req, reply) => {
    try {
      return reply.code(201).send(await auth.createUser(req.body));
    } catch (err) {
      if (err instanceof DuplicateUser) return reply.code(409).send({ error: 'conflict', message: err.message });
      throw err;
    }
  });
  app.patch('/api/v1/users/:id', {
    preValidation: requires('users.manage'),
    schema: { tags: ['users'], summary: 'Change, disable or reset an account', params: idParam, body: updateUserSchema, response: { 200: typed('User'), ...errorResponses } },
  }, async (req, reply) => {
    if (req.params.id === req.principal!.id && req.body.disabled === true) {
      return reply.code(409).send({ error: 'conflict', message: 'administrators cannot disable themselves' });
    }
    const user = await auth.updateUser(req.params.id, req.body);
    return user === null ? reply.code(404).send({ error: 'not_found', message: 'no such user' }) : reply.send(user);
  });

  app.get('/api/v1/audit', {
    preValidation: requires('audit.read'),
    schema: { tags: ['admin'], summary: 'The audit log, newest first', querystring: auditQuery, response: { 200: typed('AuditEntry[]'), ...errorResponses } },
  }, async (req) => {
    return storage.listAudit(req.query.limit, req.query.before);
  });
}
