import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROTOCOL_VERSION, ingestBatchSchema, scopeSchema } from '@cw/contracts';
import { CATALOGUE, metricById } from '@cw/metrics';
import { IngestRefused, type Ingestor } from '../ingest/ingestor.ts';
import type { LoadedProfile } from '../profile.ts';
import type { Storage } from '../storage/storage.ts';

export interface RouteDeps {
  loaded: LoadedProfile;
  ingestor: Ingestor;
  storage: Storage;
  isReady: () => boolean;
}

const historyQuery = z.object({
  series: z.string().regex(/^[a-z0-9_.]+$/),
  scope: scopeSchema,
  window: z.enum(['1m', '1h', '1d']),
  from: z.coerce.number().int().nonnegative(),
  to: z.coerce.number().int().nonnegative(),
});

/** The HTTP API: health, reference data, raw-event ingest and window history. */
export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get('/healthz', async (_req, reply) => {
    if (!deps.isReady()) return reply.code(503).send({ status: 'starting' });
    return { status: 'ok', protocol: PROTOCOL_VERSION };
  });

  app.get('/api/v1/profile', async () => deps.loaded.profile);
  app.get('/api/v1/profile/divisions.geojson', async () => deps.loaded.geojson);
  app.get('/api/v1/catalogue', async () => CATALOGUE);

  app.post('/api/v1/events', async (req, reply) => {
    const batch = ingestBatchSchema.safeParse(req.body);
    if (!batch.success) {
      return reply.code(400).send({ error: 'bad_request', message: 'invalid event batch', issues: batch.error.issues });
    }
    try {
      const result = await deps.ingestor.submit(batch.data.events);
      return reply.code(202).send(result);
    } catch (err) {
      if (err instanceof IngestRefused) {
        return reply.code(422).send({ error: 'refused', message: err.message, problems: err.problems });
      }
      throw err;
    }
  });

  app.get('/api/v1/history', async (req, reply) => {
    const q = historyQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: 'invalid history query', issues: q.error.issues });
    const { series, scope, window, from, to } = q.data;
    if (to <= from) return reply.code(400).send({ error: 'bad_request', message: '`to` must be after `from`' });
    const windows = await deps.storage.history(window, series, scope, from, to);
    return windows.map((w) => ({ start: w.start, ...w.agg }));
  });

  app.get('/api/v1/catalogue/:id', async (req, reply) => {
    const def = metricById((req.params as { id: string }).id);
    return def ?? reply.code(404).send({ error: 'not_found', message: 'no such metric' });
  });
}
