import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { call, cleanupAfterEach, login, sourceKey, startTestServer, tempDataDir } from '../testing/harness.ts';

/**
 * The read side of NGSI-LD on example-city: queries (q, attrs, idPattern), the types, and
 * subscriptions notified by a real HTTP receiver on 127.0.0.1. Request bodies are written
 * as ETSI GS CIM 009 gives them (§5.2.12 Subscription); expected figures are counted by hand
 * from the events the test sends.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE_CITY = path.join(here, '../../../../profiles/example-city');
const ALARMS = 'safety.landslide_alarms_today';
const SOUTH_ALARMS = `urn:ngsi-ld:CityVitalSign:ex-south:${ALARMS}`;
const CITY_ALARMS = `urn:ngsi-ld:CityVitalSign:city:${ALARMS}`;
const ERR = 'https://uri.etsi.org/ngsi-ld/errors/';

const { server, cleanups } = cleanupAfterEach();

/** Landslide alarms in the south county, sent as a registered source would. */
async function alarms(s: RunningServer, key: string, ids: string[]) {
  const now = s.clock.now();
  const body = ids.map((id) => JSON.stringify({ kind: 'geo.landslide', id, ts: now - 1000, division: 'ex-south', values: { displacement: 12, alarm: 1 } })).join('\n');
  const r = await fetch(`${s.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` }, body });
  expect(r.status).toBe(202);
}

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function ngsi(s: RunningServer, token: string, url: string) {
  const res = await fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

/** A notification receiver on 127.0.0.1: records each POST; `answer` chooses each reply's status. */
async function receiver(answer: (n: number) => number = () => 204) {
  const got: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  const srv = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      res.statusCode = answer(got.length);
      res.end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => srv.close(() => r())));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/notify`, got };
}

async function subscribe(s: RunningServer, token: string, body: unknown, contentType = 'application/ld+json') {
  const res = await fetch(`${s.url}/ngsi-ld/v1/subscriptions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, location: res.headers.get('location'), body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

describe('NGSI-LD queries: q, attrs, idPattern, types', () => {
  it('filters by q and attrs, pages with a count, and lists the types', async () => {
    const s = await server({ CITY_PROFILE: EXAMPLE_CITY });
    const key = await sourceKey(s);
    await alarms(s, key, ['q1', 'q2']);
    const token = await login(s, 'officer');
    // Two alarms today in the south county, and so in the city; none elsewhere.
    const hits = await poll(async () => {
      const r = await ngsi(s, token, `/ngsi-ld/v1/entities?type=CityVitalSign&q=${encodeURIComponent(`metric=="${ALARMS}";value>=2`)}&options=keyValues&count=true`);
      return (r.body as unknown[]).length === 2 ? r : undefined;
    }, 'two scopes with two alarms');
    expect(hits.headers.get('ngsild-results-count')).toBe('2');
    expect((hits.body as { id: string; value: number }[]).map((e) => [e.id, e.value]).sort()).toEqual([
      [CITY_ALARMS, 2],
      [SOUTH_ALARMS, 2],
    ]);
    // A range, an OR, and a list.
    const range = await ngsi(s, token, `/ngsi-ld/v1/entities?q=${encodeURIComponent(`metric=="${ALARMS}";(value==1..3|scope=="ex-north","nowhere")`)}&options=keyValues`);
    expect((range.body as { id: string }[]).map((e) => e.id).sort()).toEqual([CITY_ALARMS, 'urn:ngsi-ld:CityVitalSign:ex-north:safety.landslide_alarms_today', SOUTH_ALARMS]);

    // attrs: only those attributes (id and type always), normalized.
    const picked = await ngsi(s, token, `/ngsi-ld/v1/entities?id=${encodeURIComponent(SOUTH_ALARMS)}&attrs=value,scope`);
    expect(picked.body).toEqual([{ id: SOUTH_ALARMS, type: 'CityVitalSign', value: { type: 'Property', value: 2, observedAt: expect.any(String) }, scope: { type: 'Property', value: 'ex-south' } }]);
    // idPattern: every figure of the south county.
    const south = await ngsi(s, token, `/ngsi-ld/v1/entities?idPattern=${encodeURIComponent('^urn:ngsi-ld:CityVitalSign:ex-south:')}&count=true&limit=0`);
    const catalogue = (await call(s, 'GET', '/api/v1/catalogue', token)).body as unknown as unknown[];
    expect(south.headers.get('ngsild-results-count')).toBe(String(catalogue.length));
    expect(south.body).toEqual([]);

    const bad = await ngsi(s, token, `/ngsi-ld/v1/entities?type=CityVitalSign&q=${encodeURIComponent('value>')}`);
    expect(bad).toMatchObject({ status: 400, body: { type: `${ERR}BadRequestData`, detail: 'a value expected at character 7' } });
    expect((await ngsi(s, token, '/ngsi-ld/v1/entities?attrs=value%20x')).status).toBe(400);
    // A pattern that could backtrack for minutes over every id is refused before it runs.
    const evil = await ngsi(s, token, `/ngsi-ld/v1/entities?idPattern=${encodeURIComponent('^(u+)+$')}`);
    expect(evil).toMatchObject({ status: 400, body: { type: `${ERR}BadRequestData`, detail: 'idPattern may not use groups' } });

    // Two alarms reach the blue level: an Alert exists, so both types are listed.
    const types = await poll(async () => {
      const r = await ngsi(s, token, '/ngsi-ld/v1/types');
      return (r.body as { typeList: string[] }).typeList.length === 2 ? r.body : undefined;
    }, 'both types');
    expect(types).toMatchObject({ type: 'EntityTypeList', typeList: ['CityVitalSign', 'Alert'] });
    expect((types as { id: string }).id).toMatch(/^urn:ngsi-ld:EntityTypeList:/);
    const details = (await ngsi(s, token, '/ngsi-ld/v1/types?details=true')).body as { id: string; type: string; typeName: string; attributeNames: string[] }[];
    expect(details.find((d) => d.typeName === 'Alert')).toEqual(expect.objectContaining({ id: 'https://smartdatamodels.org/dataModel.Alert/Alert', type: 'EntityType', attributeNames: expect.arrayContaining(['severity', 'category', 'dateIssued']) }));
  });
});

describe('NGSI-LD subscriptions', () => {
  it('notifies a receiver on 127.0.0.1 when the watched figure changes: spec-shaped, its headers, throttled, status shown', async () => {
    const s = await server({ CITY_PROFILE: EXAMPLE_CITY, NGSI_NOTIFY_ALLOW: '127.0.0.1' });
    const key = await sourceKey(s);
    const admin = await login(s, 'admin');
    const rx = await receiver();
    const sub = {
      id: 'urn:ngsi-ld:Subscription:landslide-south',
      type: 'Subscription',
      entities: [{ id: SOUTH_ALARMS, type: 'CityVitalSign' }],
      watchedAttributes: ['value'],
      notification: { attributes: ['value', 'status'], format: 'keyValues', endpoint: { uri: rx.url, accept: 'application/json', receiverInfo: [{ key: 'X-Receiver-Key', value: 'k-17' }] } },
      throttling: 1,
      '@context': ['https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'],
    };
    const created = await subscribe(s, admin, sub);
    expect(created).toEqual({ status: 201, location: '/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:landslide-south', body: null });

    await alarms(s, key, ['n1']);
    const first = await poll(async () => rx.got[0], 'the first notification');
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['link']).toBe(`<${s.url}/ngsi-ld/v1/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`);
    expect(first.headers['x-receiver-key']).toBe('k-17');
    expect(first.body).toEqual({
      id: expect.stringMatching(/^urn:ngsi-ld:Notification:/),
      type: 'Notification',
      subscriptionId: 'urn:ngsi-ld:Subscription:landslide-south',
      notifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: [{ id: SOUTH_ALARMS, type: 'CityVitalSign', value: 1, status: expect.any(String) }],
    });

    // A second alarm: the value becomes 2, told at least a second (throttling) after the first.
    await alarms(s, key, ['n2']);
    const second = await poll(async () => rx.got.find((g) => (g.body['data'] as { value: number }[])[0]!.value === 2), 'the second notification');
    expect(second.body['subscriptionId']).toBe('urn:ngsi-ld:Subscription:landslide-south');
    // Unthrottled it would follow within a tick or two (100 ms each here).
    expect(Date.parse(second.body['notifiedAt'] as string) - Date.parse(first.body['notifiedAt'] as string)).toBeGreaterThanOrEqual(1000);

    const read = await ngsi(s, admin, '/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:landslide-south');
    expect(read.body).toMatchObject({
      id: 'urn:ngsi-ld:Subscription:landslide-south',
      type: 'Subscription',
      entities: [{ id: SOUTH_ALARMS, type: 'CityVitalSign' }],
      watchedAttributes: ['value'],
      throttling: 1,
      isActive: true,
      status: 'active',
      notification: { format: 'keyValues', attributes: ['value', 'status'], status: 'ok', timesSent: rx.got.length, lastSuccess: expect.any(String) },
    });
    const listed = await ngsi(s, admin, '/ngsi-ld/v1/subscriptions?count=true');
    expect(listed.headers.get('ngsild-results-count')).toBe('1');

    expect((await fetch(`${s.url}/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:landslide-south`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } })).status).toBe(204);
    expect((await ngsi(s, admin, '/ngsi-ld/v1/subscriptions/urn:ngsi-ld:Subscription:landslide-south')).body).toMatchObject({ type: `${ERR}ResourceNotFound` });
  });

  it('retries a failed notification, then succeeds; application/ld+json carries the @context in the body', async () => {
    const s = await server({ CITY_PROFILE: EXAMPLE_CITY, NGSI_NOTIFY_ALLOW: '127.0.0.1' });
    const key = await sourceKey(s);
    const admin = await login(s, 'admin');
    // The receiver is down for the first attempt.
    const rx = await receiver((n) => (n === 1 ? 503 : 200));
    const created = await subscribe(
      s,
      admin,
      { type: 'Subscription', entities: [{ type: 'CityVitalSign', idPattern: `:${ALARMS.replace(/\./g, '\\.')}$` }], q: 'scope=="city"', notification: { endpoint: { uri: rx.url, accept: 'application/ld+json' } } },
      'application/json',
    );
    expect(created.status).toBe(201);
    expect(created.location).toMatch(/^\/ngsi-ld\/v1\/subscriptions\/urn:ngsi-ld:Subscription:/);
    await alarms(s, key, ['r1']);
    await poll(async () => (rx.got.length >= 2 ? true : undefined), 'the retry');
    expect(rx.got[1]!.body).toEqual(rx.got[0]!.body);
    expect(rx.got[1]!.headers['content-type']).toBe('application/ld+json');
    expect(rx.got[1]!.body).toMatchObject({ '@context': `${s.url}/ngsi-ld/v1/context.jsonld`, data: [{ id: CITY_ALARMS, type: 'CityVitalSign', value: { type: 'Property', value: 1 } }] });
    const read = (await ngsi(s, admin, created.location!)).body as { notification: Record<string, unknown> };
    expect(read.notification).toMatchObject({ status: 'ok', timesSent: 2, lastFailure: expect.any(String), lastSuccess: expect.any(String) });
  });

  it('refuses bad subscriptions with 400 and the spec’s error type, storing nothing; only administrators subscribe', async () => {
    // The default NGSI_NOTIFY_ALLOW (public): loopback and other special addresses are refused.
    const s = await server({ CITY_PROFILE: EXAMPLE_CITY });
    const admin = await login(s, 'admin');
    const good = { type: 'Subscription', entities: [{ type: 'Alert' }], notification: { endpoint: { uri: 'http://127.0.0.1:1026/notify' } }, '@context': 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld' };
    const cases: [unknown, string, string][] = [
      [good, 'BadRequestData', 'notification endpoint 127.0.0.1:1026 resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it'],
      [{ ...good, notification: { endpoint: { uri: 'http://169.254.169.254/latest/meta-data' } } }, 'BadRequestData', 'notification endpoint 169.254.169.254 resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it'],
      [{ ...good, notification: { endpoint: { uri: 'http://[::1]:8080/' } } }, 'BadRequestData', 'notification endpoint [::1]:8080 resolves to a non-public address; list it in NGSI_NOTIFY_ALLOW to allow it'],
      [{ ...good, watchedAttributes: [] }, 'BadRequestData', 'watchedAttributes: Too small: expected array to have >=1 items'],
      [{ type: 'Subscription', notification: good.notification, '@context': good['@context'] }, 'BadRequestData', 'give entities or watchedAttributes (or both)'],
      [{ ...good, entities: [{ type: 'ParkingSpot' }] }, 'BadRequestData', 'entity type ParkingSpot is not served here (CityVitalSign, Alert)'],
      [{ ...good, q: 'severity=="high' }, 'BadRequestData', 'q: unterminated string at character 11'],
      [{ ...good, timeInterval: 60 }, 'BadRequestData', 'not offered here: timeInterval'],
      [{ ...good, notification: { endpoint: { uri: 'file:///etc/passwd' } } }, 'BadRequestData', 'notification.endpoint.uri: an http or https URL'],
      ['{"type": "Subscription", ', 'InvalidRequest', 'body is not valid JSON'],
    ];
    for (const [body, type, detail] of cases) {
      const r = await subscribe(s, admin, body, 'application/ld+json');
      expect({ status: r.status, body: r.body }).toEqual({ status: 400, body: { type: `${ERR}${type}`, title: expect.any(String), detail } });
    }
    // application/ld+json without its @context.
    const { '@context': _context, ...bare } = good;
    expect((await subscribe(s, admin, { ...bare, notification: { endpoint: { uri: 'https://broker.city.example/notify' } } }, 'application/ld+json')).body).toMatchObject({
      type: `${ERR}BadRequestData`,
      detail: 'an application/ld+json body carries its @context',
    });
    expect((await ngsi(s, admin, '/ngsi-ld/v1/subscriptions')).body).toEqual([]);
    // Not an administrator: refused, nothing stored.
    const officer = await login(s, 'officer');
    expect((await subscribe(s, officer, good, 'application/json')).status).toBe(403);
    expect((await ngsi(s, officer, '/ngsi-ld/v1/subscriptions')).status).toBe(403);
    expect((await ngsi(s, admin, '/ngsi-ld/v1/subscriptions')).body).toEqual([]);
  });

  it('keeps subscriptions across a restart (SQLite) and refuses a taken id with 409 AlreadyExists', async () => {
    const dir = tempDataDir();
    const env = { CITY_PROFILE: EXAMPLE_CITY, NGSI_NOTIFY_ALLOW: 'public 127.0.0.1:1026', DATA_DIR: dir };
    const a = await startTestServer(env);
    const admin = await login(a, 'admin');
    const body = { id: 'urn:ngsi-ld:Subscription:kept', type: 'Subscription', watchedAttributes: ['severity'], notification: { endpoint: { uri: 'http://127.0.0.1:1026/ngsi-ld/v1/notify' } } };
    expect((await subscribe(a, admin, body, 'application/json')).status).toBe(201);
    expect((await subscribe(a, admin, { ...body, notification: { endpoint: { uri: 'http://127.0.0.1:1026/other' } } }, 'application/json')).body).toMatchObject({ type: `${ERR}AlreadyExists` });
    // The port is part of the allowance.
    expect((await subscribe(a, admin, { ...body, id: 'urn:ngsi-ld:Subscription:other-port', notification: { endpoint: { uri: 'http://127.0.0.1:1027/' } } }, 'application/json')).status).toBe(400);
    await a.stop();
    const b = await server(env);
    const read = await ngsi(b, await login(b, 'admin'), '/ngsi-ld/v1/subscriptions');
    expect((read.body as { id: string; notification: { endpoint: { uri: string } } }[]).map((x) => [x.id, x.notification.endpoint.uri])).toEqual([['urn:ngsi-ld:Subscription:kept', 'http://127.0.0.1:1026/ngsi-ld/v1/notify']]);
  });
});
