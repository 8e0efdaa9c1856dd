import { describe, expect, it } from 'vitest';
import type { CaseDetail, CaseSummary, DispatchOverview, NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { call, login, pairDisplay, recordingClient, startTestServer, tempDataDir, waitFor, cleanupAfterEach } from '../testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

const hotlineReport: NewCase = {
  title: '宝庆中路垃圾未清运',
  description: '市民来电反映宝庆中路与敏州路交叉口垃圾桶已满三天未清运，气味较大。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  address: '双清区宝庆中路与敏州路交叉口',
  reporter: { name: '张女士', phone: '138 0000 1234' },
};

type Body = Record<string, unknown>;
const cmd = (s: RunningServer, token: string, id: string, body: Body) => call(s, 'POST', `/api/v1/cases/${id}/commands`, token, { caseId: id, ...body });

describe('dispatch over HTTP and the live topics', () => {
  it('runs a 12345 case through the closed loop, live on every screen, and the KPIs follow', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const dept = await login(s, 'cgj');
    const { client: wall } = recordingClient(s.url, ['cases', 'dispatch'], { token: await login(s, 'leader') });
    cleanups.push(() => wall.close());
    await waitFor(() => wall.status().state === 'live' && wall.entries('dispatch')['kpis'], 'wall live');
    expect(wall.entries('dispatch')['kpis']).toMatchObject({ openedToday: 0, closedToday: 0 });

    const created = await call(s, 'POST', '/api/v1/cases', officer, hotlineReport);
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    expect(id).toMatch(/^C20261127-0001$/);
    await waitFor(() => wall.entries('cases')[id]?.state === 'reported', 'wall sees the new case');
    // The wall's copy carries no personal data.
    expect(JSON.stringify(wall.entries('cases')[id])).not.toContain('138');

    let v = 1;
    const step = async (token: string, body: Body, state: string) => {
      const r = await cmd(s, token, id, { expectedVersion: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v += 1;
      await waitFor(() => wall.entries('cases')[id]?.state === state, `wall sees ${state}`);
    };
    await step(officer, { action: 'register' }, 'registered');
    await step(officer, { action: 'dispatch', department: 'cgj' }, 'dispatched');
    expect(wall.entries('cases')[id]!.sla).toMatchObject({ step: 'sign_for', light: 'green', overdue: false });
    await step(dept, { action: 'acknowledge' }, 'acknowledged');
    await step(dept, { action: 'start' }, 'in_progress');
    await step(dept, { action: 'feedback', comment: '已清运并消杀' }, 'feedback');
    await step(officer, { action: 'start_check' }, 'checking');
    await step(officer, { action: 'check_pass' }, 'closed');

    const kpis = await waitFor(() => {
      const k = wall.entries('dispatch')['kpis'] as DispatchOverview | undefined;
      return k && k.closedToday === 1 ? k : undefined;
    }, 'KPIs updated');
    expect(kpis).toMatchObject({ openedToday: 1, closedToday: 1, registered: 1, closed: 1, closedOnTime: 1, closureRate: 1, onTimeClosureRate: 1, open: 0 });
    expect(kpis.departments[0]).toMatchObject({ department: 'cgj', handled: 1, handledOnTime: 1, onTimeRate: 1 });
    // Today against yesterday by this time: one report and one closure today, none yesterday.
    expect(kpis.trends).toMatchObject({ openedToday: 1, openedYesterday: 0, closedToday: 1, closedYesterday: 0 });
    expect(kpis.trends?.categories).toEqual([{ key: 'city_appearance', today: 1, yesterday: 0, rising: false }]);
    expect(kpis.trends?.divisions).toEqual([{ key: '430502', today: 1, yesterday: 0, rising: false }]);

    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(detail.history.map((t) => t.action)).toEqual(['report', 'register', 'dispatch', 'acknowledge', 'start', 'feedback', 'start_check', 'check_pass']);
    expect(detail.history.every((t, i) => i === 0 || t.from === detail.history[i - 1]!.to)).toBe(true);
    expect(detail.case.reporter).toEqual({ name: '张女士', phone: '138 0000 1234' });
  });

  it('closes a 12345 inquiry on the call: closed at once, counted as closed, and rated at the return visit', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const { client: wall } = recordingClient(s.url, ['cases', 'dispatch'], { token: await login(s, 'leader') });
    cleanups.push(() => wall.close());
    const id = (await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, requestType: 'inquiry' })).body['id'] as string;

    const blank = await cmd(s, officer, id, { expectedVersion: 1, action: 'close_on_call', answer: '  ' });
    expect(blank.status).toBe(400);
    const closed = await cmd(s, officer, id, { expectedVersion: 1, action: 'close_on_call', answer: '已告知环卫所今日内清运' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await waitFor(() => wall.entries('cases')[id]?.state === 'closed', 'wall sees it closed');
    const kpis = await waitFor(() => {
      const k = wall.entries('dispatch')['kpis'] as DispatchOverview | undefined;
      return k && k.closedToday === 1 ? k : undefined;
    }, 'KPIs updated');
    expect(kpis).toMatchObject({ closedToday: 1, closed: 1, closedOnTime: 1, open: 0 });

    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(detail.history.at(-1)).toMatchObject({ action: 'close_on_call', details: { answer: '已告知环卫所今日内清运' } });
    expect(detail.allowed).toContain('evaluate');
    const visit = await cmd(s, officer, id, { expectedVersion: 2, action: 'evaluate', rating: 'satisfied' });
    expect(visit.status).toBe(200);
  });

  it('redoes (重办) a 12345 case whose caller was dissatisfied at the return visit', async () => {
    const s = await server({ CASE_TICK_MS: '200' });
    const officer = await login(s, 'officer');
    const dept = await login(s, 'cgj');
    const { client: wall } = recordingClient(s.url, ['cases'], { token: await login(s, 'leader') });
    cleanups.push(() => wall.close());
    const id = (await call(s, 'POST', '/api/v1/cases', officer, hotlineReport)).body['id'] as string;
    let v = 1;
    for (const [token, body] of [
      [officer, { action: 'register' }],
      [officer, { action: 'dispatch', department: 'cgj' }],
      [dept, { action: 'acknowledge' }],
      [dept, { action: 'start' }],
      [dept, { action: 'feedback' }],
      [officer, { action: 'start_check' }],
      [officer, { action: 'check_pass' }],
    ] as const) {
      const r = await cmd(s, token, id, { expectedVersion: v++, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const closed = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(closed.sla).toMatchObject({ step: 'return_visit' });
    const visit = await cmd(s, officer, id, { expectedVersion: v, action: 'evaluate', rating: 'dissatisfied' });
    expect(visit.status).toBe(200);
    await waitFor(() => wall.entries('cases')[id]?.state === 'registered', 'the server redoes the case');
    const redone = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(redone.history.at(-1)).toMatchObject({ action: 'reopen', from: 'evaluated', actor: { role: 'system' }, comment: '回访不满意，系统自动重办' });
    expect(redone.sla).toMatchObject({ step: 'dispatch' });
  });

  it('counts an open case whose handling deadline passed as due (应结案) in the closure rate', async () => {
    // Half a simulated hour a second: a critical case's 2 clock hours pass in 4 s.
    const s = await server({ SIM_SPEED: '1800', CASE_TICK_MS: '200' });
    const officer = await login(s, 'officer');
    const dept = await login(s, 'cgj');
    const { client: wall } = recordingClient(s.url, ['dispatch'], { token: await login(s, 'leader') });
    cleanups.push(() => wall.close());
    const id = (await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, urgency: 'critical' })).body['id'] as string;
    for (const [token, body] of [
      [officer, { action: 'register' }],
      [officer, { action: 'dispatch', department: 'cgj' }],
      [dept, { action: 'acknowledge' }],
    ] as const) {
      // The server's own reminders may move the version in between.
      const { version } = ((await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail).case;
      const r = await cmd(s, token, id, { expectedVersion: version, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const kpis = await waitFor(() => {
      const k = wall.entries('dispatch')['kpis'] as DispatchOverview | undefined;
      return k && k.due === 1 ? k : undefined;
    }, 'the case falls due', 15_000);
    expect(kpis).toMatchObject({ registered: 1, due: 1, closed: 0, closureRate: 0, onTimeClosureRate: 0, overdue: 1 });
  });

  it('refuses an extension asked for after the deadline with 422 deadline_passed', async () => {
    // Half a simulated hour a second: a critical case's 2 clock hours pass in 4 s.
    const s = await server({ SIM_SPEED: '1800' });
    const officer = await login(s, 'officer');
    const dept = await login(s, 'cgj');
    const id = (await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, urgency: 'critical' })).body['id'] as string;
    let v = 1;
    for (const [token, body] of [
      [officer, { action: 'register' }],
      [officer, { action: 'dispatch', department: 'cgj' }],
      [dept, { action: 'acknowledge' }],
      [dept, { action: 'start' }],
    ] as const) {
      const r = await cmd(s, token, id, { expectedVersion: v++, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const { sla } = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(sla).toMatchObject({ step: 'handling', overdue: false });
    await waitFor(() => s.clock.now() > sla!.deadline!, 'the handling deadline passes', 15_000);
    const late = await cmd(s, dept, id, { expectedVersion: v, action: 'request_extension', workingDays: 2, comment: '需协调' });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ error: 'deadline_passed', current: { state: 'in_progress', version: v } });
  });

  it('refuses to approve an in-time extension once the deadline has passed, and changes nothing', async () => {
    const s = await server({ SIM_SPEED: '1800' });
    const officer = await login(s, 'officer');
    const dept = await login(s, 'cgj');
    const shift = await login(s, 'shift');
    const id = (await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, urgency: 'critical' })).body['id'] as string;
    let v = 1;
    for (const [token, body] of [
      [officer, { action: 'register' }],
      [officer, { action: 'dispatch', department: 'cgj' }],
      [dept, { action: 'acknowledge' }],
      [dept, { action: 'start' }],
      [dept, { action: 'request_extension', workingDays: 2, comment: '需协调' }],
    ] as const) {
      const r = await cmd(s, token, id, { expectedVersion: v++, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const { sla } = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    await waitFor(() => s.clock.now() > sla!.deadline!, 'the handling deadline passes', 15_000);
    const late = await cmd(s, shift, id, { expectedVersion: v, action: 'approve_extension' });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ error: 'deadline_passed', current: { state: 'extension_requested', version: v } });
  });

  it('records a sub-category from the profile and refuses an unknown or mismatched one at intake (422, nothing opened)', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const ok = await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, subCategory: 'exposed_garbage' });
    expect(ok.status).toBe(201);
    const detail = (await call(s, 'GET', `/api/v1/cases/${ok.body['id'] as string}`, officer)).body as unknown as CaseDetail;
    expect(detail.case.subCategory).toBe('exposed_garbage');
    const unknown = await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, subCategory: 'no_such_thing' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: 'invalid_command' });
    const mismatched = await call(s, 'POST', '/api/v1/cases', officer, { ...hotlineReport, subCategory: 'illegal_construction' });
    expect(mismatched.status).toBe(422);
    expect(mismatched.body['message']).toBe('Sub-category "illegal_construction" belongs to category construction, not city_appearance.');
    // Only the first report opened a case.
    const second = await call(s, 'POST', '/api/v1/cases', officer, hotlineReport);
    expect(second.body['id']).toBe('C20261127-0002');
  });

  it('lets exactly one of two racing officers win; the other gets a clear conflict', async () => {
    const s = await server();
    const a = await login(s, 'officer');
    const b = await login(s, 'shift');
    const id = (await call(s, 'POST', '/api/v1/cases', a, hotlineReport)).body['id'] as string;
    await cmd(s, a, id, { expectedVersion: 1, action: 'register' });
    const [ra, rb] = await Promise.all([
      cmd(s, a, id, { expectedVersion: 2, action: 'dispatch', department: 'cgj' }),
      cmd(s, b, id, { expectedVersion: 2, action: 'dispatch', department: 'zjj' }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body['error']).toBe('version_conflict');
    expect(String(loser.body['message'])).toMatch(/version/);
    expect((loser.body['current'] as CaseSummary).version).toBe(3);
    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, a)).body as unknown as CaseDetail;
    expect(detail.history).toHaveLength(3);
    expect(detail.case.department).toBe(ra.status === 200 ? 'cgj' : 'zjj');
  });

  it('keeps departments to their own cases', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const cgj = await login(s, 'cgj');
    const id = (await call(s, 'POST', '/api/v1/cases', officer, hotlineReport)).body['id'] as string;
    await cmd(s, officer, id, { expectedVersion: 1, action: 'register' });
    await cmd(s, officer, id, { expectedVersion: 2, action: 'dispatch', department: 'zjj' });
    // Another department's case answers exactly as a missing one, and carries no case field.
    const missing = { status: 404, body: { error: 'not_found', message: 'no such case' } };
    const ghost = 'C20261127-9999';
    expect(await call(s, 'GET', `/api/v1/cases/${id}`, cgj)).toMatchObject(missing);
    expect(await call(s, 'GET', `/api/v1/cases/${ghost}`, cgj)).toMatchObject(missing);
    for (const body of [
      { expectedVersion: 3, action: 'acknowledge' },
      { expectedVersion: 1, action: 'acknowledge' },
    ]) {
      const r = await cmd(s, cgj, id, body);
      expect({ status: r.status, body: r.body }).toEqual(missing);
      const g = await cmd(s, cgj, ghost, body);
      expect({ status: g.status, body: g.body }).toEqual(missing);
    }
    const { client } = recordingClient(s.url, ['cases:zjj'], { token: cgj });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().lastError?.code === 'forbidden', 'forbidden subscription');
    expect(client.entries('cases:zjj')).toEqual({});
  });

  it('shows a wall a case without its description or the caller', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const wall = await pairDisplay(s);
    const id = (await call(s, 'POST', '/api/v1/cases', officer, hotlineReport)).body['id'] as string;
    const r = await call(s, 'GET', `/api/v1/cases/${id}`, wall);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('垃圾桶已满三天');
    expect(JSON.stringify(r.body)).not.toContain('138 0000 1234');
  });

  it('answers a retried intake with the same Idempotency-Key with the original case', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const post = (body: NewCase, key: string) =>
      fetch(`${s.url}/api/v1/cases`, { method: 'POST', headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    const first = await post(hotlineReport, 'k-1');
    expect(first.status).toBe(201);
    const again = await post(hotlineReport, 'k-1');
    expect(again.status).toBe(200);
    expect(((await again.json()) as Body)['id']).toBe('C20261127-0001');
    expect((await post({ ...hotlineReport, title: '另一件事' }, 'k-1')).status).toBe(422);
    expect((await post(hotlineReport, 'k-2')).status).toBe(201);
  });

  it('refuses transitions outside the table with a clear error and changes nothing', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const id = (await call(s, 'POST', '/api/v1/cases', officer, hotlineReport)).body['id'] as string;
    const r = await cmd(s, officer, id, { expectedVersion: 1, action: 'check_pass' });
    expect(r.status).toBe(422);
    expect(r.body['error']).toBe('invalid_transition');
    const noReason = await cmd(s, officer, id, { expectedVersion: 1, action: 'void' });
    expect(noReason.body['error']).toBe('reason_required');
    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(detail.case.version).toBe(1);
    expect(detail.history).toHaveLength(1);
  });

  it('loses nothing acknowledged across a restart', async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ DATA_DIR: dataDir });
    const officer = await login(first, 'officer');
    const id = (await call(first, 'POST', '/api/v1/cases', officer, hotlineReport)).body['id'] as string;
    await cmd(first, officer, id, { expectedVersion: 1, action: 'register' });
    await call(first, 'POST', `/api/v1/cases/${id}/instructions`, await login(first, 'leader'), { text: '请城管局今日内处理完毕' });
    await first.stop();
    const second = await server({ DATA_DIR: dataDir });
    const detail = (await call(second, 'GET', `/api/v1/cases/${id}`, await login(second, 'officer'))).body as unknown as CaseDetail;
    expect(detail.case.state).toBe('registered');
    expect(detail.history.map((t) => t.action)).toEqual(['report', 'register']);
    expect(detail.instructions).toEqual([expect.objectContaining({ text: '请城管局今日内处理完毕', byName: '演示领导' })]);
  });
});
