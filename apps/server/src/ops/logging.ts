import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values never reach the log, wherever a logged object carries them (top level,
 * or one or two levels down): credentials, and callers' phone numbers (`reporter.phone` on a
 * case intake, see packages/contracts `reporterSchema`; contacts' `phone` in emergency
 * profiles). Nothing logs request bodies; this is the net under that rule.
 */
const SECRET_KEYS = ['authorization', 'cookie', 'set-cookie', 'password', 'token', 'secret', 'phone'];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `*.*["${k}"]`]);

/** What the log says of a request or reply: never headers, the raw URL with its query, or the body. */
const serializers = {
  req: (req: FastifyRequest) => ({ method: req.method, route: routeOf(req) }),
  res: (reply: FastifyReply) => ({ status: reply.statusCode }),
  err: pino.stdSerializers.err,
};

/** The server's logger: pino JSON lines, on stdout unless a destination is given (tests). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'city-window' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/**
 * The log policy on any logger handed to the server (including a test's): redaction and the
 * request serializers above, applied as a child so that every request logger inherits them.
 */
export function withLogPolicy(log: Logger): Logger {
  return log.child({}, { redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers });
}

function routeOf(req: FastifyRequest): string {
  // The pattern (/api/v1/cases/:id), never the URL: no query strings, bounded cardinality.
  return req.routeOptions.url ?? 'unmatched';
}

/**
 * Successful requests on these routes are not logged one by one: ingest batches arrive many
 * times a second from every source and probes every few seconds, and /metrics already counts
 * them (cw_ingest_requests_total, cw_http_request_duration_seconds). Their failures are logged
 * like every 4xx/5xx.
 */
const QUIET_ON_SUCCESS = new Set(['POST /api/v1/events', 'POST /api/v1/ingest', 'GET /healthz', 'GET /readyz', 'GET /metrics']);

/** Routes that create a case or an emergency: the new record's id is read from the reply. */
const CREATES: Record<string, 'caseId' | 'emergencyId'> = { 'POST /api/v1/cases': 'caseId', 'POST /api/v1/emergencies': 'emergencyId' };

const createdIds = new WeakMap<FastifyRequest, string>();

/**
 * One JSON line per request (except the quiet successes above): reqId (bound by Fastify to
 * the request's logger), method, route pattern, status, ms, and the case or emergency the
 * request handled, so an operator can follow one case through the log.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const field = CREATES[`${req.method} ${routeOf(req)}`];
    if (field !== undefined && reply.statusCode < 300 && typeof payload === 'string') {
      const id = idOf(payload);
      if (id !== undefined) createdIds.set(req, id);
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = routeOf(req);
    const status = reply.statusCode;
    if (status < 400 && QUIET_ON_SUCCESS.has(`${req.method} ${route}`)) return;
    const line: Record<string, unknown> = { method: req.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10 };
    const id = (req.params as Record<string, unknown> | undefined)?.['id'];
    const subject = typeof id === 'string' ? subjectOf(route) : undefined;
    if (subject !== undefined) line[subject] = id;
    const created = createdIds.get(req);
    if (created !== undefined) line[CREATES[`${req.method} ${route}`]!] = created;
    if (status >= 500) req.log.error(line, 'request failed');
    else req.log.info(line, 'request');
  });
}

function subjectOf(route: string): 'caseId' | 'emergencyId' | undefined {
  if (route.startsWith('/api/v1/cases/:id')) return 'caseId';
  if (route.startsWith('/api/v1/emergencies/:id')) return 'emergencyId';
  return undefined;
}

function idOf(payload: string): string | undefined {
  try {
    const id = (JSON.parse(payload) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
