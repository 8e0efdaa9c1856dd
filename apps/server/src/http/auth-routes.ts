import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { changePasswordSchema, loginSchema, newSourceSchema, newUserSchema, pairDisplaySchema, updateUserSchema } from '@cw/contracts';
import { DEMO_PASSWORD, DEMO_USERS, LoginRefused, type AuthService } from '../auth/auth-service.ts';
import { DISPLAY_COOKIE, SESSION_COOKIE, requires } from '../auth/http-auth.ts';
import { DuplicateUser, type Storage } from '../storage/storage.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  storage: Storage;
  now: () => number;
  sessionHours: number;
  secureCookies: boolean;
  demo: boolean;
}

const bad = (message: string, issues?: unknown) => ({ error: 'bad_request', message, ...(issues === undefined ? {} : { issues }) });
const idParam = z.object({ id: z.string().min(1).max(64) });

/** Sign-in, sessions, display pairing, and the administrator's user, display and source screens. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
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
  app.post('/api/v1/auth/login', { config: { audit: false, rateLimit: { max: 30, timeWindow: 60_000, keyGenerator: loginKey } } }, async (req, reply) => {
    const body = loginSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('username and password required', body.error.issues));
    try {
      const { token, user } = await auth.login(body.data.username, body.data.password, req.ip);
      await audit(req, 'sign_in', 'ok', { id: user.id, name: user.displayName, role: user.role }, { username: user.username });
      return reply.setCookie(SESSION_COOKIE, token, cookie(deps.sessionHours * 3600)).send({ token, me: auth.me((await auth.resolve(token))!) });
    } catch (err) {
      if (!(err instanceof LoginRefused)) throw err;
      await audit(req, 'sign_in', 'refused', { id: null, name: null, role: null }, { username: body.data.username, reason: err.message });
      if (err.retryAfterMs > 0) reply.header('retry-after', Math.ceil(err.retryAfterMs / 1000));
      return reply.code(err.retryAfterMs > 0 ? 429 : 401).send({ error: err.retryAfterMs > 0 ? 'throttled' : 'unauthenticated', message: err.message });
    }
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    if (req.principal?.kind === 'user') await auth.logout(req.principal.tokenHash);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).send({ ok: true });
  });

  app.get('/api/v1/auth/me', { preHandler: requires('self.read') }, async (req) => auth.me(req.principal!));
  // Self-service needs no permission beyond being signed in (mustChangePassword allowed).
  app.get('/api/v1/auth/whoami', async (req, reply) => (req.principal ? auth.me(req.principal) : reply.code(401).send({ error: 'unauthenticated', message: 'not signed in' })));

  app.post('/api/v1/auth/password', { preHandler: requires('self.change_password'), config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (req, reply) => {
    const body = changePasswordSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('invalid password change', body.error.issues));
    const outcome = await auth.changePassword(req.principal!, body.data.current, body.data.next);
    if (outcome === 'wrong_current') return reply.code(403).send({ error: 'forbidden', message: 'the current password is wrong' });
    if (outcome === 'reused') return reply.code(422).send({ error: 'password_reused', message: 'choose a password different from the current one' });
    return { ok: true };
  });

  /** Demo mode tells the sign-in page which accounts exist; otherwise it says nothing. */
  app.get('/api/v1/auth/demo', async () => (deps.demo ? { users: DEMO_USERS.map((u) => ({ username: u.username, role: u.role })), password: DEMO_PASSWORD } : { users: [] }));

  // ---- wall display pairing ---------------------------------------------------------------

  app.post('/api/v1/pairing', { config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (_req, reply) => {
    try {
      return auth.startPairing();
    } catch (err) {
      if (err instanceof LoginRefused) return reply.code(429).send({ error: 'throttled', message: err.message });
      throw err;
    }
  });

  app.post('/api/v1/pairing/:id/collect', { config: { audit: false, rateLimit: { max: 120, timeWindow: 60_000 } } }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    const body = z.object({ secret: z.string().min(20).max(200) }).safeParse(req.body);
    if (!params.success || !body.success) return reply.code(400).send(bad('pairing id and secret required'));
    const r = auth.collectPairing(params.data.id, body.data.secret);
    if (r.status !== 'paired') return reply.code(r.status === 'pending' ? 202 : 410).send({ status: r.status });
    // A paired wall keeps its credential for as long as the administrator does not revoke it.
    return reply.setCookie(DISPLAY_COOKIE, r.token, cookie(400 * 86_400)).send({ status: 'paired', name: r.name });
  });

  app.get('/api/v1/displays', { preHandler: requires('displays.manage') }, async () =>
    (await storage.listCredentials('display')).map(({ tokenHash: _t, kind: _k, ...d }) => d),
  );

  app.post('/api/v1/displays', { preHandler: requires('displays.manage') }, async (req, reply) => {
    const body = pairDisplaySchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('code and name required', body.error.issues));
    const cred = await auth.approvePairing(body.data.code, body.data.name);
    if (cred === null) return reply.code(404).send({ error: 'not_found', message: 'no pending display shows that code (codes expire after 10 minutes)' });
    return reply.code(201).send({ id: cred.id, name: cred.name, createdAt: cred.createdAt, lastSeenAt: null, revoked: false });
  });

  const revoke = (kind: 'display' | 'source') => async (req: { params: unknown }, reply: FastifyReply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) return reply.code(400).send(bad('id required'));
    const list = await storage.listCredentials(kind);
    if (!list.some((c) => c.id === params.data.id)) return reply.code(404).send({ error: 'not_found', message: `no such ${kind}` });
    await auth.revokeCredential(params.data.id);
    return { ok: true };
  };
  app.delete('/api/v1/displays/:id', { preHandler: requires('displays.manage') }, revoke('display'));

  // ---- data sources -----------------------------------------------------------------------

  app.get('/api/v1/sources', { preHandler: requires('sources.manage') }, async () =>
    (await storage.listCredentials('source')).map(({ tokenHash: _t, kind: _k, ...d }) => d),
  );
  app.post('/api/v1/sources', { preHandler: requires('sources.manage') }, async (req, reply) => {
    const body = newSourceSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('name required', body.error.issues));
    const { credential, token } = await auth.createSourceKey(body.data.name);
    // The key is shown once; only its hash is kept.
    return reply.code(201).send({ id: credential.id, name: credential.name, key: token });
  });
  app.delete('/api/v1/sources/:id', { preHandler: requires('sources.manage') }, revoke('source'));

  // ---- users ------------------------------------------------------------------------------

  app.get('/api/v1/users', { preHandler: requires('users.manage') }, async () => auth.listUsers());
  app.post('/api/v1/users', { preHandler: requires('users.manage') }, async (req, reply) => {
    const body = newUserSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send(bad('invalid user', body.error.issues));
    try {
      return reply.code(201).send(await auth.createUser(body.data));
    } catch (err) {
      if (err instanceof DuplicateUser) return reply.code(409).send({ error: 'conflict', message: err.message });
      throw err;
    }
  });
  app.patch('/api/v1/users/:id', { preHandler: requires('users.manage') }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    const body = updateUserSchema.safeParse(req.body);
    if (!params.success || !body.success) return reply.code(400).send(bad('invalid update', body.error?.issues));
    if (params.data.id === req.principal!.id && body.data.disabled === true) {
      return reply.code(409).send({ error: 'conflict', message: 'administrators cannot disable themselves' });
    }
    const user = await auth.updateUser(params.data.id, body.data);
    return user ?? reply.code(404).send({ error: 'not_found', message: 'no such user' });
  });

  app.get('/api/v1/audit', { preHandler: requires('audit.read') }, async (req, reply) => {
    const q = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() }).safeParse(req.query);
    if (!q.success) return reply.code(400).send(bad('invalid query', q.error.issues));
    return storage.listAudit(q.data.limit, q.data.before);
  });
}
