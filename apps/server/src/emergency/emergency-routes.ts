import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { declareEmergencySchema, emergencyCommandSchema, emergencyIdSchema, type EmergencyErrorCode } from '@cw/contracts';
import type { Principal } from '../auth/auth-service.ts';
import { requires } from '../auth/http-auth.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import type { EmergencyOutcome, EmergencyService } from './emergency-service.ts';

const STATUS: Record<EmergencyErrorCode, number> = {
  version_conflict: 409,
  invalid_transition: 422,
  forbidden_role: 403,
  wrong_department: 403,
  invalid_command: 422,
  not_found: 404,
};

const idParam = z.object({ id: emergencyIdSchema });
const listQuery = z.object({ status: z.enum(['active']).optional() });

/** A person signed in with a usable password; replies and returns null otherwise. */
function person(req: FastifyRequest, reply: FastifyReply): Principal | null {
  const p = req.principal;
  if (p === null) {
    void reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    return null;
  }
  if (p.mustChangePassword) {
    void reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
    return null;
  }
  return p;
}

/** Refusals carry the code and a message, and for a conflict only the current version. */
function send(reply: FastifyReply, r: EmergencyOutcome, okStatus: number) {
  if (r.ok) return reply.code(okStatus).send(r.detail);
  return reply.code(STATUS[r.error.code]).send({ error: r.error.code, message: r.error.message, ...(r.version === undefined ? {} : { version: r.version }) });
}

/** The emergency register and command post (docs/emergency.md). The actor is always the signed-in principal. */
export function registerEmergencyRoutes(app: FastifyInstance, emergencies: EmergencyService, writeLimit: RateLimit): void {
  app.get('/api/v1/emergencies', { preHandler: requires('emergencies.read') }, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'status may only be active', issues: q.error.issues });
    return emergencies.list(q.data.status === 'active');
  });

  app.get('/api/v1/emergencies/:id', { preHandler: requires('emergencies.read') }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid emergency id' });
    const d = await emergencies.detail(params.data.id, req.principal!);
    return d ?? reply.code(404).send({ error: 'not_found', message: 'no such emergency' });
  });

  app.get('/api/v1/emergencies/:id/resources', { preHandler: requires('emergencies.read') }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid emergency id' });
    const r = await emergencies.resources(params.data.id);
    return r ?? reply.code(404).send({ error: 'not_found', message: 'no such emergency' });
  });

  app.post('/api/v1/emergencies', { preHandler: requires('emergency.declare'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const body = declareEmergencySchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid declaration', issues: body.error.issues });
    return send(reply, await emergencies.declare(body.data, req.principal!), 201);
  });

  app.post('/api/v1/emergencies/:id/commands', { config: { rateLimit: writeLimit } }, async (req, reply) => {
    const p = person(req, reply);
    if (p === null) return reply;
    const params = idParam.safeParse(req.params);
    const body = emergencyCommandSchema.safeParse(req.body);
    if (!params.success || !body.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid command', issues: body.error?.issues });
    return send(reply, await emergencies.command(params.data.id, body.data, p), 200);
  });
}
