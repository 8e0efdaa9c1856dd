import type { FastifyInstance } from 'fastify';
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
export function registerHealthRoutes(app: FastifyInstance, deps: ReadinessDeps): void {
  const now = deps.now ?? Date.now;
  app.get('/healthz', { config: { audit: false } }, async () => ({ status: 'ok', protocol: PROTOCOL_VERSION }));
  app.get('/readyz', { config: { audit: false } }, async (_req, reply) => {
    const failed: string[] = [];
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
    return { status: 'ready', protocol: PROTOCOL_VERSION };
  });
}
