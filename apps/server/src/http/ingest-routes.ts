import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_REPORTED_REFUSALS, ingestReportSchema, type IngestReport } from '@cw/contracts';
import { requires } from '../auth/http-auth.ts';
import type { IngestGate } from '../ingest/gate.ts';
import type { Candidate, ChunkResult, IngestSource, Ingestor } from '../ingest/ingestor.ts';
import { BadEncoding, BodyTooLarge, LineSplitter, TOO_LONG, bodyText, type Line } from '../ingest/ndjson.ts';
import type { EventBudget, SourceHealthBook } from '../ingest/source-health.ts';
import type { EventValidator } from '../ingest/validate.ts';
import { errorResponses } from './errors.ts';
import type { RateLimit } from './rate-limit.ts';

/** Events handed to the journal in one transaction: large enough that the commit is cheap per event. */
export const INGEST_CHUNK = 4096;
/** Longest NDJSON line, characters: an event is a few hundred. */
const MAX_LINE = 64 * 1024;
/** Largest NDJSON body, bytes once decompressed: streamed, so this bounds a request's duration, not memory. */
const MAX_NDJSON_BYTES = 256 * 1024 * 1024;
/** Largest JSON-array body, bytes once decompressed: an array is parsed whole, so this bounds memory. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Largest body on the wire (Content-Length), refused before a byte of it is read. */
const MAX_WIRE_BYTES = MAX_NDJSON_BYTES;

const NDJSON = 'application/x-ndjson';

declare module 'fastify' {
  interface FastifyRequest {
    /** The unread request body of an ingest request (its content-type parser leaves it to the handler). */
    ingestBody: Readable | null;
  }
}

export interface IngestRouteDeps {
  ingestor: Ingestor;
  validator: EventValidator;
  gate: IngestGate;
  writeLimit: RateLimit;
  /** The source a signed-in request speaks for (its key's kinds and budget). */
  sourceOf: (req: FastifyRequest) => IngestSource;
  health: SourceHealthBook;
  budget: EventBudget;
  /** The server clock (health figures are in the city's time, like events). */
  now: () => number;
}

const ingestHeaders = z.looseObject({
  'content-type': z.string().describe(`${NDJSON} (one event per line, streamed) or application/json (an array of events)`),
  'content-encoding': z.enum(['gzip', 'identity']).optional(),
});

class Report {
  lines = 0;
  accepted = 0;
  duplicates = 0;
  refused = 0;
  readonly errors: { line: number; reason: string }[] = [];

  refuse(line: number, reason: string): void {
    this.refused++;
    if (this.errors.length < MAX_REPORTED_REFUSALS) this.errors.push({ line, reason });
  }

  add(r: ChunkResult): void {
    this.accepted += r.accepted;
    this.duplicates += r.duplicates;
    for (const e of r.refused) this.refuse(e.line, e.reason);
  }

  toJSON(): IngestReport {
    // Lines are judged in chunks, so refusals of the schema and of the city interleave; sort by line.
    return { lines: this.lines, accepted: this.accepted, duplicates: this.duplicates, refused: this.refused, errors: this.errors.sort((a, b) => a.line - b.line) };
  }
}

/**
 * POST /api/v1/ingest: the throughput path for city systems. Authentication, the rate limit
 * and backpressure are all decided before a byte of the body is read; NDJSON is then read
 * line by line and handed to the ingestor in chunks, each journaled in one transaction
 * before the next is read (so a slow journal slows the sender through TCP, never grows
 * memory); the reply comes once every accepted line is journaled.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestRouteDeps): Promise<void> {
  await app.register(async (child) => {
    child.decorateRequest('ingestBody', null);
    // The body is the handler's to stream; only these types are taken (others: 415).
    child.removeAllContentTypeParsers();
    child.addContentTypeParser([NDJSON, 'application/json'], (req, payload, done) => {
      req.ingestBody = payload as unknown as Readable;
      done(null, undefined);
    });

    const admit = async (req: FastifyRequest, reply: FastifyReply, payload: Readable) => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_WIRE_BYTES) return reply.code(413).send({ error: 'payload_too_large', message: `body larger than ${MAX_WIRE_BYTES} bytes` });
      const source = deps.sourceOf(req);
      if (source.maxEventsPerSec !== null) {
        const waitMs = deps.budget.waitMs(source.id, source.maxEventsPerSec, Date.now());
        if (waitMs > 0) {
          const sec = Math.ceil(waitMs / 1000);
          return reply.code(429).header('retry-after', String(sec)).send({ error: 'rate_limited', message: `over this source's ${source.maxEventsPerSec} events/s; retry in ${sec} s` });
        }
      }
      const no = deps.gate.refuse();
      if (no !== null) {
        return reply.code(503).header('retry-after', String(no.retryAfterSec)).send({ error: 'overloaded', message: `${no.reason}; retry in ${no.retryAfterSec} s` });
      }
      return payload;
    };

    child.withTypeProvider<ZodTypeProvider>().post('/api/v1/ingest', {
      // Who and how often (onRequest), then how big and how busy (preParsing): all before the body is read.
      onRequest: requires('events.ingest'),
      preParsing: admit,
      config: { rateLimit: { ...deps.writeLimit, hook: 'onRequest' } },
      schema: {
        tags: ['ingest'],
        summary: 'Ingest raw events, each line on its own: NDJSON streamed, or a JSON array; gzip accepted',
        description:
          'Good lines are journaled and rolled up, bad ones reported by line number and reason. Duplicates (same source, same event id) count once. ' +
          '503 with Retry-After when the server is behind; 413 when the body passes its bound (the lines before it were taken, see `lines`).',
        headers: ingestHeaders,
        response: { 202: ingestReportSchema, 422: ingestReportSchema, ...errorResponses },
      },
    }, async (req, reply) => {
      const body = req.ingestBody;
      if (body === null) return reply.code(400).send({ error: 'bad_request', message: 'no body' });
      const gzip = req.headers['content-encoding'] === 'gzip';
      const ndjson = req.headers['content-type']?.toLowerCase().startsWith(NDJSON) === true;
      const source = deps.sourceOf(req);
      const report = new Report();
      deps.gate.enter();
      try {
        if (ndjson) await readNdjson(body, gzip, source, deps, report);
        else {
          const problem = await readJsonArray(body, gzip, source, deps, report);
          if (problem !== null) return reply.code(400).send({ error: 'bad_request', message: problem });
        }
      } catch (err) {
        if (err instanceof BodyTooLarge) return reply.code(413).send({ error: 'payload_too_large', message: err.message, ...report.toJSON() });
        if (err instanceof BadEncoding) return reply.code(400).send({ error: 'bad_request', message: err.message, ...report.toJSON() });
        throw err;
      } finally {
        deps.gate.leave();
        if (source.maxEventsPerSec !== null) deps.budget.charge(source.id, source.maxEventsPerSec, report.lines, Date.now());
        deps.health.record(source.id, deps.now(), report.accepted + report.duplicates, report.refused);
      }
      if (report.lines === 0) return reply.code(400).send({ error: 'bad_request', message: 'no events in the body' });
      const allRefused = report.refused === report.lines;
      return reply.code(allRefused ? 422 : 202).send(report.toJSON());
    });
  });
}

/** Reads NDJSON as it streams, handing chunks of good lines to the ingestor one at a time. */
async function readNdjson(body: Readable, gzip: boolean, source: IngestSource, deps: IngestRouteDeps, report: Report): Promise<void> {
  const splitter = new LineSplitter(MAX_LINE);
  const lines: (Line | { n: number; text: typeof TOO_LONG })[] = [];
  let pending: Candidate[] = [];
  const take = (batch: typeof lines) => {
    for (const l of batch) {
      report.lines++;
      if (l.text === TOO_LONG) {
        report.refuse(l.n, `line longer than ${MAX_LINE} characters`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch {
        report.refuse(l.n, 'not valid JSON');
        continue;
      }
      const checked = deps.validator.check(value);
      if (typeof checked === 'string') report.refuse(l.n, checked);
      else pending.push({ line: l.n, event: checked, body: l.text });
    }
    batch.length = 0;
  };
  for await (const text of bodyText(body, gzip, MAX_NDJSON_BYTES)) {
    splitter.push(text, lines);
    take(lines);
    if (pending.length >= INGEST_CHUNK) {
      const chunk = pending;
      pending = [];
      report.add(await deps.ingestor.submitLines(source, chunk));
    }
  }
  splitter.end(lines);
  take(lines);
  if (pending.length > 0) report.add(await deps.ingestor.submitLines(source, pending));
}

/** A JSON array (or `{ "events": [...] }`), parsed whole within its bound; items judged one by one. */
async function readJsonArray(body: Readable, gzip: boolean, source: IngestSource, deps: IngestRouteDeps, report: Report): Promise<string | null> {
  let text = '';
  for await (const t of bodyText(body, gzip, MAX_JSON_BYTES)) text += t;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'body is not valid JSON';
  }
  const items = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null && Array.isArray((doc as { events?: unknown }).events) ? (doc as { events: unknown[] }).events : null;
  if (items === null) return 'expected a JSON array of events (or an object with an "events" array)';
  for (let start = 0; start < items.length; start += INGEST_CHUNK) {
    const chunk: Candidate[] = [];
    for (let i = start; i < Math.min(items.length, start + INGEST_CHUNK); i++) {
      report.lines++;
      const checked = deps.validator.check(items[i]);
      if (typeof checked === 'string') report.refuse(i + 1, checked);
      else chunk.push({ line: i + 1, event: checked });
    }
    if (chunk.length > 0) report.add(await deps.ingestor.submitLines(source, chunk));
  }
  return null;
}
