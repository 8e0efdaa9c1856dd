import http from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * API reads every node answers itself: they read only shared storage, the city profile or
 * settings (reloaded on every node when changed). Everything else under /api/ and /ngsi-ld/ (every write,
 * and reads of the writer's memory: rollups, live cases, emergencies, source health) goes
 * to the writer.
 */
const LOCAL_READS = new Set([
  '/api/v1/profile',
  '/api/v1/profile/divisions.geojson',
  '/api/v1/wall',
  '/api/v1/time',
  '/api/v1/alerts',
  '/api/v1/auth/me',
  '/api/v1/auth/whoami',
  '/api/v1/auth/demo',
  '/api/v1/catalogue',
  '/api/v1/departments',
  '/api/v1/audit',
  '/api/v1/users',
  '/api/v1/displays',
]);

/** Reads of shared storage with an id in the path: a case's field photos are in the store. */
const LOCAL_READ_PATTERNS = [/^\/api\/v1\/cases\/[^/]+\/photos\/[^/]+$/];

/**
 * Writes every node answers itself: they touch only shared storage (wall pairing: a code
 * shown through one node is approved and collected through any other; sign-in: sessions
 * and lock-outs are in the store).
 */
const LOCAL_WRITES = [/^\/api\/v1\/auth\/login$/, /^\/api\/v1\/pairing$/, /^\/api\/v1\/pairing\/[^/]+\/collect$/, /^\/api\/v1\/displays$/];

/** Marks a request forwarded by a node, so that it is never forwarded twice. */
export const FORWARDED_HEADER = 'x-cw-forwarded-by';

export function forwardsToWriter(req: Pick<FastifyRequest, 'method' | 'url'>): boolean {
  const path = req.url.split('?')[0]!;
  // NGSI-LD entities are read from the writer's topics, like the API's live reads.
  if (!path.startsWith('/api/') && !path.startsWith('/ngsi-ld/')) return false;
  if (req.method === 'POST' && LOCAL_WRITES.some((p) => p.test(path))) return false;
  return !((req.method === 'GET' || req.method === 'HEAD') && (LOCAL_READS.has(path) || LOCAL_READ_PATTERNS.some((p) => p.test(path))));
}

export interface ForwardingDeps {
  node: string;
  /** True while this node holds the lease and its writer duties have started. */
  writing: () => boolean;
  /** The writer's base URL, or null while there is none. */
  writerUrl: () => Promise<string | null>;
}

/**
 * On a node that is not the writer, passes writer-bound requests through to the writer
 * untouched (method, path, headers, streamed body), adding the caller's address to
 * X-Forwarded-For. Registered first, before authentication: the writer authenticates.
 */
export function registerForwarding(app: FastifyInstance, deps: ForwardingDeps): void {
  app.addHook('onRequest', async (req, reply) => {
    if (deps.writing() || !forwardsToWriter(req)) return;
    const unavailable = (message: string) => reply.code(503).header('retry-after', '1').send({ error: 'no_writer', message });
    if (req.headers[FORWARDED_HEADER] !== undefined) return unavailable('this node is not the writer (the writer changed); retry');
    const target = await deps.writerUrl();
    if (target === null) return unavailable('no writer at the moment (a node is taking over); retry');
    const xff = req.headers['x-forwarded-for'];
    const remote = req.raw.socket.remoteAddress ?? '';
    const headers = { ...req.headers, [FORWARDED_HEADER]: deps.node, 'x-forwarded-for': xff ? `${String(xff)}, ${remote}` : remote };
    reply.hijack();
    const upstream = http.request(`${target}${req.raw.url}`, { method: req.method, headers });
    upstream.on('response', (res) => {
      reply.raw.writeHead(res.statusCode ?? 502, res.headers);
      res.pipe(reply.raw);
    });
    upstream.on('error', (err) => {
      req.log.warn({ err, target }, 'forwarding to the writer failed');
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        reply.raw.end(JSON.stringify({ error: 'no_writer', message: 'the writer did not answer; retry' }));
      } else reply.raw.destroy();
    });
    req.raw.pipe(upstream);
  });
}
