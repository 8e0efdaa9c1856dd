import type { FastifyInstance, FastifyReply } from 'fastify';

export const LD = 'application/ld+json';
export const CONTEXT_PATH = '/ngsi-ld/v1/context.jsonld';
const ERRORS = 'https://uri.etsi.org/ngsi-ld/errors/';

/** An NGSI-LD error (ProblemDetails, ETSI GS CIM 009 §5.5.2). */
export function problem(reply: FastifyReply, status: number, type: string, title: string, detail: string) {
  return reply.code(status).type('application/json').send({ type: `${ERRORS}${type}`, title, detail });
}

/** Takes `application/ld+json` bodies as JSON (the @context travels in the body); bad JSON is a 400. */
export function acceptLdJson(app: FastifyInstance): void {
  app.addContentTypeParser(LD, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400 }));
    }
  });
}
