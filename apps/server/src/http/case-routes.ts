import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '@cw/access';
import { caseCommandSchema, instructionSchema, newCaseSchema, type CommandErrorCode } from '@cw/contracts';
import { requires, signedIn } from '../auth/http-auth.ts';
import { badRequest, errorResponses } from './errors.ts';
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

/**
 * Case replies are typed in @cw/contracts (CaseSummary, CaseDetail) but not yet as schemas,
 * so the document names them and the reply is not re-validated.
 */
const caseReply = (name: string) => z.unknown().describe(`${name} (packages/contracts/src/cases.ts)`);
/** Printable ASCII, as the IETF idempotency-key draft and common APIs (Stripe) accept. */
const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,128}$/);

/** The one reply for a case that does not exist or that the caller may not read. */
const NOT_FOUND = { error: 'not_found', message: 'no such case' } as const;

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
export function registerCaseRoutes(fastify: FastifyInstance, cases: CaseService, writeLimit: RateLimit): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/cases', {
    preValidation: requires('cases.report'),
    config: { rateLimit: writeLimit },
    schema: {
      tags: ['cases'],
      summary: 'Report a case (intake); an Idempotency-Key header makes a retry answer the original case',
      body: newCaseSchema,
      response: { 200: caseReply('CaseSummary, a replayed report'), 201: caseReply('CaseSummary'), ...errorResponses },
    },
  }, async (req, reply) => {
    const report = req.body;
    const rawKey = req.headers['idempotency-key'];
    const key = rawKey === undefined ? undefined : idempotencyKeySchema.safeParse(rawKey);
    if (key !== undefined && !key.success) {
      return reply.code(400).send(badRequest('Idempotency-Key must be 1–128 printable ASCII characters'));
    }
    const p = req.principal!;
    // Data sources report as the system; people as themselves.
    const actor = p.kind === 'source' ? ({ userId: `source:${p.id}`, role: 'system', name: p.name } as const) : actorOf(p);
    const idempotency = key?.data === undefined ? undefined : { scope: `${p.kind}:${p.id}`, key: key.data, bodyHash: createHash('sha256').update(canonical(report)).digest('hex') };
    const r = await cases.report(report, actor, idempotency);
    if (!r.ok && r.error === 'invalid_sub_category') return reply.code(422).send({ error: 'invalid_command', message: r.message });
    if (!r.ok) return reply.code(422).send({ error: 'idempotency_mismatch', message: 'this Idempotency-Key was used for a different report' });
    // A replay answers 200 with the original case, so the caller can tell it opened nothing new.
    return reply.code(r.replayed ? 200 : 201).send(cases.summary(r.case));
  });

  app.get('/api/v1/cases/:id', {
    preValidation: signedIn(),
    schema: { tags: ['cases'], summary: 'A case with its history, as far as the caller may read it', params: idParam, response: { 200: caseReply('CaseDetail'), ...errorResponses } },
  }, async (req, reply) => {
    const p = req.principal!;
    if (!can(p.role, 'cases.read_all') && !can(p.role, 'cases.read_department')) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not read cases` });
    const d = await cases.detail(req.params.id, p);
    return d === 'not_found' ? reply.code(404).send(NOT_FOUND) : reply.send(d);
  });

  app.post('/api/v1/cases/:id/commands', {
    preValidation: signedIn(),
    config: { rateLimit: writeLimit },
    schema: {
      tags: ['cases'],
      summary: 'One workflow command on a case (docs/dispatch.md), with the version the caller saw',
      params: idParam,
      body: caseCommandSchema,
      response: { 200: caseReply('CaseSummary'), ...errorResponses },
    },
  }, async (req, reply) => {
    const command = req.body;
    if (command.caseId !== req.params.id) return reply.code(400).send(badRequest('the command names another case than the URL'));
    const p = req.principal!;
    if (!cases.roleMayTake(p.role, command.action)) return reply.code(403).send({ error: 'forbidden', message: `${p.role} may not ${command.action} cases` });
    const r = await cases.command(command, actorOf(p), p);
    if (r.ok) return reply.send(r.case);
    if (r.error === 'not_found') return reply.code(404).send(NOT_FOUND);
    return reply.code(STATUS[r.error.code]).send({ error: r.error.code, message: r.error.message, ...(r.current ? { current: r.current } : {}) });
  });
}

/** Leaders' instructions (批示) on a case. */
export function registerInstructionRoute(fastify: FastifyInstance, cases: CaseService, writeLimit: RateLimit): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/cases/:id/instructions', {
    preValidation: requires('cases.instruct'),
    config: { rateLimit: writeLimit },
    schema: { tags: ['cases'], summary: "A leader's instruction (批示) on a case", params: idParam, body: instructionSchema, response: { 201: caseReply('CaseSummary'), ...errorResponses } },
  }, async (req, reply) => {
    const s = await cases.instruct(req.params.id, req.principal!, req.body.text);
    return s === null ? reply.code(404).send(NOT_FOUND) : reply.code(201).send(s);
  });
}
