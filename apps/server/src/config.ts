import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { wallPageSchema } from '@cw/contracts';
import { parseAllowedOrigins } from './auth/origin.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const wallPage = `(${wallPageSchema.options.join('|')})`;
const playlistPattern = new RegExp(`^${wallPage}:\\d+(,${wallPage}:\\d+)*$`);

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

/**
 * Every setting comes from the environment, with the defaults documented in
 * docs/configuration.md. Unknown values fail fast at start-up with the variable's name.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data')),
  /** sqlite: one file under DATA_DIR (the default); postgres: DATABASE_URL, shared by several nodes; memory: nothing kept. */
  STORAGE: z.enum(['sqlite', 'postgres', 'memory']).default('sqlite'),
  /** PostgreSQL connection string (STORAGE=postgres), e.g. postgres://cw:secret@db.internal:5432/citywindow?sslmode=require. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string, e.g. postgres://cw:secret@127.0.0.1:5432/citywindow')
    .optional(),
  /** Connections to PostgreSQL this process keeps at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  CITY_PROFILE: z.string().min(1).default('shaoyang'),
  TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SIMULATOR: bool.default(true),
  SIM_SEED: z.coerce.number().int().default(20261127),
  /** Simulated case intake (12345, inspectors, sensors…) and a simulated duty crew working those cases. */
  SIM_CASES: bool.default(true),
  SIM_AIR_INTERVAL_MS: z.coerce.number().int().min(1000).default(10_000),
  /** Days of simulated history written at the first start (empty store, simulator on). */
  SIM_BACKFILL_DAYS: z.coerce.number().int().min(0).max(400).default(35),
  /** Days before today whose simulated cases are replayed at the first start (SIM_CASES on, no cases stored), with today up to now. */
  SIM_CASE_BACKFILL_DAYS: z.coerce.number().int().min(0).max(35).default(2),
  /** Simulated seconds per real second; above 1 the whole server runs on simulated time. */
  SIM_SPEED: z.coerce.number().positive().max(10_000).default(1),
  /** Start simulated time here (ISO 8601) instead of now; implies the simulated clock. */
  SIM_START: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date-time, e.g. 2026-11-27T10:00:00+08:00')
    .transform((v) => Date.parse(v))
    .optional(),
  LATE_ALLOWANCE_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).default(120_000),
  /** Raw events are journaled for replay after a restart; older ones are pruned. */
  RAW_RETENTION_HOURS: z.coerce.number().positive().default(6),
  DELTA_LOG_SIZE: z.coerce.number().int().min(1).default(600),
  /** Wall rotation: page:seconds pairs; pages are the overview, the five domains and dispatch. */
  WALL_PLAYLIST: z
    .string()
    .regex(playlistPattern, 'page:seconds pairs, e.g. overview:120,environment:40')
    .default('overview:120,government:40,environment:40,safety:40,livelihood:40,tourism:40,dispatch:40'),
  /** How long the wall holds the overview on a new critical alert before rotating again. */
  WALL_FOCUS_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Writes (case commands, reports, raw-event batches, admin changes) per identity per minute. */
  WRITE_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Ingest requests being read at once (POST /api/v1/ingest); more are answered 503 with Retry-After. */
  INGEST_MAX_STREAMS: z.coerce.number().int().min(1).default(16),
  /** Events handed to the journal and the rollups and not yet through; past this, new ingest requests get 503. */
  INGEST_MAX_QUEUED: z.coerce.number().int().min(1000).default(100_000),
  /** API requests per minute per address from callers with no valid credential (sign-in pages, probes, scanners). */
  ANON_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
  /** Dispatch KPIs cover cases reported in the last this many days. */
  KPI_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  /** Local time (city profile's zone) at which the daily briefing of the day before is compiled, HH:MM. */
  BRIEFING_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM, e.g. 07:00')
    .default('07:00')
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3))),
  /** How often case clocks are checked for reminders, supervision and traffic lights. */
  CASE_TICK_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Demo mode: creates a user per role (password citywindow-demo) so every screen can be tried. */
  DEMO: bool.default(false),
  /** Password of the first administrator; without it a one-time password is printed at first start. */
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  /** How long a sign-in lasts (a duty shift and then some). */
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Mark cookies Secure (set when serving over HTTPS, directly or behind a proxy). */
  COOKIE_SECURE: bool.default(false),
  /** Trust X-Forwarded-For from a reverse proxy (for rate limits and the audit log's addresses). */
  TRUST_PROXY: bool.default(false),
  /** Bearer token for GET /metrics; unset = only scrapes from this host (loopback). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Emergency notifications: a group-robot webhook (企业微信 / 钉钉 text message); unset = log only. */
  NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Where NGSI-LD subscriptions may send notifications (SSRF guard): space or comma separated
   * host names or addresses, each optionally with :port, allowed whatever they resolve to;
   * `public` allows any host all of whose addresses are public. Loopback, private, link-local
   * and other special addresses are refused unless their host is listed.
   */
  NGSI_NOTIFY_ALLOW: z
    .string()
    .default('public')
    .refine((v) => v.split(/[\s,]+/).filter(Boolean).every((e) => /^(public|\[[0-9a-fA-F:.]+\](:\d{1,5})?|[A-Za-z0-9.-]+(:\d{1,5})?)$/.test(e)), 'host names or addresses (host, host:port, [v6]:port) or public, e.g. public broker.city.example:1026 10.0.0.7'),
  /** Origins besides the server's own whose pages may open sockets and send writes, space separated (e.g. https://wall.city.example). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .refine((v) => parseAllowedOrigins(v).invalid.length === 0, 'space-separated full origins, e.g. https://wall.city.example http://10.0.0.5:8080'),
  /** Bytes queued for one socket past which it is disconnected as too slow (it reconnects and resyncs). */
  SOCKET_MAX_BUFFERED_BYTES: z.coerce.number().int().min(64 * 1024).default(4 * 1024 * 1024),
  /** Extra origins the wall may load camera streams from (CSP media-src), space separated. */
  MEDIA_ORIGINS: z.string().default(''),
  /** Street tiles for the case maps: an XYZ template ({z} {x} {y}, optional {s}); empty: division boundaries only. */
  MAP_TILE_URL: z.string().default(''),
  MAP_TILE_SUBDOMAINS: z.string().default(''),
  MAP_TILE_ATTRIBUTION: z.string().max(200).default(''),
  MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
  WEB_DIST: z.string().default(path.join(repoRoot, 'apps/web/dist')),
  PROFILES_DIR: z.string().default(path.join(repoRoot, 'profiles')),
  /** On SIGTERM/SIGINT, how long in-flight work may take before the process gives up and exits 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Cluster mode (docs/deployment.md): Redis for the writer lease, the topic logs and socket rooms. Unset = one node, no Redis. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of every Redis key of this cluster (several cities can share one Redis). */
  REDIS_PREFIX: z.string().min(1).default('cw:'),
  /** This node's name in the cluster (logs, the writer lease); default host name and process id. */
  NODE_ID: z.string().regex(/^[\w.-]+$/, 'letters, digits, dot, dash, underscore').optional(),
  /** Where the other nodes reach this one to forward writes (http://address:port); default http://HOST:PORT. */
  NODE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The writer lease's time to live: a dead writer is replaced within about this long. */
  WRITER_LEASE_MS: z.coerce.number().int().min(300).max(60_000).default(5000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((c) => c.STORAGE !== 'postgres' || c.DATABASE_URL !== undefined, { path: ['DATABASE_URL'], message: 'required with STORAGE=postgres' });
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema
    .refine((c) => c.REDIS_URL === undefined || c.STORAGE !== 'memory', { path: ['STORAGE'], message: 'cluster mode (REDIS_URL) needs storage every node shares, not memory' })
    .safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
