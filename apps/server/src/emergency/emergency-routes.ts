import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { declareEmergencySchema, emergencyCommandSchema, emergencyIdSchema, emergencyRecordSchema, type EmergencyErrorCode } from '@cw/contracts';
import { requires, signedIn } from '../auth/http-auth.ts';
import { attachmentDisposition, PDF_CONTENT_TYPE } from '../documents/pdf.ts';
import { errorResponses } from '../http/errors.ts';
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

/**
 * Emergency replies are typed in @cw/contracts (EmergencyDetail, NearbyResource) but not yet
 * as schemas, so the document names them and the reply is not re-validated.
 */
const typed = (name: string) => z.unknown().describe(`${name} (packages/contracts/src/emergency.ts)`);

/** Refusals carry the code and a message, and for a conflict only the current version. */
function send(reply: FastifyReply, r: EmergencyOutcome, okStatus: number) {
  if (r.ok) return reply.code(okStatus).send(r.detail);
  return reply.code(STATUS[r.error.code]).send({ error: r.error.code, message: r.error.message, ...(r.version === undefined ? {} : { version: r.version }) });
}

const NOT_FOUND = { error: 'not_found', message: 'no such emergency' } as const;

/** The emergency register and command post (docs/emergency.md). The actor is always the signed-in principal. */
export function registerEmergencyRoutes(fastify: FastifyInstance, emergencies: EmergencyService, writeLimit: RateLimit): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/emergencies', {
    preValidation: requires('emergencies.read'),
    schema: { tags: ['emergencies'], summary: 'All emergencies, newest first', querystring: listQuery, response: { 200: z.array(emergencyRecordSchema), ...errorResponses } },
  }, async (req) => emergencies.list(req.query.status === 'active'));

  app.get('/api/v1/emergencies/:id', {
    preValidation: requires('emergencies.read'),
    schema: { tags: ['emergencies'], summary: 'An emergency with the commands the caller may send now', params: idParam, response: { 200: typed('EmergencyDetail'), ...errorResponses } },
  }, async (req, reply) => {
    const d = await emergencies.detail(req.params.id, req.principal!);
    return d === null ? reply.code(404).send(NOT_FOUND) : reply.send(d);
  });

  app.get('/api/v1/emergencies/:id/resources', {
    preValidation: requires('emergencies.read'),
    schema: { tags: ['emergencies'], summary: "The nearest of each of the plan's resource kinds, with distance and ETA", params: idParam, response: { 200: typed('NearbyResource[]'), ...errorResponses } },
  }, async (req, reply) => {
    const r = await emergencies.resources(req.params.id);
    return r === null ? reply.code(404).send(NOT_FOUND) : reply.send(r);
  });

  // Whoever may read an emergency may take it away as a document. Rendering costs the event
  // loop a fraction of a second, so downloads share the write rate limit.
  app.get('/api/v1/emergencies/:id/document.pdf', {
    preValidation: requires('emergencies.read'),
    config: { rateLimit: writeLimit },
    schema: {
      tags: ['emergencies'],
      summary: 'The emergency as a PDF: summary, departments, checklist, instructions, reports and the full timeline',
      params: idParam,
      response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
    },
  }, async (req, reply) => {
    const pdf = await emergencies.document(req.params.id, req.principal!);
    if (pdf === null) return reply.code(404).send(NOT_FOUND);
    return reply.type(PDF_CONTENT_TYPE).header('content-disposition', attachmentDisposition(`${req.params.id}.pdf`)).send(pdf);
  });

  app.post('/api/v1/emergencies', {
    preValidation: requires('emergency.declare'),
    config: { rateLimit: writeLimit },
    schema: { tags: ['emergencies'], summary: 'Declare an emergency, from cases or directly', body: declareEmergencySchema, response: { 201: typed('EmergencyDetail'), ...errorResponses } },
  }, async (req, reply) => send(reply, await emergencies.declare(req.body, req.principal!), 201));

  app.post('/api/v1/emergencies/:id/commands', {
    preValidation: signedIn(),
    config: { rateLimit: writeLimit },
    schema: { tags: ['emergencies'], summary: 'One command on an emergency, with the version the caller saw', params: idParam, body: emergencyCommandSchema, response: { 200: typed('EmergencyDetail'), ...errorResponses } },
  }, async (req, reply) => send(reply, await emergencies.command(req.params.id, req.body, req.principal!), 200));
}
