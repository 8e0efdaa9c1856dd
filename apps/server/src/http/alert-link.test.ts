import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, CaseDetail, NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { airReading, call, login, postEvents, recordingClient, startTestServer, waitFor } from '../testing/harness.ts';

/**
 * Opening a case or an emergency from an alert over HTTP: the link on both sides, once per
 * alert (a second answers 409 with the first and opens nothing), and an unknown alert is a
 * 404 that opens nothing either.
 */
let s: RunningServer;
let officer: string;
beforeAll(async () => {
  s = await startTestServer({ SIM_BACKFILL_DAYS: '0' });
  officer = await login(s, 'officer');
}, 60_000);
afterAll(async () => s?.stop());

const report: NewCase = {
  title: '双清区空气质量严重污染',
  description: '告警立案测试',
  channel: 'iot_sensor',
  category: 'environment',
  urgency: 'urgent',
  division: '430502',
};
// Cases of the test day (2026-11-27) in the order they are opened.
const FIRST = 'C20261127-0001';
const SECOND = 'C20261127-0002';

const alerts = async () => (await call(s, 'GET', '/api/v1/alerts', officer)).body as unknown as Alert[];

/** PM2.5 480 µg/m³ is AQI 400+ (严重污染): an orange AQI alert in the division. */
async function alertIn(division: string): Promise<Alert> {
  await postEvents(s, [airReading(division, s.clock.now(), 480, `link-${division}`)]);
  for (let i = 0; i < 100; i++) {
    const a = (await alerts()).find((x) => x.scope === division && x.metric === 'env.aqi');
    if (a) return a;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no alert in ${division}`);
}

describe('opening a case or an emergency from an alert', () => {
  it('refuses an unknown alert with 404, opening nothing', async () => {
    const r = await call(s, 'POST', '/api/v1/alerts/no-such-alert/case', officer, report);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: 'unknown_alert', message: 'no alert no-such-alert' });
    // No case number was taken and no case opened.
    expect((await call(s, 'GET', `/api/v1/cases/${FIRST}`, officer)).status).toBe(404);
  });

  it('opens a case that names the alert, shows the case on the alert, and refuses a second one (409) opening nothing', async () => {
    const alert = await alertIn('430502');
    expect(alert.link).toBeNull();
    const live = recordingClient(s.url, ['alerts'], { token: officer });
    try {
      const r = await call(s, 'POST', `/api/v1/alerts/${alert.id}/case`, officer, report);
      expect(r.status).toBe(201);
      expect(r.body['id']).toBe(FIRST);
      expect(r.body['fromAlert']).toEqual({ id: alert.id, metric: 'env.aqi', scope: '430502', level: alert.level, value: alert.value, raisedAt: alert.raisedAt });
      // The case keeps the alert; the alert (stored and on the walls) names the case.
      const detail = (await call(s, 'GET', `/api/v1/cases/${FIRST}`, officer)).body as unknown as CaseDetail;
      expect(detail.case.fromAlert?.id).toBe(alert.id);
      const stored = (await alerts()).find((a) => a.id === alert.id)!;
      expect(stored.link).toMatchObject({ kind: 'case', id: FIRST, by: '演示值班员' });
      await waitFor(() => live.seen.some((e) => (e.entries[alert.id] as Alert | undefined)?.link?.id === FIRST), 'the linked alert on the alerts topic');

      // Twice: a conflict naming the first case; no second case, the link unchanged.
      const again = await call(s, 'POST', `/api/v1/alerts/${alert.id}/case`, officer, { ...report, title: '重复立案' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: 'already_linked', link: { kind: 'case', id: FIRST } });
      expect((await call(s, 'GET', `/api/v1/cases/${SECOND}`, officer)).status).toBe(404);
      // Nor may an emergency be declared from it now (as a shift leader, who may).
      const shift = await login(s, 'shift');
      const emergency = await call(s, 'POST', `/api/v1/alerts/${alert.id}/emergency`, shift, { title: '测试', category: 'accident', subtype: 'road_traffic', level: 4, reason: '测试' });
      expect(emergency.status).toBe(409);
      expect((await alerts()).find((a) => a.id === alert.id)!.link).toMatchObject({ kind: 'case', id: FIRST });
    } finally {
      live.client.close();
    }
  });

  it('refuses a malformed case (400) and a role that may not (403), linking nothing', async () => {
    const alert = await alertIn('430503');
    const bad = await call(s, 'POST', `/api/v1/alerts/${alert.id}/case`, officer, { ...report, title: '' });
    expect(bad.status).toBe(400);
    const dept = await call(s, 'POST', `/api/v1/alerts/${alert.id}/case`, await login(s, 'cgj'), { ...report, division: '430503' });
    expect(dept.status).toBe(403);
    expect((await alerts()).find((a) => a.id === alert.id)!.link).toBeNull();
    expect((await call(s, 'GET', `/api/v1/cases/${SECOND}`, officer)).status).toBe(404);
  });

  it('declares an emergency from an alert, placed at its division when no place is given', async () => {
    const alert = await alertIn('430511');
    const shift = await login(s, 'shift');
    const r = await call(s, 'POST', `/api/v1/alerts/${alert.id}/emergency`, shift, { title: '北塔区重污染', category: 'accident', subtype: 'road_traffic', level: 4, reason: '告警启动', drill: true });
    expect(r.status).toBe(201);
    const e = (r.body as unknown as { emergency: { id: string; division: string; fromAlert?: { id: string } } }).emergency;
    expect(e.division).toBe('430511');
    expect(e.fromAlert?.id).toBe(alert.id);
    expect((await alerts()).find((a) => a.id === alert.id)!.link).toMatchObject({ kind: 'emergency', id: e.id });
  });
});
