import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '@cw/contracts';

export interface ReadinessDeps {
  /** The server finished starting and listens. */
  started: () => boolean;
  /** A graceful stop began: load balancers must send no more traffic. */
  stopping?: () => boolean;
  /** Real time of the last completed tick (rollup advanced, vitals published), or null. */
  lastTickAt: () => number | null;
  tickMs: number;
  /** A trivial read of the store; rejects when the store does not answer. */
  probeStore: () => Promise<unknown>;
  now?: () => number;
}

/** Ticks may lag this many intervals (a busy machine, a long backfill step) before not ready. */
const TICK_GRACE = 5;

/**
 * `/healthz`: the process is alive (load balancers restart it otherwise). `/readyz`: it can
 * serve — started, the store answers, and the tick (rollups and publishing) runs — so a load
 * balancer sends it traffic; a 503 names the checks that failed.
 */
const READINESS_CHECKS = ['stopping', 'starting', 'store', 'tick'] as const;

export function registerHealthRoutes(fastify: FastifyInstance, deps: ReadinessDeps): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = deps.now ?? Date.now;
  app.get('/healthz', {
    config: { audit: false },
    schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok'), protocol: z.number() }) } },
  }, async () => ({ status: 'ok' as const, protocol: PROTOCOL_VERSION }));
  app.get('/readyz', {
    config: { audit: false },
    schema: {
      tags: ['operations'],
      summary: 'The server can take traffic: started, store answering, tick running',
      response: { 200: z.object({ status: z.literal('ready'), protocol: z.number() }), 503: z.object({ status: z.literal('not_ready'), failed: z.array(z.enum(READINESS_CHECKS)) }) },
    },
  }, async (_req, reply) => {
    const failed: (typeof READINESS_CHECKS)[number][] = [];
    if (deps.stopping?.() === true) failed.push('stopping');
    else if (!deps.started()) failed.push('starting');
    try {
      await deps.probeStore();
    } catch {
      failed.push('store');
    }
    const last = deps.lastTickAt();
    if (last === null || now() - last > TICK_GRACE * Math.max(deps.tickMs, 1000)) failed.push('tick');
    if (failed.length > 0) return reply.code(503).send({ status: 'not_ready', failed });
    return { status: 'ready' as const, protocol: PROTOCOL_VERSION };
  });
}
