import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StaleWriter } from '../storage/storage.ts';

/**
 * Every refusal the API sends: a stable machine code, a sentence for people, and for a body or
 * query that fails its schema the issues (path, code, message). Some refusals add fields (the
 * current version of a conflicting record, the failed readiness checks): the schema lets them
 * through so one shape documents them all.
 */
export const errorBodySchema = z
  .looseObject({
    error: z.string().describe('Machine-readable code, e.g. bad_request, not_found, forbidden'),
    message: z.string(),
    issues: z.array(z.object({ path: z.array(z.string()), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The 4xx/5xx part of every route's response schema. */
export const errorResponses = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;

/** A 400 whose reason the schema cannot express (e.g. `to` before `from`). */
export const badRequest = (message: string): ErrorBody => ({ error: 'bad_request', message });

const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path parameters', headers: 'headers' };

/** Fastify's own client errors whose code says more than `bad_request`. */
const CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
};

/**
 * The one error handler: schema refusals become 400 `bad_request` with their issues, Fastify's
 * client errors keep their status, and anything else is a 500 that tells the caller nothing
 * about the server (the log has it). A response that fails its own schema is a server defect:
 * logged as such and answered 500, never sent half-valid.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = PART[err.validationContext ?? 'body'] ?? 'request';
      const issues = err.validation.map((v) => ({
        path: v.instancePath.split('/').filter((s) => s !== ''),
        code: v.keyword,
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send({ error: 'bad_request', message: `invalid ${part}`, issues });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, route: req.routeOptions.url }, 'response does not match its schema');
      return reply.code(500).send({ error: 'internal', message: 'internal error' });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // The rate limiter's and the parser's own refusals: their message is meant for the caller.
      const code = CLIENT_ERRORS[err.code] ?? (status === 429 ? 'rate_limited' : 'bad_request');
      return reply.code(status).send({ error: code, message: err.message });
    }
    if ((err as unknown) instanceof StaleWriter) {
      // This node was deposed as writer mid-request; nothing was stored. The next writer takes it.
      req.log.warn({ err }, 'write refused: this node is no longer the writer');
      return reply.code(503).header('retry-after', '1').send({ error: 'no_writer', message: 'this node is no longer the writer; retry' });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
}
