import type { FastifyReply } from 'fastify';

export const LD = 'application/ld+json';
export const CONTEXT_PATH = '/ngsi-ld/v1/context.jsonld';
const ERRORS = 'https://uri.etsi.org/ngsi-ld/errors/';

/** An NGSI-LD error (ProblemDetails, ETSI GS CIM 009 §5.5.2). */
export function problem(reply: FastifyReply, status: number, type: string, title: string, detail: string) {
  return reply.code(status).type('application/json').send({ type: `${ERRORS}${type}`, title, detail });
}
