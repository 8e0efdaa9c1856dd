import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { can } from '@cw/access';
import { caseCommandSchema, instructionSchema, newCaseSchema, type CommandErrorCode } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import type { RateLimit } from './rate-limit.ts';
import { actorOf, type CaseService } from '../dispatch/case-service.ts';

const STATUS: Record<CommandErrorCode, number> = {
  case_mismatch: 400,
  version_conflict: 409,
  invalid_transition: 422,
  forbidden_role: 403,
  wrong_department: 403,
  reason_required: 422,
  invalid_command: 422,
  invalid_time: 422,
  deadline_passed: 422,
};

const idParam = z.object({ id: z.string().min(1).max(64) });
/** Printable ASCII, as the IETF idempotency-key draft and common APIs (Stripe) accept. */
const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,128}$/);

/** The one reply for a case that does not exist or that the caller may not read. */
const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not_found', message: 'no such case' });

/** Canonical JSON (sorted keys), so the same report hashes the same however it is spelled. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Intake, case detail and workflow commands. The actor is always the signed-in principal. */
export function registerCaseRoutes(app: FastifyInstance, cases: CaseService, writeLimit: RateLimit): void {
  app.post('/api/v1/cases', { preHandler: requires('cases.report'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const body = newCaseSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid case report', issues: body.error.issues });
    const rawKey = req.headers['idempotency-key'];
    const key = rawKey === undefined ? undefined : idempotencyKeySchema.safeParse(rawKey);
    if (key !== undefined && !key.success) {
      return reply.code(400).send({ error: 'bad_request', message: 'Idempotency-Key must be 1–128 printable ASCII characters' });
    }
    const p = req.principal!;
    // Data sources report as the system; people as themselves.
    const actor = p.kind === 'source' ? ({ userId: `source:${p.id}`, role: 'system', name: p.name } as const) : actorOf(p);
    const idempotency = key?.data === undefined ? undefined : { scope: `${p.kind}:${p.id}`, key: key.data, bodyHash: createHash('sha256').update(canonical(body.data)).digest('hex') };
    const r = await cases.report(body.data, actor, idempotency);
    if (!r.ok) return reply.code(422).send({ error: 'idempotency_mismatch', message: 'this Idempotency-Key was used for a different report' });
    // A replay answers 200 with the original case, so the caller can tell it opened nothing new.
    return reply.code(r.replayed ? 200 : 201).send(cases.summary(r.case));
  });

  app.get('/api/v1/cases/:id', async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) return reply.code(400).send({ error: 'bad_request', message: 'case id required' });
    const p = req.principal;
    if (p === null) return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (p.mustChangePassword) return reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
    if (!can(p.role, 'cases.read_all') && !can(p.role, 'cases.read_department')) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not read cases` });
    const d = await cases.detail(params.data.id, p);
    return d === 'not_found' ? notFound(reply) : d;
  });

  app.post('/api/v1/cases/:id/commands', { config: { rateLimit: writeLimit } }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    const body = caseCommandSchema.safeParse(req.body);
    if (!params.success || !body.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid command', issues: body.error?.issues });
    if (body.data.caseId !== params.data.id) return reply.code(400).send({ error: 'bad_request', message: 'the command names another case than the URL' });
    const p = req.principal;
    if (p === null) return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (p.mustChangePassword) return reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
    if (!can(p.role, `case.${body.data.action}`)) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not ${body.data.action} cases` });
    const r = await cases.command(body.data, actorOf(p), p);
    if (r.ok) return r.case;
    if (r.error === 'not_found') return notFound(reply);
    return reply.code(STATUS[r.error.code]).send({ error: r.error.code, message: r.error.message, ...(r.current ? { current: r.current } : {}) });
  });
}

/** Leaders' instructions (批示) on a case. */
export function registerInstructionRoute(app: FastifyInstance, cases: CaseService, writeLimit: RateLimit): void {
  app.post('/api/v1/cases/:id/instructions', { preHandler: requires('cases.instruct'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const params = idParam.safeParse(req.params);
    const body = instructionSchema.safeParse(req.body);
    if (!params.success || !body.success) return reply.code(400).send({ error: 'bad_request', message: 'instruction text required', issues: body.error?.issues });
    const s = await cases.instruct(params.data.id, req.principal!, body.data.text);
    return s === null ? notFound(reply) : reply.code(201).send(s);
  });
}
