import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { airReading, call, login, postEvents, startTestServer } from '../testing/harness.ts';
import { registerErrorHandler } from './errors.ts';
import { useZodSchemas } from './openapi.ts';

let s: RunningServer;
let admin: string;
let officer: string;
beforeAll(async () => {
  s = await startTestServer({ SIM_BACKFILL_DAYS: '0' });
  admin = await login(s, 'admin');
  officer = await login(s, 'officer');
}, 60_000);
afterAll(async () => s?.stop());

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
}

describe('the OpenAPI document', () => {
  it('is served to anyone signed in, and to nobody else', async () => {
    expect((await call(s, 'GET', '/api/v1/openapi.json', undefined)).status).toBe(401);
    const r = await call(s, 'GET', '/api/v1/openapi.json', officer);
    expect(r.status).toBe(200);
    expect((r.body as unknown as OpenApiDoc).openapi).toBe('3.1.0');
  });

  it('documents every API route, with the bodies, parameters and refusals the routes check', async () => {
    const doc = (await call(s, 'GET', '/api/v1/openapi.json', officer)).body as unknown as OpenApiDoc;
    // Written from docs/ (README's API table, dispatch.md, emergency.md, security.md), not from the code.
    const expected: [string, string][] = [
      ['get', '/api/v1/profile'], ['get', '/api/v1/profile/divisions.geojson'], ['get', '/api/v1/wall'], ['get', '/api/v1/time'], ['get', '/api/v1/map/tiles'],
      ['post', '/api/v1/events'], ['post', '/api/v1/ingest'], ['get', '/api/v1/metrics/{id}/history'], ['get', '/api/v1/air/daily'],
      ['get', '/api/v1/alerts'], ['post', '/api/v1/alerts/{id}/acknowledge'], ['post', '/api/v1/alerts/acknowledge'], ['post', '/api/v1/alerts/{id}/case'], ['post', '/api/v1/alerts/{id}/emergency'],
      ['post', '/api/v1/cases'], ['get', '/api/v1/cases/{id}'], ['post', '/api/v1/cases/{id}/commands'], ['post', '/api/v1/cases/{id}/instructions'],
      ['post', '/api/v1/cases/{id}/photos'], ['get', '/api/v1/cases/{id}/photos/{photoId}'],
      ['get', '/api/v1/dispatch/assessment/{month}'], ['get', '/api/v1/dispatch/assessment/{month}/xlsx'], ['get', '/api/v1/dispatch/assessment/{month}/pdf'],
      ['get', '/api/v1/emergencies'], ['post', '/api/v1/emergencies'], ['get', '/api/v1/emergencies/{id}'], ['get', '/api/v1/emergencies/{id}/resources'], ['get', '/api/v1/emergencies/{id}/document.pdf'], ['post', '/api/v1/emergencies/{id}/commands'],
      ['get', '/api/v1/catalogue'], ['put', '/api/v1/thresholds/{id}'], ['get', '/api/v1/departments'], ['put', '/api/v1/departments/{id}'], ['put', '/api/v1/system/mode'],
      ['post', '/api/v1/auth/login'], ['post', '/api/v1/auth/logout'], ['get', '/api/v1/auth/me'], ['get', '/api/v1/auth/whoami'], ['post', '/api/v1/auth/password'], ['get', '/api/v1/auth/demo'],
      ['post', '/api/v1/pairing'], ['post', '/api/v1/pairing/{id}/collect'], ['get', '/api/v1/displays'], ['post', '/api/v1/displays'], ['delete', '/api/v1/displays/{id}'],
      ['get', '/api/v1/sources'], ['post', '/api/v1/sources'], ['delete', '/api/v1/sources/{id}'],
      // docs/ingest.md: NGSI-LD in and out, and provenance.
      ['post', '/api/v1/ngsi-ld/notify'], ['get', '/ngsi-ld/v1/entities'], ['get', '/ngsi-ld/v1/entities/{id}'], ['get', '/ngsi-ld/v1/context.jsonld'], ['get', '/ngsi-ld/v1/types'],
      ['post', '/ngsi-ld/v1/subscriptions'], ['get', '/ngsi-ld/v1/subscriptions'], ['get', '/ngsi-ld/v1/subscriptions/{id}'], ['delete', '/ngsi-ld/v1/subscriptions/{id}'], ['get', '/api/v1/provenance'],
      ['get', '/api/v1/users'], ['post', '/api/v1/users'], ['patch', '/api/v1/users/{id}'], ['get', '/api/v1/audit'],
      ['post', '/api/v1/admin/backup'], ['get', '/healthz'], ['get', '/readyz'],
      ['get', '/api/v1/briefings'], ['get', '/api/v1/briefings/{day}'], ['get', '/api/v1/briefings/{day}/pdf'], ['post', '/api/v1/briefings/{day}/compile'],
    ];
    for (const [method, path] of expected) expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(expected.map(([m, p]) => `${m} ${p}`).sort());

    const ingest = doc.paths['/api/v1/events']!['post']!;
    const body = JSON.stringify(ingest.requestBody?.content['application/json']?.schema);
    // The raw-event union names its kinds; the batch bounds its size.
    for (const kind of ['air.reading', 'hotline.call', 'tourism.gate']) expect(body).toContain(kind);
    expect(body).toContain('"maxItems":5000');
    expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['202', '4XX']));
    // The streamed route declares the headers it reads and its per-line report.
    const streamed = doc.paths['/api/v1/ingest']!['post']!;
    expect(streamed.parameters?.filter((p) => p.in === 'header').map((p) => p.name).sort()).toEqual(['content-encoding', 'content-type']);
    expect(Object.keys(streamed.responses)).toEqual(expect.arrayContaining(['202', '422', '4XX']));
    const history = doc.paths['/api/v1/metrics/{id}/history']!['get']!;
    expect(history.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['path:id', 'query:from', 'query:scope', 'query:to', 'query:window']);
  });

  it('has a browsable UI for administrators only', async () => {
    const page = await fetch(`${s.url}/api/docs/`, { headers: { authorization: `Bearer ${admin}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(`${s.url}/api/docs/`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(403);
    expect((await fetch(`${s.url}/api/docs/json`)).status).toBe(401);
  });
});

describe('validation through the schemas', () => {
  it('refuses a bad batch with the issues and stores nothing of it', async () => {
    const good = airReading('430502', s.clock.now() - 60_000, 35, 'openapi-test-good');
    const r = await postEvents(s, [good, { kind: 'air_reading', id: 'openapi-test-bad', ts: 'yesterday' }]);
    expect(r.status).toBe(400);
    expect(r.body['error']).toBe('bad_request');
    expect(r.body['message']).toBe('invalid body');
    const issues = r.body['issues'] as { path: string[]; code: string; message: string }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.path[0] === 'events' && i.path[1] === '1' && i.message.length > 0)).toBe(true);
    // The good event of the refused batch was not kept: alone it is new, not a duplicate.
    expect((await postEvents(s, [good])).body).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('refuses a bad query naming the parameter', async () => {
    const r = await call(s, 'GET', '/api/v1/metrics/gov.received/history?window=2h&from=0&to=1', officer);
    expect(r.status).toBe(400);
    expect(r.body['message']).toBe('invalid query');
    expect((r.body['issues'] as { path: string[] }[]).map((i) => i.path[0])).toEqual(['window']);
  });

  it('checks who is asking before it looks at the body', async () => {
    const anonymous = await call(s, 'POST', '/api/v1/events', undefined, { nonsense: true });
    expect(anonymous.status).toBe(401);
    const officerIngest = await call(s, 'POST', '/api/v1/events', officer, { nonsense: true });
    expect(officerIngest.status).toBe(403);
    const command = await call(s, 'POST', '/api/v1/cases/C1/commands', undefined, { nonsense: true });
    expect(command.status).toBe(401);
  });

  it('answers malformed JSON and oversized bodies with a clear client error', async () => {
    const broken = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'bad_request' });
    const huge = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('the one error handler', () => {
  it('answers a reply that breaks its own schema, or a thrown error, with a bare 500', async () => {
    const app = Fastify({ logger: false });
    useZodSchemas(app);
    registerErrorHandler(app);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.get('/wrong', { schema: { response: { 200: z.object({ n: z.number() }) } } }, async () => ({ n: 'not a number' }) as unknown as { n: number });
    typed.get('/throws', async () => {
      throw new Error('secret detail: /var/lib/city-window/store.sqlite');
    });
    const wrong = await app.inject({ method: 'GET', url: '/wrong' });
    expect(wrong.statusCode).toBe(500);
    expect(wrong.json()).toEqual({ error: 'internal', message: 'internal error' });
    const thrown = await app.inject({ method: 'GET', url: '/throws' });
    expect(thrown.statusCode).toBe(500);
    expect(thrown.body).not.toContain('secret');
    await app.close();
  });
});
