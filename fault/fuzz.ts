// fuzz — property-based fuzzing (fast-check) of every HTTP route and every socket message
// of an in-process server (memory storage), signed in as every role. Properties: no 5xx
// (and no `internal_error` on the socket), no crash (the server answers after every
// batch), refused input changes no state, the heap stays bounded and Object.prototype
// stays clean. Progress goes to stderr; the last line of stdout is one JSON object.
// Usage: npm run fuzz -- --runs 100000 [--seed N]
import { createHash } from 'node:crypto';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { CASE_ACTIONS, EMERGENCY_ACTIONS, PROTOCOL_VERSION } from '@cw/contracts';
import { loadConfig } from '../apps/server/src/config.ts';
import { startServer } from '../apps/server/src/app.ts';
import { parseFlags } from './util.ts';

const DEMO_PASSWORD = 'citywindow-demo';
const DEMO_USERS = { admin: 'admin', officer: 'officer', shift: 'shift', leader: 'leader', cgj: 'cgj' } as const;
type Who = keyof typeof DEMO_USERS | 'wall' | 'source' | 'anonymous' | 'garbage';
const WHO: Who[] = ['admin', 'officer', 'shift', 'leader', 'cgj', 'wall', 'source', 'anonymous', 'garbage'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FuzzOptions {
  runs: number;
  seed: number;
  log: (line: string) => void;
}

export interface Failure {
  kind: '5xx' | 'state_changed' | 'internal_error' | 'crash';
  method?: string;
  path?: string;
  status?: number;
  who?: string;
  body?: string;
  detail?: string;
}

export interface FuzzResult {
  cases: number;
  http: number;
  socket: number;
  fiveHundreds: number;
  crashes: number;
  stateChangedByRefusals: number;
  /** Refused writes whose state was compared before and after. */
  refusalsChecked: number;
  statuses: Record<string, number>;
  prototypePolluted: boolean;
  heapStartMB: number;
  heapEndMB: number;
  heapBounded: boolean;
  failures: Failure[];
  seed: number;
  ms: number;
}

// ---- hostile values ----------------------------------------------------------------------

const NASTY = [
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__',
  '../../../etc/passwd', '..%2f..%2f', '%00', '\u0000', '\ud800', '\uffff', '\u202e', '<script>alert(1)</script>',
  "' OR 1=1 --", '${7*7}', '{{7*7}}', 'NaN', 'Infinity', '-1', '1e309', '0x10', ' ', '\t\n', '', '🏙️城市之窗', '邵阳市',
  'null', 'true', '[]', '{}', 'C20261127-0001', 'E20261127-001', 'cgj', 'city', 'admin',
];
/** Path segments sent as they are, not percent-encoded: malformed escapes and overlong UTF-8. */
const RAW_SEGMENTS = ['%FF', '%C0%AF', '%', '%%', '%E4%B8', '..', '.', '%2e%2e%2f', '%00', '%u0041'];
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const pathSegment = (v: string) => (RAW_SEGMENTS.includes(v) ? v : encodeURIComponent(v.replace(LONE_SURROGATE, '\ufffd')));
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 70, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then', ''), fc.string({ maxLength: 12 }));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -1, 4.2, null, true, false),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A valid body, then sometimes one field replaced, one dropped, hostile keys added, or anything at all. */
function mutated(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([v, i, h]) => {
        const keys = Object.keys(v);
        return keys.length === 0 ? h : { ...v, [keys[i % keys.length]!]: h };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, i]) => {
        const keys = Object.keys(v);
        return Object.fromEntries(Object.entries(v).filter(([k]) => k !== keys[i % keys.length]));
      }),
    },
    { weight: 1, arbitrary: fc.tuple(valid, fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 })).map(([v, extra]) => ({ ...v, ...extra })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

// ---- the requests ------------------------------------------------------------------------

interface Payload {
  text?: string;
  contentType?: string;
}
const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/xml', '*/*', 'json',
];
/** JSON text of a value, or something that is almost JSON: poisoned keys, truncation, depth, size. */
const payloadOf = (body: fc.Arbitrary<unknown>): fc.Arbitrary<Payload> =>
  fc.oneof(
    { weight: 10, arbitrary: body.map((b) => ({ text: JSON.stringify(b) ?? 'null', contentType: 'application/json' })) },
    { weight: 2, arbitrary: fc.tuple(body, fc.constantFrom(...CONTENT_TYPES)).map(([b, contentType]) => ({ text: JSON.stringify(b) ?? 'null', contentType })) },
    {
      weight: 2,
      arbitrary: body.map((b) => {
        const t = JSON.stringify(b) ?? 'null';
        const poison = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';
        return { text: t.startsWith('{') && t !== '{}' ? `{${poison},${t.slice(1)}` : `{${poison}}`, contentType: 'application/json' };
      }),
    },
    { weight: 1, arbitrary: fc.tuple(body, fc.nat()).map(([b, n]) => { const t = JSON.stringify(b) ?? 'null'; return { text: t.slice(0, n % (t.length + 1)), contentType: 'application/json' }; }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((n) => ({ text: '['.repeat(n) + ']'.repeat(n), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 1_100_000 }).map((n) => ({ text: `{"a":"${'x'.repeat(n)}"}`, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text, contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ text: '', contentType: 'application/json' }) },
  );

interface Route {
  method: Method;
  path: string;
  params?: Record<string, fc.Arbitrary<string>>;
  query?: fc.Arbitrary<[string, string][]>;
  body?: fc.Arbitrary<unknown>;
  /** Only these callers: sending the others could end the fuzzer's own sessions. */
  who?: Who[];
  weight?: number;
}

export interface FuzzRequest {
  method: string;
  path: string;
  who: Who;
  authorization: string | null;
  headers: Record<string, string>;
  payload: Payload;
}

interface Known {
  cases: string[];
  emergencies: string[];
  metrics: string[];
  departments: string[];
  divisions: string[];
  /** Ids of users and credentials the fuzzer signs in with: never targets of destructive requests. */
  protected: Set<string>;
}

const asciiHeader = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const numberish = fc.oneof(fc.integer().map(String), fc.constantFrom('0', '-1', '1e3', '1.5', 'NaN', '', '9'.repeat(40), '0x1f'), hostileString);
const queryOf = (keys: string[], valid: Record<string, fc.Arbitrary<string>> = {}): fc.Arbitrary<[string, string][]> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.oneof(...Object.values(valid), numberish)) },
      { weight: 1, arbitrary: fc.tuple(hostileKey, hostileString) },
    ),
    { maxLength: 6 },
  );

function routes(k: Known): Route[] {
  const id = (known: string[]) => (known.length === 0 ? hostileString : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: hostileString }));
  const notProtected = (a: fc.Arbitrary<string>) => a.filter((s) => !k.protected.has(s));
  const division = fc.constantFrom(...k.divisions);
  const lonLat = fc.tuple(fc.double({ min: 110, max: 112, noNaN: true }), fc.double({ min: 26, max: 28, noNaN: true }));
  const now = Date.now();
  const ts = fc.integer({ min: now - 600_000, max: now + 60_000 });
  const airReading = fc.record({
    kind: fc.constant('air.reading'),
    id: fc.uuid(),
    ts,
    division,
    station: fc.constantFrom('fuzz-1', 'fuzz-2'),
    values: fc.record({ pm25: fc.integer({ min: 0, max: 60 }), pm10: fc.integer({ min: 0, max: 80 }), so2: fc.constant(8), no2: fc.constant(30), co: fc.constant(0.8), o3: fc.constant(60) }),
  });
  const report = fc.record({
    title: fc.string({ minLength: 1, maxLength: 30 }),
    description: fc.string({ maxLength: 60 }),
    channel: fc.constantFrom('grid_inspector', 'hotline_12345', 'police_110', 'sensor', 'app'),
    category: fc.constantFrom('city_appearance', 'emergency', 'environment', 'traffic'),
    urgency: fc.constantFrom('normal', 'urgent', 'critical'),
    division,
    location: lonLat,
  });
  const caseCommand = fc.record({
    caseId: fc.constantFrom(...k.cases),
    expectedVersion: fc.integer({ min: 0, max: 8 }),
    action: fc.constantFrom(...CASE_ACTIONS),
    comment: fc.string({ maxLength: 20 }),
    department: fc.constantFrom(...k.departments),
    workingDays: fc.integer({ min: -1, max: 30 }),
  });
  const emergencyCommand = fc.record({
    version: fc.integer({ min: 0, max: 6 }),
    action: fc.constantFrom(...EMERGENCY_ACTIONS),
    level: fc.integer({ min: 0, max: 5 }),
    reason: fc.string({ maxLength: 20 }),
    text: fc.string({ maxLength: 20 }),
  });
  const declaration = fc.record({
    title: fc.string({ minLength: 1, maxLength: 30 }),
    category: fc.constantFrom('accident', 'natural_disaster', 'public_health', 'social_security'),
    subtype: fc.constantFrom('road_traffic', 'hazardous_chemicals', 'flood'),
    level: fc.integer({ min: 1, max: 4 }),
    reason: fc.string({ minLength: 1, maxLength: 30 }),
    location: lonLat,
    division,
  });
  const timeQuery = { from: fc.integer({ min: 0, max: now }).map(String), to: fc.integer({ min: 0, max: now + 86_400_000 }).map(String) };
  return [
    { method: 'GET', path: '/healthz' },
    { method: 'GET', path: '/readyz' },
    { method: 'GET', path: '/metrics' },
    { method: 'GET', path: '/api/v1/profile' },
    { method: 'GET', path: '/api/v1/profile/divisions.geojson', weight: 0.2 },
    { method: 'GET', path: '/api/v1/wall' },
    { method: 'GET', path: '/api/v1/time' },
    { method: 'POST', path: '/api/v1/events', body: mutated(fc.record({ events: fc.array(fc.oneof(airReading, hostileValue), { minLength: 0, maxLength: 8 }) })), weight: 3 },
    {
      method: 'GET',
      path: '/api/v1/metrics/:id/history',
      params: { id: id(k.metrics) },
      query: queryOf(['scope', 'window', 'from', 'to'], { scope: fc.oneof(division, fc.constant('city')), window: fc.constantFrom('1h', '1d', '1m'), ...timeQuery }),
      weight: 2,
    },
    { method: 'GET', path: '/api/v1/air/daily', query: queryOf(['scope', 'from', 'to'], { scope: division, ...timeQuery }) },
    { method: 'GET', path: '/api/v1/alerts', query: queryOf(['from', 'to', 'limit'], { ...timeQuery, limit: fc.integer({ min: -5, max: 2000 }).map(String) }) },
    { method: 'POST', path: '/api/v1/alerts/:id/acknowledge', params: { id: hostileString }, body: mutated(fc.record({ note: fc.string({ maxLength: 600 }) })) },
    { method: 'POST', path: '/api/v1/alerts/acknowledge', body: mutated(fc.record({ ids: fc.array(hostileString, { maxLength: 5 }), note: fc.string({ maxLength: 600 }) })) },
    { method: 'GET', path: '/api/v1/catalogue' },
    {
      method: 'PUT',
      path: '/api/v1/thresholds/:id',
      params: { id: id(k.metrics) },
      body: mutated(
        fc.record({
          bad: fc.constantFrom('high', 'low'),
          levels: fc.record({ blue: fc.double({ noNaN: true }), yellow: fc.double({ noNaN: true }), orange: fc.double({ noNaN: true }), red: fc.double({ noNaN: true }) }, { requiredKeys: [] }),
          clear: fc.double({ noNaN: true }),
        }),
      ),
      weight: 2,
    },
    { method: 'GET', path: '/api/v1/departments' },
    {
      method: 'PUT',
      path: '/api/v1/departments/:id',
      params: { id: id(k.departments) },
      body: mutated(fc.record({ name: fc.record({ zh: fc.string({ maxLength: 20 }), en: fc.string({ maxLength: 20 }) }), kind: fc.constantFrom('bureau', 'government', 'rescue'), categories: fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }) })),
      weight: 2,
    },
    { method: 'PUT', path: '/api/v1/system/mode', body: mutated(fc.record({ mode: fc.constantFrom('peace', 'war', 'WAR', '') })) },
    // Made-up names only: guesses at the demo accounts would lock the fuzzer's own users out.
    { method: 'POST', path: '/api/v1/auth/login', body: mutated(fc.record({ username: hostileString.filter((u) => !Object.values(DEMO_USERS).includes(u as never)), password: hostileString })), who: ['anonymous', 'garbage'], weight: 2 },
    { method: 'POST', path: '/api/v1/auth/logout', who: ['anonymous', 'garbage'] },
    { method: 'GET', path: '/api/v1/auth/me' },
    { method: 'GET', path: '/api/v1/auth/whoami' },
    { method: 'POST', path: '/api/v1/auth/password', body: mutated(fc.record({ current: hostileString.filter((p) => p !== DEMO_PASSWORD), next: fc.string({ minLength: 8, maxLength: 40 }) })) },
    { method: 'GET', path: '/api/v1/auth/demo' },
    { method: 'POST', path: '/api/v1/pairing', weight: 0.5 },
    { method: 'POST', path: '/api/v1/pairing/:id/collect', params: { id: hostileString }, body: mutated(fc.record({ secret: fc.string({ minLength: 20, maxLength: 40 }) })) },
    { method: 'GET', path: '/api/v1/displays' },
    { method: 'POST', path: '/api/v1/displays', body: mutated(fc.record({ code: fc.stringMatching(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/), name: fc.string({ maxLength: 30 }) })) },
    { method: 'DELETE', path: '/api/v1/displays/:id', params: { id: notProtected(hostileString) } },
    { method: 'GET', path: '/api/v1/sources' },
    { method: 'POST', path: '/api/v1/sources', body: mutated(fc.record({ name: fc.string({ maxLength: 30 }) })) },
    { method: 'DELETE', path: '/api/v1/sources/:id', params: { id: notProtected(hostileString) } },
    { method: 'GET', path: '/api/v1/users' },
    {
      method: 'POST',
      path: '/api/v1/users',
      body: mutated(fc.record({ username: fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/), displayName: fc.string({ minLength: 1, maxLength: 20 }), role: fc.constantFrom('leader', 'duty_officer', 'department', 'admin', 'wall', 'source'), department: fc.constantFrom(null, ...k.departments), password: fc.string({ minLength: 10, maxLength: 30 }) })),
    },
    { method: 'PATCH', path: '/api/v1/users/:id', params: { id: notProtected(hostileString) }, body: mutated(fc.record({ displayName: fc.string({ maxLength: 20 }), disabled: fc.boolean(), password: fc.string({ minLength: 10, maxLength: 30 }) })) },
    { method: 'GET', path: '/api/v1/audit', query: queryOf(['limit', 'before'], { limit: fc.integer({ min: -1, max: 600 }).map(String), before: fc.integer({ min: -1, max: 1e9 }).map(String) }) },
    { method: 'POST', path: '/api/v1/cases', body: mutated(report), weight: 3 },
    { method: 'GET', path: '/api/v1/cases/:id', params: { id: id(k.cases) }, weight: 2 },
    { method: 'POST', path: '/api/v1/cases/:id/commands', params: { id: id(k.cases) }, body: mutated(caseCommand), weight: 4 },
    { method: 'POST', path: '/api/v1/cases/:id/instructions', params: { id: id(k.cases) }, body: mutated(fc.record({ text: fc.string({ maxLength: 30 }) })) },
    { method: 'GET', path: '/api/v1/emergencies', query: queryOf(['status'], { status: fc.constantFrom('active', 'closed') }) },
    { method: 'GET', path: '/api/v1/emergencies/:id', params: { id: id(k.emergencies) } },
    { method: 'GET', path: '/api/v1/emergencies/:id/resources', params: { id: id(k.emergencies) } },
    { method: 'POST', path: '/api/v1/emergencies', body: mutated(declaration), weight: 2 },
    { method: 'POST', path: '/api/v1/emergencies/:id/commands', params: { id: id(k.emergencies) }, body: mutated(emergencyCommand), weight: 3 },
  ];
}

function requestArbitrary(k: Known, tokens: Record<Who, string | null>): fc.Arbitrary<FuzzRequest> {
  const table = routes(k);
  const unknownRoute = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    path: fc.oneof(fc.constantFrom('/api/v1/', '/api/v2/cases', '/api/v1/cases', '/socket.io/', '/api/v1/../../etc/passwd', '/%2e%2e/'), fc.webPath()),
  });
  const oneRoute = fc.oneof(
    ...table.map((r) => ({
      weight: Math.max(1, Math.round((r.weight ?? 1) * 2)),
      arbitrary: fc.record({
        route: fc.constant(r),
        params: r.params === undefined ? fc.constant({}) : fc.record(r.params),
        query: r.query ?? fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, string][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, hostileString), { maxLength: 4 }) }),
        payload: r.body === undefined ? fc.oneof({ weight: 4, arbitrary: fc.constant<Payload>({}) }, { weight: 1, arbitrary: payloadOf(hostileValue) }) : payloadOf(r.body),
        who: fc.constantFrom(...(r.who ?? WHO)),
      }),
    })),
  );
  const extraHeaders = fc.oneof(
    { weight: 6, arbitrary: fc.constant({} as Record<string, string>) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.constantFrom('origin', 'referer', 'x-forwarded-for', 'x-forwarded-proto', 'idempotency-key', 'accept', 'accept-encoding', 'cookie', 'x-http-method-override', 'range', 'if-none-match'),
        fc.oneof(asciiHeader, fc.constantFrom('http://evil.example', 'null', '127.0.0.1, 10.0.0.1', 'https', 'cw_session=x; cw_display=y', 'gzip, br', 'bytes=0-1')),
        { maxKeys: 3 },
      ),
    },
  );
  return fc.oneof(
    {
      weight: 30,
      arbitrary: fc.record({ r: oneRoute, extra: extraHeaders, badAuth: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: asciiHeader.map((s) => `Bearer ${s}`) }, { weight: 1, arbitrary: fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'bearer  ', `Bearer ${'a'.repeat(5000)}`) }) }).map(({ r, extra, badAuth }) => {
        let p = r.route.path;
        for (const [name, value] of Object.entries(r.params)) p = p.replace(`:${name}`, pathSegment(value as string));
        if (r.query.length > 0) p += `?${new URLSearchParams(r.query).toString()}`;
        const token = tokens[r.who];
        const authorization = badAuth ?? (token === null ? null : `Bearer ${token}`);
        return { method: r.route.method, path: p, who: r.who, authorization, headers: extra, payload: r.payload };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ u: unknownRoute, who: fc.constantFrom(...WHO), payload: payloadOf(hostileValue) }).map(({ u, who, payload }) => ({
        method: u.method,
        path: u.path.startsWith('/') ? u.path : `/${u.path}`,
        who,
        authorization: tokens[who] === null ? null : `Bearer ${tokens[who]}`,
        headers: {},
        payload: u.method === 'GET' || u.method === 'HEAD' ? {} : payload,
      })),
    },
  );
}

// ---- socket messages ---------------------------------------------------------------------

type SocketMessage = { raw: string | Uint8Array } | { event: string; args: unknown[] };
export interface SocketSession {
  who: Who;
  auth: Record<string, unknown>;
  messages: SocketMessage[];
}

/** Events the Socket.IO client itself refuses to emit; they are sent as raw packets instead. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

function socketArbitrary(k: Known): fc.Arbitrary<SocketSession> {
  const topics = ['cases', 'dispatch', 'system', 'alerts', 'feed', 'emergencies', 'vitals:city', ...k.divisions.map((d) => `vitals:${d}`), ...k.departments.slice(0, 3).map((d) => `cases:${d}`)];
  const topic = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...topics) }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue });
  const since = fc.oneof(fc.record({ epoch: fc.oneof(hostileString, fc.constant('x')), seq: fc.oneof(fc.nat(), fc.integer(), fc.double()) }), hostileValue);
  const valid = fc.oneof(
    fc.record({ event: fc.constant('subscribe'), args: fc.tuple(fc.oneof(fc.record({ topic }), fc.record({ topic, since }))) }),
    fc.record({ event: fc.constant('unsubscribe'), args: fc.tuple(fc.record({ topic })) }),
    fc.record({ event: fc.constant('ping'), args: fc.tuple(fc.record({ id: fc.oneof(fc.nat(), fc.integer(), hostileValue) })) }),
  );
  const message: fc.Arbitrary<SocketMessage> = fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 2, arbitrary: fc.record({ event: fc.constantFrom('subscribe', 'unsubscribe', 'ping'), args: fc.array(hostileValue, { maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ event: fc.oneof(hostileString, fc.constantFrom('hello', 'snapshot', 'deltas', 'pong', 'protocol_error', 'message', 'error')), args: fc.array(hostileValue, { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ event: fc.constantFrom('subscribe', 'ping'), args: fc.tuple(fc.uint8Array({ maxLength: 64 })) }) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('2["disconnect"]', '2["connect"]', '2["__proto__",{}]', '2[', '2', '9', '0', '1', '4', '5', '2[null]', '2[1,2]', '2{"topic":"cases"}', '51-["subscribe",{"_placeholder":true,"num":0}]', '2/admin,["subscribe",{"topic":"cases"}]', '0/admin,', '3["subscribe"]'),
        fc.string({ maxLength: 80 }).map((s) => `2${s}`),
        fc.uint8Array({ maxLength: 64 }),
      ).map((raw) => ({ raw })),
    },
  );
  return fc.record({
    who: fc.constantFrom(...WHO),
    auth: fc.oneof({ weight: 8, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record({ protocol: hostileValue }) }, { weight: 1, arbitrary: fc.record({ token: hostileValue }) }) as fc.Arbitrary<Record<string, unknown>>,
    messages: fc.array(message, { minLength: 1, maxLength: 40 }),
  });
}

// ---- running it ----------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A full collection before each heap reading, also without --expose-gc (e.g. under vitest).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMB = () => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
};

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function api(url: string, method: string, p: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Demo users, a paired wall, a source key, three cases (one dispatched) and an emergency. */
export async function seed(s: { url: string }): Promise<{ tokens: Record<Who, string | null>; known: Known }> {
  const tokens: Record<Who, string | null> = { admin: null, officer: null, shift: null, leader: null, cgj: null, wall: null, source: null, anonymous: null, garbage: 'not-a-real-token-0123456789' };
  for (const [who, user] of Object.entries(DEMO_USERS)) tokens[who as Who] = await login(s.url, user);
  const admin = tokens.admin!;
  const started = (await api(s.url, 'POST', '/api/v1/pairing', null)).body as { id: string; code: string; secret: string };
  await api(s.url, 'POST', '/api/v1/displays', admin, { code: started.code, name: 'Fuzz wall' });
  const collected = await fetch(`${s.url}/api/v1/pairing/${started.id}/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ secret: started.secret }) });
  tokens.wall = /cw_display=([^;]+)/.exec(collected.headers.get('set-cookie') ?? '')?.[1] ?? null;
  tokens.source = ((await api(s.url, 'POST', '/api/v1/sources', admin, { name: 'Fuzz source' })).body as { key: string }).key;
  const profile = (await api(s.url, 'GET', '/api/v1/profile', admin)).body as { divisions: { code: string }[] };
  const departments = ((await api(s.url, 'GET', '/api/v1/departments', admin)).body as { id: string }[]).map((d) => d.id);
  const metrics = ((await api(s.url, 'GET', '/api/v1/catalogue', admin)).body as { id: string }[]).map((m) => m.id);
  const divisions = profile.divisions.map((d) => d.code);
  const cases: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await api(s.url, 'POST', '/api/v1/cases', tokens.officer, { title: `模糊测试 ${i}`, description: 'fuzz', channel: 'grid_inspector', category: 'city_appearance', urgency: 'normal', division: divisions[i]!, location: [111.48, 27.23] });
    cases.push((r.body as { id: string }).id);
  }
  const reg = await api(s.url, 'POST', `/api/v1/cases/${cases[0]}/commands`, tokens.officer, { caseId: cases[0], expectedVersion: 1, action: 'register', comment: 'fuzz' });
  await api(s.url, 'POST', `/api/v1/cases/${cases[0]}/commands`, tokens.officer, { caseId: cases[0], expectedVersion: (reg.body as { version: number }).version, action: 'dispatch', department: 'cgj', comment: 'fuzz' });
  const e = await api(s.url, 'POST', '/api/v1/emergencies', tokens.shift, { title: '模糊测试事故', category: 'accident', subtype: 'road_traffic', level: 4, reason: 'fuzz', location: [111.45, 27.22], division: divisions[0] });
  const emergency = (e.body as { emergency?: { id: string } }).emergency?.id;
  if (emergency === undefined) throw new Error(`seeding: emergency not declared: ${JSON.stringify(e.body)}`);
  const emergencies = [emergency];
  const users = ((await api(s.url, 'GET', '/api/v1/users', admin)).body as { id: string }[]).map((u) => u.id);
  const creds = [
    ...((await api(s.url, 'GET', '/api/v1/sources', admin)).body as { id: string }[]),
    ...((await api(s.url, 'GET', '/api/v1/displays', admin)).body as { id: string }[]),
  ].map((c) => c.id);
  for (const [who, token] of Object.entries(tokens)) if (token === null && who !== 'anonymous') throw new Error(`seeding: no credential for ${who}`);
  return { tokens, known: { cases, emergencies, metrics, departments, divisions, protected: new Set([...users, ...creds]) } };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The state once an accepted write's own after-effects have landed (an emergency's
 * notifications are recorded when the notifier answers), so they are not blamed on the
 * refused request that follows.
 */
async function settled(state: () => Promise<string>): Promise<string> {
  let last = await state();
  for (let i = 0; i < 50; i++) {
    await sleep(20);
    const now = await state();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/**
 * Fields that move without any write: when a credential was last used (bookkeeping of the
 * request itself) and how much of a case's time limit is used up (computed from the clock).
 */
const VOLATILE = new Set(['lastSeenAt', 'lastLoginAt', 'lastUsedAt', 'fractionUsed', 'light', 'overdue']);

/** Everything a write could change, read as administrator and shift leader, hashed. */
export async function fingerprint(url: string, tokens: Record<Who, string | null>, cases: readonly string[], nextCase: string, system: () => string): Promise<string> {
  const reads: [string, string][] = [
    ['/api/v1/users', tokens.admin!],
    ['/api/v1/sources', tokens.admin!],
    ['/api/v1/displays', tokens.admin!],
    ['/api/v1/departments', tokens.admin!],
    ['/api/v1/catalogue', tokens.admin!],
    ['/api/v1/emergencies', tokens.shift!],
    ...cases.map((id): [string, string] => [`/api/v1/cases/${id}`, tokens.shift!]),
    [`/api/v1/cases/${nextCase}`, tokens.shift!],
  ];
  const texts = await Promise.all(reads.map(async ([p, t]) => {
    const res = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${t}` } });
    return `${p} ${res.status} ${JSON.stringify(JSON.parse(await res.text(), (key, value: unknown) => (VOLATILE.has(key) ? undefined : value)))}`;
  }));
  return createHash('sha256').update(texts.join('\n')).update(system()).digest('hex');
}

/** The id the server gives the next case (C<local date>-<n>), to notice a refused report that opened one. */
export function nextCaseId(lastId: string): string {
  const m = /^(C\d{8}-)(\d+)$/.exec(lastId);
  return m === null ? lastId : `${m[1]}${String(Number(m[2]) + 1).padStart(m[2]!.length, '0')}`;
}

async function send(url: string, r: FuzzRequest): Promise<number | 'network_error'> {
  try {
    const headers: Record<string, string> = { ...r.headers };
    if (r.authorization !== null) headers['authorization'] = r.authorization;
    if (r.payload.contentType !== undefined) headers['content-type'] = r.payload.contentType;
    const res = await fetch(`${url}${r.path}`, {
      method: r.method,
      headers,
      ...(r.payload.text === undefined || r.method === 'GET' || r.method === 'HEAD' ? {} : { body: r.payload.text }),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'network_error';
  }
}

/** One socket session: connect as someone, send the messages, then a ping that must be answered (or the socket closed). */
async function runSession(url: string, session: SocketSession, tokens: Record<Who, string | null>, onInternal: (detail: string) => void): Promise<'answered' | 'closed' | 'refused' | 'silent'> {
  const token = tokens[session.who];
  const socket: Socket = io(url, {
    auth: { protocol: PROTOCOL_VERSION, ...(token === null ? {} : { token }), ...session.auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  try {
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected) return 'refused';
    socket.on('protocol_error', (e: { code?: string; message?: string }) => {
      if (e?.code === 'internal_error') onInternal(`${e.code}: ${e.message}`);
    });
    for (const m of session.messages) {
      if (!socket.connected) break;
      if ('raw' in m) (socket.io.engine as unknown as { write(d: string | Uint8Array): void }).write(m.raw);
      else if (RESERVED.has(m.event)) (socket.io.engine as unknown as { write(d: string): void }).write(`2${JSON.stringify([m.event, ...m.args])}`);
      else socket.emit(m.event, ...m.args);
    }
    if (!socket.connected) return 'closed';
    const PING = 987_654;
    return await new Promise<'answered' | 'closed' | 'silent'>((resolve) => {
      // A raw disconnect packet leaves the server's side closed without telling the client.
      const timer = setTimeout(() => resolve('silent'), session.messages.some((m) => 'raw' in m) ? 3_000 : 15_000);
      socket.on('pong', (p: { id?: number }) => p?.id === PING && (clearTimeout(timer), resolve('answered')));
      socket.once('disconnect', () => (clearTimeout(timer), resolve('closed')));
      // Rate-limited sockets drop the ping; they are answered with protocol_error instead.
      socket.on('protocol_error', (e: { code?: string }) => e?.code === 'rate_limited' && (clearTimeout(timer), resolve('answered')));
      socket.emit('ping', { id: PING });
    });
  } finally {
    socket.close();
  }
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const failures: Failure[] = [];
  const fail = (f: Failure) => failures.length < 20 && failures.push({ ...f, body: f.body?.slice(0, 500) });
  let crashes = 0;
  const onCrash = (err: unknown) => {
    crashes += 1;
    fail({ kind: 'crash', detail: String((err as Error)?.stack ?? err) });
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STORAGE: 'memory',
    SIMULATOR: 'off',
    DEMO: 'on',
    WRITE_RATE_LIMIT: '10000000',
    // The fuzzer's anonymous callers must reach every route; the limiter has its own tests.
    ANON_RATE_LIMIT: '10000000',
    // No clock-driven case or emergency changes during the run: every change is a request's.
    CASE_TICK_MS: '600000',
    WEB_DIST: path.join(os.tmpdir(), 'cw-no-web'),
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  const statuses: Record<string, number> = {};
  let http = 0;
  let socketCases = 0;
  let fiveHundreds = 0;
  let stateChanged = 0;
  let refusalsChecked = 0;
  try {
    const { tokens, known } = await seed(server);
    // The system topic (operating mode) has no HTTP read: a watcher counts its deltas.
    let systemDeltas = 0;
    const watcher = io(server.url, { auth: { protocol: PROTOCOL_VERSION, token: tokens.shift }, transports: ['websocket'] });
    watcher.on('connect', () => watcher.emit('subscribe', { topic: 'system' }));
    watcher.on('deltas', (batch) => (systemDeltas += batch.deltas.length));
    const tracked = [...known.cases];
    let lastCase = known.cases[known.cases.length - 1]!;
    const state = () => fingerprint(server.url, tokens, tracked.slice(-8), nextCaseId(lastCase), () => String(systemDeltas));
    const heapStartMB = heapMB();

    const httpRuns = Math.round(opts.runs * 0.7);
    const socketRuns = opts.runs - httpRuns;
    const reqArb = requestArbitrary(known, tokens);
    const CHUNK = 200;
    let before: string | null = null;
    for (let chunk = 0; http < httpRuns; chunk++) {
      const batch = fc.sample(reqArb, { numRuns: Math.min(CHUNK, httpRuns - http), seed: opts.seed + chunk });
      for (const r of batch) {
        const mutating = MUTATING.has(r.method);
        if (mutating && before === null) before = await settled(state);
        const status = await send(server.url, r);
        http += 1;
        const key = String(status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        const describe = { method: r.method, path: r.path.slice(0, 300), who: r.who, body: r.payload.text?.slice(0, 500) ?? '' };
        if (typeof status === 'number' && status >= 500) {
          fiveHundreds += 1;
          fail({ kind: '5xx', status, ...describe });
        }
        if (!mutating) continue;
        if (typeof status === 'number' && status >= 200 && status < 300) {
          before = null;
          if (r.path === '/api/v1/cases') {
            // A new case: track it, and expect the next id after it.
            const latest = await fetch(`${server.url}/api/v1/cases/${nextCaseId(lastCase)}`, { headers: { authorization: `Bearer ${tokens.shift}` } });
            if (latest.ok) {
              lastCase = nextCaseId(lastCase);
              tracked.push(lastCase);
            }
          }
          continue;
        }
        // Refused (4xx or a dropped connection): nothing may have changed.
        const after = await state();
        refusalsChecked += 1;
        if (after !== before) {
          stateChanged += 1;
          fail({ kind: 'state_changed', status: typeof status === 'number' ? status : 0, ...describe });
        }
        before = after;
      }
      if (chunk % 10 === 9) {
        opts.log(`http ${http}/${httpRuns}: ${fiveHundreds} 5xx, ${stateChanged} refusals changed state, heap ${heapMB()} MB`);
        const health = await send(server.url, { method: 'GET', path: '/healthz', who: 'anonymous', authorization: null, headers: {}, payload: {} });
        if (health !== 200) onCrash(new Error(`/healthz answered ${health} after ${http} requests`));
      }
    }

    const sessionArb = socketArbitrary(known);
    const outcomes: Record<string, number> = {};
    for (let chunk = 0; socketCases < socketRuns; chunk++) {
      for (const session of fc.sample(sessionArb, { numRuns: 50, seed: opts.seed + 1_000_000 + chunk })) {
        if (socketCases >= socketRuns) break;
        const messages = session.messages.slice(0, socketRuns - socketCases);
        const outcome = await runSession(server.url, { ...session, messages }, tokens, (detail) => {
          fiveHundreds += 1;
          fail({ kind: 'internal_error', who: session.who, detail, body: JSON.stringify(messages.map((m) => ('raw' in m ? { raw: String(m.raw) } : m))) });
        });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        socketCases += messages.length;
      }
      opts.log(`socket ${socketCases}/${socketRuns}: ${JSON.stringify(outcomes)}, heap ${heapMB()} MB`);
      const health = await send(server.url, { method: 'GET', path: '/api/v1/time', who: 'admin', authorization: `Bearer ${tokens.admin}`, headers: {}, payload: {} });
      if (health !== 200) onCrash(new Error(`/api/v1/time answered ${health} after ${socketCases} socket messages`));
    }
    statuses['socket_sessions'] = Object.values(outcomes).reduce((a, b) => a + b, 0);
    watcher.close();
    await sleep(200);
    const heapEndMB = heapMB();
    const prototypePolluted = ({} as Record<string, unknown>)['polluted'] !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    return {
      cases: http + socketCases,
      http,
      socket: socketCases,
      fiveHundreds,
      crashes,
      stateChangedByRefusals: stateChanged,
      refusalsChecked,
      statuses,
      prototypePolluted,
      heapStartMB,
      heapEndMB,
      heapBounded: heapEndMB <= 2 * heapStartMB + 64,
      failures,
      seed: opts.seed,
      ms: Date.now() - started,
    };
  } finally {
    await server.stop();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2), { runs: 100_000, seed: Date.now() % 1_000_000 });
  const r = await runFuzz({ runs: flags.runs, seed: flags.seed, log: (line) => process.stderr.write(`${line}\n`) });
  if (r.failures.length > 0) process.stderr.write(`failures:\n${r.failures.map((f) => JSON.stringify(f)).join('\n')}\n`);
  const { failures: _f, ...summary } = r;
  console.log(JSON.stringify(summary));
  const ok = r.fiveHundreds === 0 && r.crashes === 0 && r.stateChangedByRefusals === 0 && r.heapBounded && !r.prototypePolluted;
  process.exit(ok ? 0 : 1);
}
