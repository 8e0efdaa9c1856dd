import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { cleanupAfterEach, login, sourceKey } from '../testing/harness.ts';

/**
 * NGSI-LD both ways, on example-city. The entity bodies in fixtures/ are the Smart Data
 * Models' published examples, byte for byte (see fixtures/README.md for each file's
 * repository, path and commit); the Notification around them is ETSI GS CIM 009 §5.3.1's.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const exampleCity = path.join(here, '../../../../profiles/example-city');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(here, 'fixtures', name), 'utf8')) as Record<string, unknown>;

/** example-city, plus metrics over the Smart Data Models' kinds and the examples' entities placed in the city. */
function testProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-ngsi-'));
  for (const f of ['profile.json', 'divisions.geojson']) fs.copyFileSync(path.join(exampleCity, f), path.join(dir, f));
  const kinds = JSON.parse(fs.readFileSync(path.join(exampleCity, 'kinds.json'), 'utf8')) as { metrics: unknown[]; ngsi: { entities: Record<string, unknown> } };
  const today = (id: string, series: string, agg: string) => ({
    id,
    domain: 'safety',
    name: { zh: id, en: id },
    unit: { zh: '', en: '' },
    decimals: 2,
    compute: { kind: 'window', series, agg, window: 'today' },
    staleAfterSec: 86_400 * 3650,
  });
  kinds.metrics.push(
    today('test.traffic_vehicles', 'traffic.flow.intensity', 'sum'),
    today('test.traffic_speed', 'traffic.flow.speed', 'mean'),
    today('test.crowd_people', 'crowd.flow.people', 'sum'),
    today('test.water_ph', 'water.quality.ph', 'max'),
    today('test.alerts_high', 'alert.raised.severity|traffic', 'max'),
  );
  kinds.ngsi.entities = {
    'urn:ngsi-ld:AirQualityObserved:Madrid-AmbientObserved-28079004-2016-03-15T11:00:00': { station: 'ex-aq-centre' },
    'urn:ngsi-ld:WaterQualityObserved:waterqualityobserved:Sevilla:D1': { division: 'ex-south' },
    'urn:ngsi-ld:TrafficFlowObserved:TrafficFlowObserved-Valladolid-osm-60821110': { division: 'ex-north' },
    'urn:ngsi-ld:CrowdFlowObserved:Valladolid_1': { division: 'ex-centre' },
    'urn:ngsi-ld:Alert:Alert:1': { division: 'ex-centre' },
    'urn:ngsi-ld:Device:device-9845A': { site: 'sensor-ex-north-1' },
    'urn:ngsi-ld:LandslideObserved:slope-7': { division: 'ex-south' },
  };
  fs.writeFileSync(path.join(dir, 'kinds.json'), JSON.stringify(kinds));
  return dir;
}

const notification = (data: unknown[], notifiedAt: string) => ({
  id: 'urn:ngsi-ld:Notification:5fd0fa684eb81930c97005f3',
  type: 'Notification',
  subscriptionId: 'urn:ngsi-ld:Subscription:citywindow-1',
  notifiedAt,
  data,
});

async function notify(s: RunningServer, key: string, body: unknown, contentType = 'application/ld+json') {
  const res = await fetch(`${s.url}/api/v1/ngsi-ld/notify`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** An NGSI-LD client reading one entity as key-values. */
async function readEntity(s: RunningServer, token: string, id: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${s.url}/ngsi-ld/v1/entities/${encodeURIComponent(id)}?options=keyValues`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Waits for a published figure of a scope to reach a value, read as an NGSI-LD client. */
async function figure(s: RunningServer, scope: string, metric: string, value: number): Promise<Record<string, unknown>> {
  const token = await login(s, 'officer');
  let last: unknown;
  return poll(
    async () => {
      const r = await readEntity(s, token, `urn:ngsi-ld:CityVitalSign:${scope}:${metric}`);
      last = r.body['value'];
      return r.body['value'] === value ? r.body : undefined;
    },
    () => `${metric} in ${scope} = ${value} (last ${String(last)})`,
  );
}

/** Polls an async probe until it gives something (the rollup tick publishes figures every 100 ms in tests). */
async function poll<T>(probe: () => Promise<T | undefined>, what: () => string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const { server } = cleanupAfterEach();

describe('NGSI-LD notifications in (Smart Data Models examples)', () => {
  it('AirQualityObserved, normalized: the pollutants it carries, in its units, count as an air reading of the mapped station', async () => {
    // dateObserved 2016-03-15T11:00:00 carries no zone: read in the city's time (UTC+8).
    const s = await server({ CITY_PROFILE: testProfile(), SIM_START: '2016-03-15T11:01:00+08:00' });
    const key = await sourceKey(s, 'Orion-LD');
    const r = await notify(s, key, notification([fixture('AirQualityObserved.example-normalized.jsonld')], '2016-03-15T03:01:00Z'));
    expect(r).toEqual({ status: 200, body: { lines: 1, accepted: 1, duplicates: 0, refused: 0, errors: [] } });
    await figure(s, 'ex-centre', 'env.readings_today', 1);
    // The same notification again (a broker retry) counts once.
    const again = await notify(s, key, notification([fixture('AirQualityObserved.example-normalized.jsonld')], '2016-03-15T03:01:05Z'));
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 });
    // The key-values example of the same observation has no unitCode: values taken in µg/m³ (CO mg/m³), and it is the same event.
    const kv = await notify(s, key, notification([fixture('AirQualityObserved.example.jsonld')], '2016-03-15T03:01:10Z'), 'application/json');
    expect(kv.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('WaterQualityObserved ends in water.quality (pH 7.4 of the Sevilla example)', async () => {
    const s = await server({ CITY_PROFILE: testProfile(), SIM_START: '2017-01-31T06:46:00Z' });
    const key = await sourceKey(s);
    const r = await notify(s, key, notification([fixture('WaterQualityObserved.example-normalized.jsonld')], '2017-01-31T06:46:00Z'));
    expect(r.body).toMatchObject({ accepted: 1, refused: 0 });
    await figure(s, 'ex-south', 'test.water_ph', 7.4);
  });

  it('TrafficFlowObserved and CrowdFlowObserved end in traffic.flow and crowd.flow', async () => {
    const s = await server({ CITY_PROFILE: testProfile(), SIM_START: '2018-08-07T11:11:00+08:00' });
    const key = await sourceKey(s);
    // The crowd example observed at 11:10 local; the traffic example is of 2016, far past the late allowance, so it is refused by name.
    const r = await notify(
      s,
      key,
      notification([fixture('CrowdFlowObserved.example-normalized.jsonld'), fixture('TrafficFlowObserved.example-normalized.jsonld')], '2018-08-07T03:11:00Z'),
    );
    expect(r.body).toMatchObject({ lines: 2, accepted: 1, refused: 1, errors: [{ line: 2, reason: 'timestamp 2016-12-07T03:10:00.000Z is older than the late-event allowance; its window is closed' }] });
    await figure(s, 'ex-centre', 'test.crowd_people', 100);
    // The traffic example with its observation moved to today (only the dates changed): 197 vehicles at 52.6 km/h.
    const traffic = fixture('TrafficFlowObserved.example-normalized.jsonld');
    traffic['dateObserved'] = { type: 'Property', value: { '@type': 'DateTime', '@value': '2018-08-07T11:10:30' } };
    expect((await notify(s, key, notification([traffic], '2018-08-07T03:11:00Z'))).body).toMatchObject({ accepted: 1 });
    await figure(s, 'ex-north', 'test.traffic_vehicles', 197);
    await figure(s, 'city', 'test.traffic_speed', 52.6);
  });

  it('Alert ends in alert.raised by category, severity high = 4', async () => {
    const s = await server({ CITY_PROFILE: testProfile(), SIM_START: '2017-01-02T09:27:00Z' });
    const key = await sourceKey(s);
    const r = await notify(s, key, notification([fixture('Alert.example-normalized.jsonld')], '2017-01-02T09:26:00Z'));
    expect(r.body).toMatchObject({ accepted: 1, refused: 0 });
    await figure(s, 'ex-centre', 'test.alerts_high', 4);
  });

  it('Device: deviceState "ok" is a device online, at the sensor it is mapped to; the time is the notification\'s', async () => {
    const s = await server({ CITY_PROFILE: testProfile(), SIM_START: '2026-11-27T10:00:00+08:00' });
    const key = await sourceKey(s);
    const r = await notify(s, key, notification([fixture('Device.example-normalized.jsonld')], '2026-11-27T01:59:30Z'));
    expect(r.body).toMatchObject({ accepted: 1, refused: 0 });
    const fig = await figure(s, 'ex-north', 'safety.sensor_online', 100);
    expect(fig['sample']).toBe(1);
  });

  it('maps a type through kinds.json, and names what it refuses: unmapped types, unplaced entities, a body that is not a Notification', async () => {
    const s = await server({ CITY_PROFILE: testProfile() });
    const key = await sourceKey(s);
    const now = new Date(s.clock.now()).toISOString();
    const landslide = {
      id: 'urn:ngsi-ld:LandslideObserved:slope-7',
      type: 'LandslideObserved',
      displacement: { type: 'Property', value: 42.5, unitCode: 'MMT', observedAt: now },
      inclination: { type: 'Property', value: 3.2, observedAt: now },
      alarm: { type: 'Property', value: true, observedAt: now },
    };
    const stranger = { ...landslide, id: 'urn:ngsi-ld:LandslideObserved:elsewhere' };
    const parking = { id: 'urn:ngsi-ld:ParkingSpot:1', type: 'ParkingSpot', status: { type: 'Property', value: 'free' } };
    const r = await notify(s, key, notification([landslide, stranger, parking], now));
    expect(r.body).toEqual({
      lines: 3,
      accepted: 1,
      duplicates: 0,
      refused: 2,
      errors: [
        { line: 2, reason: 'entity "urn:ngsi-ld:LandslideObserved:elsewhere" has no place in the city: map it under ngsi.entities in the profile\'s kinds.json' },
        { line: 3, reason: 'entity type "ParkingSpot" is not mapped (built in: AirQualityObserved, WaterQualityObserved, TrafficFlowObserved, CrowdFlowObserved, Alert, Device; others through ngsi.types in kinds.json)' },
      ],
    });
    await figure(s, 'ex-south', 'safety.landslide_displacement_max', 42.5);
    await figure(s, 'ex-south', 'safety.landslide_alarms_today', 1);
    const bad = await notify(s, key, { data: [landslide] });
    expect(bad.status).toBe(400);
    const anonymous = await fetch(`${s.url}/api/v1/ngsi-ld/notify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification([landslide], now)) });
    expect(anonymous.status).toBe(401);
  });
});

describe('NGSI-LD entities out (read-only)', () => {
  it('serves vital signs and alerts to an NGSI-LD client: content types, @context, key-values, errors', async () => {
    const s = await server({ CITY_PROFILE: testProfile() });
    const key = await sourceKey(s);
    const now = s.clock.now();
    // Two landslide alarms in the south county: 今日地灾预警 reaches its blue level (1) and raises an alert.
    const lines = [1, 2].map((n) => JSON.stringify({ kind: 'geo.landslide', id: `a${n}`, ts: now - n * 1000, division: 'ex-south', values: { displacement: 10 * n, alarm: 1 } }));
    const ingest = await fetch(`${s.url}/api/v1/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` }, body: lines.join('\n') });
    expect(ingest.status).toBe(202);
    const token = await login(s, 'officer');
    await figure(s, 'ex-south', 'safety.landslide_alarms_today', 2);

    const get = (url: string, accept: string) => fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${token}`, accept } });
    const id = 'urn:ngsi-ld:CityVitalSign:ex-south:safety.landslide_alarms_today';
    const json = await get(`/ngsi-ld/v1/entities/${encodeURIComponent(id)}`, 'application/json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('link')).toBe(`<${s.url}/ngsi-ld/v1/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`);
    const normalized = (await json.json()) as Record<string, unknown>;
    expect(normalized).toMatchObject({
      id,
      type: 'CityVitalSign',
      name: { type: 'LanguageProperty', languageMap: { zh: '今日地灾预警', en: 'Landslide alarms today' } },
      value: { type: 'Property', value: 2, observedAt: new Date(now - 1000).toISOString() },
      scope: { type: 'Property', value: 'ex-south' },
      stale: { type: 'Property', value: false },
    });
    expect(normalized['@context']).toBeUndefined();

    const ld = await get(`/ngsi-ld/v1/entities/${encodeURIComponent(id)}`, 'application/ld+json');
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(ld.headers.get('link')).toBeNull();
    expect(((await ld.json()) as Record<string, unknown>)['@context']).toBe(`${s.url}/ngsi-ld/v1/context.jsonld`);
    const context = (await (await fetch(`${s.url}/ngsi-ld/v1/context.jsonld`)).json()) as { '@context': unknown[] };
    expect(context['@context'][0]).toBe('https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld');

    const alerts = await poll(
      async () => {
        const r = (await (await get('/ngsi-ld/v1/entities?type=Alert&options=keyValues', 'application/json')).json()) as Record<string, unknown>[];
        return r.length > 0 ? r : undefined;
      },
      () => 'the landslide alert as an NGSI-LD Alert',
    );
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'Alert', category: 'security', subCategory: 'safety.landslide_alarms_today', severity: 'low', alertSource: id }),
    ]);

    const page = await get('/ngsi-ld/v1/entities?type=CityVitalSign&limit=5&count=true', 'application/json');
    // Every catalogue figure of the city and its three divisions.
    const catalogue = (await (await fetch(`${s.url}/api/v1/catalogue`, { headers: { authorization: `Bearer ${token}` } })).json()) as unknown[];
    expect(page.headers.get('ngsild-results-count')).toBe(String(catalogue.length * 4));
    expect(((await page.json()) as unknown[]).length).toBe(5);

    const missing = await get('/ngsi-ld/v1/entities/urn:ngsi-ld:CityVitalSign:city:nope', 'application/json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ type: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound' });
    expect((await get('/ngsi-ld/v1/entities', 'application/json')).status).toBe(400);
    expect((await get('/ngsi-ld/v1/entities?type=Alert', 'text/html')).status).toBe(406);
    expect((await fetch(`${s.url}/ngsi-ld/v1/entities?type=Alert`)).status).toBe(401);
  });
});
