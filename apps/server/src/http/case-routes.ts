import type { FastifyInstance } from 'fastify';
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
};

const idParam = z.object({ id: z.string().min(1).max(64) });

/** Intake, case detail and workflow commands. The actor is always the signed-in principal. */
export function registerCaseRoutes(app: FastifyInstance, cases: CaseService, writeLimit: RateLimit): void {
  app.post('/api/v1/cases', { preHandler: requires('cases.report'), config: { rateLimit: writeLimit } }, async (req, reply) => {
    const body = newCaseSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid case report', issues: body.error.issues });
    const p = req.principal!;
    // Data sources report as the system; people as themselves.
    const actor = p.kind === 'source' ? ({ userId: `source:${p.id}`, role: 'system', name: p.name } as const) : actorOf(p);
    const c = await cases.report(body.data, actor);
    return reply.code(201).send(cases.summary(c));
  });

  app.get('/api/v1/cases/:id', async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) return reply.code(400).send({ error: 'bad_request', message: 'case id required' });
    const p = req.principal;
    if (p === null) return reply.code(401).send({ error: 'unauthenticated', message: 'sign in first' });
    if (p.mustChangePassword) return reply.code(403).send({ error: 'password_change_required', message: 'change the one-time password first' });
    if (!can(p.role, 'cases.read_all') && !can(p.role, 'cases.read_department')) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not read cases` });
    const d = await cases.detail(params.data.id, p);
    if (d === 'not_found') return reply.code(404).send({ error: 'not_found', message: 'no such case' });
    if (d === 'forbidden') return reply.code(403).send({ error: 'forbidden', message: 'this case is not assigned to your department' });
    return d;
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
    const r = await cases.command(body.data, actorOf(p));
    if (r.ok) return r.case;
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
    return s === null ? reply.code(404).send({ error: 'not_found', message: 'no such case' }) : reply.code(201).send(s);
  });
}
