import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ServerMetrics, registerMetricsRoute } from './metrics.ts';
import { airReading, call, login, postEvents, recordingClient, waitFor, cleanupAfterEach } from '../testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

/** The value of one sample line, e.g. `cw_cases_open{state="reported"} 2`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('exposes sockets by role, open cases by state, ingest outcomes, ticks, HTTP latency and event-loop lag', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const { client } = recordingClient(s.url, ['cases'], { token: officer });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live', 'live');
    const report = { title: '路灯不亮', description: '路灯坏了', channel: 'grid_inspector', category: 'city_appearance', urgency: 'normal', division: '430502' };
    expect((await call(s, 'POST', '/api/v1/cases', officer, report)).status).toBe(201);
    expect((await call(s, 'POST', '/api/v1/cases', officer, report)).status).toBe(201);
    expect((await postEvents(s, [airReading('430502', s.clock.now() - 1000, 35)])).status).toBeLessThan(300);
    expect((await postEvents(s, [{ kind: 'nonsense' }])).status).toBe(400);

    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'cw_sockets_connected{role="duty_officer"}')).toBe(1);
    expect(sample(text, 'cw_cases_open{state="reported"}')).toBe(2);
    expect(sample(text, 'cw_ingest_requests_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'cw_ingest_requests_total{outcome="refused"}')).toBe(1);
    expect(sample(text, 'cw_tick_duration_seconds_count')).toBeGreaterThan(0);
    expect(text).toContain('cw_http_request_duration_seconds_bucket{le="0.001",method="POST",route="/api/v1/cases",status="201"}');
    expect(text).toContain('cw_nodejs_eventloop_lag_seconds');
    expect(text).not.toContain('路灯');
  });

  it('needs the token when one is configured', async () => {
    const s = await server({ METRICS_TOKEN: 'scrape-token-0123456789' });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
  });
});

describe('GET /metrics without a token', () => {
  it('answers scrapes from loopback only, whatever X-Forwarded-For says', async () => {
    const app = Fastify({ trustProxy: true });
    const metrics = new ServerMetrics({ socketsByRole: () => new Map(), openCasesByState: () => new Map(), lastTickAt: () => null });
    registerMetricsRoute(app, metrics, undefined);
    try {
      const from = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers }).then((r) => r.statusCode);
      expect(await from('127.0.0.1')).toBe(200);
      expect(await from('::1')).toBe(200);
      expect(await from('::ffff:127.0.0.1')).toBe(200);
      expect(await from('192.0.2.7')).toBe(401);
      expect(await from('10.0.0.1')).toBe(401);
      expect(await from('::ffff:10.0.0.1')).toBe(401);
      expect(await from('1270.0.0.1')).toBe(401);
      expect(await from('192.0.2.7', { 'x-forwarded-for': '127.0.0.1' })).toBe(401);
    } finally {
      await app.close();
    }
  });
});
