import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { briefingDaySchema, briefingSchema, briefingSummarySchema, type Localized } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import { errorResponses } from '../http/errors.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import type { Storage } from '../storage/storage.ts';
import { attachmentDisposition, PDF_CONTENT_TYPE, renderPdf } from '../documents/pdf.ts';
import { briefingPdfSpec } from './briefing-pdf.ts';
import { DayNotClosed, type BriefingService } from './briefing-service.ts';

const dayParam = z.object({ day: briefingDaySchema });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(400).default(60) });
const noBriefing = (day: string) => ({ error: 'not_found', message: `no briefing for ${day}` });

/** The daily briefings (docs/briefing.md): list, one day as JSON, and compiling a day again. */
export function registerBriefingRoutes(
  fastify: FastifyInstance,
  deps: { storage: Storage; briefings: BriefingService; writeLimit: RateLimit; divisions: readonly { code: string; name: Localized }[] },
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/briefings', {
    preValidation: requires('briefings.read'),
    schema: { tags: ['briefings'], summary: 'Stored daily briefings, newest day first', querystring: listQuery, response: { 200: z.array(briefingSummarySchema), ...errorResponses } },
  }, async (req) => deps.storage.listBriefings(req.query.limit));

  app.get('/api/v1/briefings/:day', {
    preValidation: requires('briefings.read'),
    schema: { tags: ['briefings'], summary: "One local day's briefing (城市运行日报)", params: dayParam, response: { 200: briefingSchema, ...errorResponses } },
  }, async (req, reply) => {
    const b = await deps.storage.briefing(req.params.day);
    return b === null ? reply.code(404).send(noBriefing(req.params.day)) : b;
  });

  app.get('/api/v1/briefings/:day/pdf', {
    preValidation: requires('briefings.read'),
    schema: {
      tags: ['briefings'],
      summary: "One local day's briefing as a PDF (A4, fonts embedded)",
      params: dayParam,
      querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
    },
  }, async (req, reply) => {
    const b = await deps.storage.briefing(req.params.day);
    if (b === null) return reply.code(404).send(noBriefing(req.params.day));
    const pdf = await renderPdf(briefingPdfSpec(b, req.query.lang, deps.divisions));
    const name = req.query.lang === 'en' ? `briefing-${b.day}.pdf` : `城市运行日报-${b.day}.pdf`;
    return reply.type(PDF_CONTENT_TYPE).header('content-disposition', attachmentDisposition(name)).send(pdf);
  });

  app.post('/api/v1/briefings/:day/compile', {
    preValidation: requires('briefings.compile'),
    config: { rateLimit: deps.writeLimit },
    schema: { tags: ['briefings'], summary: 'Compile a past day again from stored data (replaces the stored briefing)', params: dayParam, response: { 200: briefingSchema, ...errorResponses } },
  }, async (req, reply) => {
    try {
      return await deps.briefings.compile(req.params.day);
    } catch (err) {
      if (err instanceof DayNotClosed) return reply.code(409).send({ error: 'day_not_over', message: err.message });
      throw err;
    }
  });
}
