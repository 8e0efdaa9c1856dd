import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdSchema, photoIdSchema } from '@cw/contracts';
import { requires, signedIn } from '../auth/http-auth.ts';
import { errorResponses } from '../http/errors.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import type { CaseService } from './case-service.ts';
import type { PhotoStore } from '../storage/storage.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE, PHOTO_TYPES, sniffPhoto } from './photo-store.ts';

/** The states in which an inspector is on site: verifying a report (核实) or checking a result (核查). */
const FIELD_STATES = ['verifying', 'checking'];
const notFound = (id: string) => ({ error: 'not_found', message: `no case ${id}` });

/**
 * Field photos: `POST /api/v1/cases/:id/photos` with the image as the body (JPEG, PNG or WebP,
 * at most 8 MB, checked by its bytes, not only its header), answered with the photo's id to
 * name in the command (`evidence.photoId`); `GET .../photos/:photoId` for whoever may read the case.
 */
export function registerPhotoRoutes(fastify: FastifyInstance, deps: { cases: CaseService; photos: PhotoStore; writeLimit: RateLimit; now: () => number }): void {
  // Image bodies are parsed only in this scope, so no other route accepts them.
  void fastify.register(async (scope) => {
    scope.addContentTypeParser(Object.keys(PHOTO_TYPES), { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: caseIdSchema });

    app.post('/api/v1/cases/:id/photos', {
      preValidation: requires('cases.upload_photo'),
      config: { rateLimit: deps.writeLimit },
      schema: {
        tags: ['cases'],
        summary: 'Upload a field photo (核实 / 核查) for a case being verified or checked; the body is the image',
        params,
        response: { 201: z.object({ photoId: photoIdSchema }), ...errorResponses },
      },
    }, async (req, reply) => {
      const c = await deps.cases.readable(req.params.id, req.principal!);
      if (c === null) return reply.code(404).send(notFound(req.params.id));
      if (!FIELD_STATES.includes(c.state)) {
        return reply.code(422).send({ error: 'invalid_command', message: `case ${c.id} is ${c.state}: photos are taken while it is verified or checked` });
      }
      const bytes = req.body as Buffer;
      const type = sniffPhoto(bytes);
      if (type === null || type !== req.headers['content-type']?.split(';')[0]?.trim()) {
        return reply.code(415).send({ error: 'unsupported_media_type', message: 'the body is not the JPEG, PNG or WebP image its Content-Type says' });
      }
      const photoId = randomBytes(16).toString('hex');
      if (!(await deps.photos.insertPhoto({ caseId: c.id, id: photoId, type, bytes, createdAt: deps.now() }, MAX_PHOTOS_PER_CASE))) {
        return reply.code(422).send({ error: 'invalid_command', message: `case ${c.id} already has ${MAX_PHOTOS_PER_CASE} photos` });
      }
      return reply.code(201).send({ photoId });
    });

    app.get('/api/v1/cases/:id/photos/:photoId', {
      preValidation: signedIn(),
      schema: { tags: ['cases'], summary: 'A field photo of a case', params: params.extend({ photoId: photoIdSchema }), response: { 200: z.unknown().describe('image'), ...errorResponses } },
    }, async (req, reply) => {
      const c = await deps.cases.readable(req.params.id, req.principal!);
      const photo = c === null ? null : await deps.photos.photo(c.id, req.params.photoId);
      if (photo === null) return reply.code(404).send({ error: 'not_found', message: `no photo ${req.params.photoId}` });
      return reply.type(photo.type).header('cache-control', 'private, max-age=86400').send(Buffer.from(photo.bytes));
    });
  });
}
