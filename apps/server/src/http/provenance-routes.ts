import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { provenanceSchema, type MetricDef, type Provenance } from '@cw/contracts';
import { metricsFedBy } from '@cw/metrics';
import { requires } from '../auth/http-auth.ts';
import type { SourceHealthBook } from '../ingest/source-health.ts';
import type { Storage } from '../storage/storage.ts';
import { errorResponses } from './errors.ts';

/** GET /api/v1/provenance: for every figure, the registered sources that feed it and how fresh they are. */
export function registerProvenanceRoute(app: FastifyInstance, deps: { storage: Storage; health: SourceHealthBook; catalogue: () => readonly MetricDef[]; now: () => number }): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/provenance', {
    preValidation: requires('vitals.read'),
    schema: { tags: ['reference'], summary: 'Which registered data sources feed each figure, and how fresh they are', response: { 200: provenanceSchema, ...errorResponses } },
  }, async () => {
    const now = deps.now();
    const catalogue = deps.catalogue();
    const out: Provenance = {};
    for (const s of await deps.storage.listCredentials('source')) {
      if (s.revoked) continue;
      const intervalSec = s.registration?.intervalSec ?? null;
      const h = deps.health.health(s.id, intervalSec, now);
      for (const metric of metricsFedBy(s.registration?.kinds ?? null, catalogue)) {
        (out[metric] ??= []).push({ name: s.name, lastEventAt: h.lastEventAt, intervalSec, stale: h.stale });
      }
    }
    return out;
  });
}
