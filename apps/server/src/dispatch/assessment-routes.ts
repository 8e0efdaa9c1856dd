import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentMonthSchema, assessmentReportSchema, type AssessmentReport, type Department } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import { attachmentDisposition, PDF_CONTENT_TYPE, renderPdf } from '../documents/pdf.ts';
import { errorResponses } from '../http/errors.ts';
import { assessmentPdfSpec, assessmentXlsx, reportFileName, XLSX_CONTENT_TYPE, type ReportContext, type ReportLang } from './assessment-report.ts';
import type { CaseService } from './case-service.ts';

const monthParam = z.object({ month: assessmentMonthSchema });
const langQuery = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
const notStarted = (month: string) => ({ error: 'not_found', message: `month ${month} has not begun` });

/** The monthly assessment (月度考核, docs/dispatch.md): as JSON, as an xlsx workbook and as a PDF. */
export function registerAssessmentRoutes(
  fastify: FastifyInstance,
  deps: { cases: CaseService; departments: () => readonly Department[]; utcOffsetMs: number; writeLimit: { max: number; timeWindow: number } },
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const context = (lang: ReportLang): ReportContext => ({
    lang,
    utcOffsetMs: deps.utcOffsetMs,
    departmentName: (id) => deps.departments().find((d) => d.id === id)?.name,
  });

  // Each answer reads months of case history (and renders a file): limited like a write, as
  // the emergency PDF is, so one client repeating it cannot starve the others.
  app.get('/api/v1/dispatch/assessment/:month', {
    preValidation: requires('cases.assessment'),
    config: { rateLimit: deps.writeLimit },
    schema: {
      tags: ['cases'],
      summary: "A month's assessment of the centre and its departments (按期处置率, 延期率, 返工率, 回访满意率, 考核排名)",
      params: monthParam,
      response: { 200: assessmentReportSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await deps.cases.assessment(req.params.month);
    return r === null ? reply.code(404).send(notStarted(req.params.month)) : r;
  });

  const download = (ext: 'pdf' | 'xlsx', render: (r: AssessmentReport, ctx: ReportContext) => Promise<Buffer>, type: string) =>
    app.get(`/api/v1/dispatch/assessment/:month/${ext}`, {
      preValidation: requires('cases.assessment'),
      config: { rateLimit: deps.writeLimit },
      schema: {
        tags: ['cases'],
        summary: `A month's assessment report as ${ext === 'pdf' ? 'a PDF (A4, fonts embedded)' : 'an xlsx workbook'}`,
        params: monthParam,
        querystring: langQuery,
        response: { 200: z.unknown().describe(type), ...errorResponses },
      },
    }, async (req, reply) => {
      const r = await deps.cases.assessment(req.params.month);
      if (r === null) return reply.code(404).send(notStarted(req.params.month));
      const body = await render(r, context(req.query.lang));
      return reply.type(type).header('content-disposition', attachmentDisposition(reportFileName(r.month, req.query.lang, ext))).send(body);
    });
  download('pdf', (r, ctx) => renderPdf(assessmentPdfSpec(r, ctx)), PDF_CONTENT_TYPE);
  download('xlsx', assessmentXlsx, XLSX_CONTENT_TYPE);
}
