import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, DispatchOverview, EmergencyDetail, EmergencyRecord, NewCase, SystemState } from '@cw/contracts';
import { leadingEmergency } from '@cw/emergency';
import type { RunningServer } from '../app.ts';
import { pdfFonts, pdfPageTexts } from '../documents/pdf-inspect.ts';
import { call, login, recordingClient, sourceKey, startTestServer, tempDataDir, waitFor } from '../testing/harness.ts';

/**
 * The command post against a real server (SQLite in a temp directory): declaring from a
 * case, authority, several emergencies, department linkage, instructions, reports, war and
 * peace, version conflicts, drills and KPIs, notifications through a webhook, timers.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const accident: NewCase = {
  title: '沪昆高速邵阳段多车相撞',
  description: '现场有人员受伤',
  channel: 'police_110',
  category: 'emergency',
  urgency: 'critical',
  division: '430503',
  location: [111.43, 27.2],
  address: '沪昆高速K1203处',
};

const declaration = (over: Record<string, unknown> = {}) => ({
  title: '沪昆高速多车相撞事故',
  category: 'accident',
  subtype: 'road_traffic',
  level: 3,
  reason: '现场报告3人死亡',
  ...over,
});

async function addDepartmentUser(s: RunningServer, username: string, department: string): Promise<string> {
  const admin = await login(s, 'admin');
  const r = await call(s, 'POST', '/api/v1/users', admin, { username, displayName: `${department}值班员`, role: 'department', department, password: 'a-long-password' });
  if (r.status !== 201) throw new Error(`user ${username}: ${JSON.stringify(r.body)}`);
  return login(s, username, 'a-long-password');
}

/** waitFor for probes that must ask the server (the harness's waitFor is synchronous). */
async function eventually<T>(probe: () => Promise<T | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const detail = async (s: RunningServer, token: string, id: string) => (await call(s, 'GET', `/api/v1/emergencies/${id}`, token)).body as unknown as EmergencyDetail;

async function command(s: RunningServer, token: string, id: string, body: Record<string, unknown>) {
  const version = (await detail(s, token, id)).emergency.version;
  return call(s, 'POST', `/api/v1/emergencies/${id}/commands`, token, { version, ...body });
}

describe('war and peace', () => {
  it('declaring from a case switches to war on the topic; standing down the last returns to peace and keeps the timeline, across a restart', async () => {
    const dataDir = tempDataDir();
    let s = await startTestServer({ DATA_DIR: dataDir });
    cleanups.push(() => s.stop());
    const shift = await login(s, 'shift');
    const officer = await login(s, 'officer');
    const { client: wall } = recordingClient(s.url, ['emergencies', 'system'], { token: await login(s, 'leader') });
    cleanups.push(() => wall.close());
    await waitFor(() => wall.status().state === 'live' && (wall.entries('system')['state'] as SystemState | undefined)?.mode === 'peace', 'wall live in peace');

    const caseId = (await call(s, 'POST', '/api/v1/cases', officer, accident)).body['id'] as string;
    const declared = await call(s, 'POST', '/api/v1/emergencies', shift, declaration({ caseIds: [caseId] }));
    expect(declared.status).toBe(201);
    const e = (declared.body as unknown as EmergencyDetail).emergency;
    expect(e.id).toBe('E20261127-001');
    // Place and division come from the case; the plan's Ⅲ–Ⅳ response links 交警 (lead), 交通, 卫健, 消防.
    expect([e.location, e.division, e.address, e.caseIds]).toEqual([[111.43, 27.2], '430503', '沪昆高速K1203处', [caseId]]);
    expect(e.departments.map((d) => [d.department, d.lead, d.status])).toEqual([
      ['jjzd', true, 'notified'],
      ['jtysj', false, 'notified'],
      ['wjw', false, 'notified'],
      ['xfzd', false, 'notified'],
    ]);
    await waitFor(() => (wall.entries('emergencies')[e.id] as EmergencyRecord | undefined)?.status === 'active', 'the wall sees the emergency');
    await waitFor(() => (wall.entries('system')['state'] as SystemState).mode === 'war', 'war on the wall');

    // While it is active the manual switch cannot return to peace.
    const peace = await call(s, 'PUT', '/api/v1/system/mode', shift, { mode: 'peace' });
    expect([peace.status, peace.body['error']]).toEqual([409, 'emergency_active']);

    const down = await command(s, shift, e.id, { action: 'stand_down', reason: '现场处置完毕，道路恢复通行' });
    expect(down.status).toBe(200);
    await waitFor(() => (wall.entries('system')['state'] as SystemState).mode === 'peace', 'peace on the wall');
    await waitFor(() => (wall.entries('emergencies')[e.id] as EmergencyRecord).status === 'stood_down', 'stood down on the wall');
    // The log-only notifier's results arrive after the command; wait for all four.
    await eventually(async () => (await detail(s, shift, e.id)).emergency.timeline.filter((t) => t.kind === 'notification_result').length === 4 || false, 'delivery results');
    const kinds = (await detail(s, shift, e.id)).emergency.timeline.map((t) => t.kind);
    expect(kinds.filter((k) => k !== 'notification_result')).toEqual(['declared', 'notification', 'notification', 'notification', 'notification', 'stood_down']);

    // The manual switch still works in peace.
    expect((await call(s, 'PUT', '/api/v1/system/mode', shift, { mode: 'war' })).status).toBe(200);
    expect((await call(s, 'PUT', '/api/v1/system/mode', shift, { mode: 'peace' })).status).toBe(200);

    const before = (await detail(s, shift, e.id)).emergency;
    await s.stop();
    cleanups.pop();
    s = await startTestServer({ DATA_DIR: dataDir });
    cleanups.push(() => s.stop());
    expect((await detail(s, await login(s, 'shift'), e.id)).emergency).toEqual(before);
  }, 60_000);
});

describe('the command post', () => {
  let s: RunningServer;
  const t: Record<string, string> = {};
  const tok = (u: string) => t[u]!;
  beforeAll(async () => {
    s = await startTestServer();
    for (const u of ['leader', 'shift', 'officer', 'cgj']) t[u] = await login(s, u);
    t['jjzd'] = await addDepartmentUser(s, 'jjzd-duty', 'jjzd');
    t['wjw'] = await addDepartmentUser(s, 'wjw-duty', 'wjw');
  }, 60_000);
  afterAll(async () => s?.stop());

  const declare = async (over: Record<string, unknown> = {}) => {
    const r = await call(s, 'POST', '/api/v1/emergencies', tok('shift'), declaration({ location: [111.44, 27.22], division: '430503', ...over }));
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return (r.body as unknown as EmergencyDetail).emergency;
  };

  it('refuses a duty officer declaring or standing down, with a clear error, and changes nothing', async () => {
    const before = (await call(s, 'GET', '/api/v1/emergencies', tok('shift'))).body as unknown as EmergencyRecord[];
    const r = await call(s, 'POST', '/api/v1/emergencies', tok('officer'), declaration({ location: [111.44, 27.22], division: '430503' }));
    expect([r.status, r.body['error'], r.body['message']]).toEqual([403, 'forbidden', 'duty_officer may not emergency.declare']);
    expect((await call(s, 'GET', '/api/v1/emergencies', tok('shift'))).body).toEqual(before);

    const e = await declare();
    const refused = await command(s, tok('officer'), e.id, { action: 'stand_down', reason: '我想结束' });
    expect([refused.status, refused.body['error']]).toEqual([403, 'forbidden_role']);
    expect(refused.body['message']).toBe('role duty_officer may not stand_down');
    const after = (await detail(s, tok('shift'), e.id)).emergency;
    expect([after.status, after.version, after.timeline.some((x) => x.kind === 'stood_down')]).toEqual(['active', 1, false]);
    expect((await detail(s, tok('officer'), e.id)).allowed).not.toContain('stand_down');
  });

  it('with two emergencies of different levels, the higher leads on the wall', async () => {
    const { client: wall } = recordingClient(s.url, ['emergencies'], { token: tok('leader') });
    cleanups.push(() => wall.close());
    const low = await declare({ level: 4, title: '城区小型车辆侧翻' });
    const high = await declare({ level: 2, title: '危化品运输车泄漏', subtype: 'hazardous_chemicals' });
    const later = await declare({ level: 4, title: '另一起一般事故' });
    await waitFor(() => [low, high, later].every((x) => wall.entries('emergencies')[x.id] !== undefined), 'all three on the wall');
    expect(leadingEmergency(Object.values(wall.entries('emergencies')) as EmergencyRecord[])?.id).toBe(high.id);
    // Standing the Ⅱ down hands the lead to the earliest Ⅳ still active (or an older active one).
    await command(s, tok('shift'), high.id, { action: 'stand_down', reason: '泄漏已封堵' });
    await waitFor(() => (wall.entries('emergencies')[high.id] as EmergencyRecord).status === 'stood_down', 'stood down');
    const leading = leadingEmergency(Object.values(wall.entries('emergencies')) as EmergencyRecord[])!;
    expect(leading.id).not.toBe(high.id);
    expect(leading.declaredAt <= low.declaredAt).toBe(true);
  });

  it('a department reports status for its own department only', async () => {
    const e = await declare();
    const own = await command(s, tok('jjzd'), e.id, { action: 'set_department_status', department: 'jjzd', status: 'responded' });
    expect(own.status).toBe(200);
    const other = await command(s, tok('jjzd'), e.id, { action: 'set_department_status', department: 'wjw', status: 'responded' });
    expect([other.status, other.body['error']]).toEqual([403, 'wrong_department']);
    const unlinked = await command(s, tok('cgj'), e.id, { action: 'set_department_status', department: 'cgj', status: 'responded' });
    expect([unlinked.status, unlinked.body['error']]).toEqual([403, 'wrong_department']);
    const now = (await detail(s, tok('shift'), e.id)).emergency;
    expect(now.departments.map((d) => [d.department, d.status])).toEqual([
      ['jjzd', 'responded'],
      ['jtysj', 'notified'],
      ['wjw', 'notified'],
      ['xfzd', 'notified'],
    ]);
    expect(now.version).toBe(2);
  });

  it('a leader’s instruction reaches the wall and is acknowledged by its addressee', async () => {
    const { client: wall } = recordingClient(s.url, ['emergencies'], { token: tok('leader') });
    cleanups.push(() => wall.close());
    const e = await declare();
    expect((await command(s, tok('shift'), e.id, { action: 'instruct', text: '全力救治伤员', to: ['wjw'] })).body['error']).toBe('forbidden_role');
    expect((await command(s, tok('leader'), e.id, { action: 'instruct', text: '全力救治伤员，尽快疏通道路', to: ['wjw', 'jjzd'] })).status).toBe(200);
    await waitFor(() => (wall.entries('emergencies')[e.id] as EmergencyRecord).instructions.length === 1, 'instruction on the wall');
    expect((await command(s, tok('wjw'), e.id, { action: 'acknowledge_instruction', instructionId: 'i1', department: 'wjw' })).status).toBe(200);
    const shown = await waitFor(() => {
      const x = wall.entries('emergencies')[e.id] as EmergencyRecord;
      return x.instructions[0]!.acknowledgedBy['wjw'] !== undefined && x;
    }, 'acknowledgement on the wall');
    expect(Object.keys(shown.instructions[0]!.acknowledgedBy)).toEqual(['wjw']);
    expect(shown.instructions[0]!.to).toEqual(['wjw', 'jjzd']);
    expect(shown.timeline.filter((x) => x.kind === 'instruction' || x.kind === 'instruction_ack').map((x) => x.text)).toEqual([
      '演示领导批示（致市卫生健康委员会、市公安局交通警察支队）：全力救治伤员，尽快疏通道路',
      '市卫生健康委员会签收批示：全力救治伤员，尽快疏通道路',
    ]);
  });

  it('drafts the initial report from the recorded facts', async () => {
    const e = await declare();
    expect((await command(s, tok('officer'), e.id, { action: 'update_casualties', casualties: { deaths: 3, injured: 14, missing: 1 }, lossesWan: 650 })).status).toBe(200);
    expect((await detail(s, tok('officer'), e.id)).suggestedLevel).toBe(3);
    expect((await command(s, tok('officer'), e.id, { action: 'draft_report', kind: 'initial' })).status).toBe(200);
    const report = (await detail(s, tok('officer'), e.id)).emergency.reports[0]!;
    expect(report.kind).toBe('initial');
    expect(report.sentAt).toBeNull();
    expect(report.draft).toContain('事件已造成3人死亡、14人受伤、1人失踪，直接经济损失约650万元');
    expect(report.draft).toContain('大祥区');
    expect(report.draft).toContain('东经111.4400°，北纬27.2200°');
    expect(report.draft).toContain('事件等级：Ⅲ级 较大；');
    expect(report.draft).toContain('市公安局交通警察支队（牵头）：已通知');
    expect(report.draft.split('\n').at(-2)).toBe('邵阳市城市运行管理指挥中心');
    const sent = await command(s, tok('officer'), e.id, { action: 'send_report', reportId: report.id, text: `${report.draft}\n（已核）` });
    expect(sent.status).toBe(200);
    const resent = await command(s, tok('officer'), e.id, { action: 'send_report', reportId: report.id, text: '改写' });
    expect([resent.status, resent.body['error']]).toEqual([422, 'invalid_command']);
    expect((await detail(s, tok('officer'), e.id)).emergency.reports[0]!.text).toBe(`${report.draft}\n（已核）`);
  });

  /** The record once every notification's delivery result (which lands after the command) is on its timeline. */
  const settled = (id: string) =>
    eventually(async () => {
      const x = (await detail(s, tok('shift'), id)).emergency;
      return x.timeline.filter((t) => t.kind === 'notification_result').length === x.timeline.filter((t) => t.kind === 'notification').length && x;
    }, 'delivery results');

  it('exports the record as a PDF with the summary, departments, reports (sent and draft) and the whole timeline, with its font embedded', async () => {
    const e = await declare({ title: '沪昆高速K1203多车相撞', address: '沪昆高速K1203处', reason: '现场报告3人死亡' });
    const ok = async (r: Promise<{ status: number; body: Record<string, unknown> }>) => expect((await r).status).toBe(200);
    await ok(command(s, tok('jjzd'), e.id, { action: 'set_department_status', department: 'jjzd', status: 'on_scene', note: '交警已封闭两条车道' }));
    await ok(command(s, tok('officer'), e.id, { action: 'update_casualties', casualties: { deaths: 4, injured: 15, missing: 0 }, lossesWan: 820 }));
    await ok(command(s, tok('leader'), e.id, { action: 'instruct', text: '务必全力搜救失联人员', to: ['wjw'] }));
    await ok(command(s, tok('officer'), e.id, { action: 'draft_report', kind: 'initial' }));
    await ok(command(s, tok('officer'), e.id, { action: 'send_report', reportId: 'r1', text: '关于沪昆高速多车相撞的初报\n事故已造成4人死亡、15人受伤。手写核实句：肇事货车核载49吨。' }));
    await ok(command(s, tok('officer'), e.id, { action: 'draft_report', kind: 'follow_up', text: '续报草稿：伤员已分送三家医院。' }));
    const before = await settled(e.id);

    // A department handler may read emergencies, so may take one away.
    const res = await fetch(`${s.url}/api/v1/emergencies/${e.id}/document.pdf`, { headers: { authorization: `Bearer ${tok('cgj')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${e.id}.pdf"; filename*=UTF-8''${e.id}.pdf`);
    const pdf = new Uint8Array(await res.arrayBuffer());
    const text = (await pdfPageTexts(pdf)).join('').replace(/\s+/g, '');
    for (const fact of [
      '沪昆高速K1203多车相撞',
      '事故灾难/道路交通事故',
      'Ⅲ级较大',
      '实战',
      '演示值班长，2026-11-27',
      '大祥区沪昆高速K1203处（东经111.44000°，北纬27.22000°）',
      '死亡4人，受伤15人，失踪0人',
      '约820万元',
      '《邵阳市道路交通事故应急预案》',
      '市公安局交通警察支队（牵头）',
      '到场2026-11-27',
      '务必全力搜救失联人员',
      '市卫生健康委员会：未签收',
      '初报（已报送）',
      '报送：演示值班员',
      '手写核实句：肇事货车核载49吨。',
      '续报（草稿，未报送）',
      '续报草稿：伤员已分送三家医院。',
      '市公安局交通警察支队到场：交警已封闭两条车道',
      '伤亡损失更新：死亡4人、受伤15人、失踪0人，直接经济损失约820万元',
      '报送初报（书面）',
      '导出：演示城管局处置员',
    ]) {
      expect(text, fact).toContain(fact);
    }
    // Every timeline entry, in order, numbered.
    for (const x of before.timeline) expect(text).toContain(`${x.seq}${'2026-11-27'}`);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.file, f.name).toBe('FontFile3');
    // Reading it changed nothing.
    expect((await detail(s, tok('shift'), e.id)).emergency).toEqual(before);
  });

  it('refuses an export of a missing emergency, and to a caller who may not read emergencies, changing nothing', async () => {
    const e = await settled((await declare()).id);
    const missing = await call(s, 'GET', '/api/v1/emergencies/E20991231-999/document.pdf', tok('officer'));
    expect([missing.status, missing.body]).toEqual([404, { error: 'not_found', message: 'no such emergency' }]);
    const bad = await call(s, 'GET', '/api/v1/emergencies/no%20such/document.pdf', tok('officer'));
    expect([bad.status, bad.body['error']]).toEqual([400, 'bad_request']);
    const anonymous = await call(s, 'GET', `/api/v1/emergencies/${e.id}/document.pdf`, undefined);
    expect(anonymous.status).toBe(401);
    const source = await call(s, 'GET', `/api/v1/emergencies/${e.id}/document.pdf`, await sourceKey(s));
    expect([source.status, source.body['error'], source.body['message']]).toEqual([403, 'forbidden', 'source may not emergencies.read']);
    expect((await detail(s, tok('shift'), e.id)).emergency).toEqual(e);
  });

  it('answers a stale version with 409 and the current version only, changing nothing', async () => {
    const e = await declare();
    expect((await command(s, tok('officer'), e.id, { action: 'add_note', text: '现场天气晴' })).status).toBe(200);
    const stale = await call(s, 'POST', `/api/v1/emergencies/${e.id}/commands`, tok('officer'), { version: 1, action: 'add_note', text: '重复提交' });
    expect(stale.status).toBe(409);
    expect(Object.keys(stale.body).sort()).toEqual(['error', 'message', 'version']);
    expect([stale.body['error'], stale.body['version']]).toEqual(['version_conflict', 2]);
    const now = (await detail(s, tok('officer'), e.id)).emergency;
    expect([now.version, now.timeline.filter((x) => x.kind === 'note').length]).toEqual([2, 1]);
  });

  it('returns the plan’s resources nearest the incident with ETAs', async () => {
    const e = await declare();
    const r = (await call(s, 'GET', `/api/v1/emergencies/${e.id}/resources`, tok('leader'))).body as unknown as { resource: { id: string; kind: string }; distanceM: number; etaMinutes: number }[];
    // Road traffic: hospitals, rescue teams, fire stations; 大祥区's own brigade and 中心医院 are among the nearest.
    expect(new Set(r.map((x) => x.resource.kind))).toEqual(new Set(['hospital', 'rescue_team', 'fire_station']));
    expect(r.map((x) => x.resource.id)).toContain('hospital-central');
    expect(r.map((x) => x.resource.id)).toContain('fire-430503');
    const distances = r.map((x) => x.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    // 大祥区消防救援大队 at [111.443091, 27.228452]: 0.008452° north (939.8 m) and 0.003091° east
    // (× cos 27.22° = 305.6 m) of the incident, √(939.8² + 305.6²) = 988 m; at 40 km/h 1.5 min → 2.
    const brigade = r.find((x) => x.resource.id === 'fire-430503')!;
    expect(brigade.distanceM).toBeGreaterThanOrEqual(985);
    expect(brigade.distanceM).toBeLessThanOrEqual(991);
    expect(brigade.etaMinutes).toBe(2);
  });

  it('a drill runs like the real thing and never moves a dispatch KPI', async () => {
    const { client: wall } = recordingClient(s.url, ['dispatch'], { token: tok('leader') });
    cleanups.push(() => wall.close());
    const caseId = (await call(s, 'POST', '/api/v1/cases', tok('officer'), accident)).body['id'] as string;
    const kpis = await waitFor(() => wall.entries('dispatch')['kpis'] as DispatchOverview | undefined, 'KPIs');
    const caseBefore = (await call(s, 'GET', `/api/v1/cases/${caseId}`, tok('officer'))).body as unknown as CaseDetail;

    const drill = await declare({ drill: true, caseIds: [caseId], title: '高速公路交通事故应急演练' });
    expect(drill.drill).toBe(true);
    expect(drill.timeline[0]!.text.startsWith('【演练】')).toBe(true);
    await command(s, tok('jjzd'), drill.id, { action: 'set_department_status', department: 'jjzd', status: 'on_scene' });
    await command(s, tok('officer'), drill.id, { action: 'update_casualties', casualties: { deaths: 0, injured: 5, missing: 0 }, lossesWan: 20 });
    await command(s, tok('shift'), drill.id, { action: 'stand_down', reason: '演练结束' });

    const caseAfter = (await call(s, 'GET', `/api/v1/cases/${caseId}`, tok('officer'))).body as unknown as CaseDetail;
    expect([caseAfter.case.version, caseAfter.case.state, caseAfter.history.length]).toEqual([caseBefore.case.version, caseBefore.case.state, caseBefore.history.length]);
    // A fresh subscriber gets the KPIs as they now stand.
    const { client: fresh } = recordingClient(s.url, ['dispatch'], { token: tok('leader') });
    cleanups.push(() => fresh.close());
    expect(await waitFor(() => fresh.entries('dispatch')['kpis'], 'fresh KPIs')).toEqual(kpis);
  });

  it('refuses a declaration from a case that does not exist, or with a sub-type of another category', async () => {
    const missing = await call(s, 'POST', '/api/v1/emergencies', tok('shift'), declaration({ caseIds: ['C20261127-9999'] }));
    expect([missing.status, missing.body['error'], missing.body['message']]).toEqual([422, 'invalid_command', 'no case C20261127-9999']);
    const wrong = await call(s, 'POST', '/api/v1/emergencies', tok('shift'), declaration({ subtype: 'flood', location: [111.44, 27.22], division: '430503' }));
    expect([wrong.status, wrong.body['error']]).toEqual([422, 'invalid_command']);
    const direct = await call(s, 'POST', '/api/v1/emergencies', tok('shift'), declaration());
    expect([direct.status, direct.body['error']]).toEqual([422, 'invalid_command']);
  });
});

describe('notifications and timers', () => {
  it('posts group-robot text messages to the webhook and records each delivery result', async () => {
    const received: { msgtype: string; text: { content: string } }[] = [];
    const robot = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const msg = JSON.parse(body) as { msgtype: string; text: { content: string } };
        received.push(msg);
        // The robot refuses messages for 卫健委 (as a robot with a keyword filter would).
        if (msg.text.content.includes('卫生健康')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":310000,"errmsg":"keywords not in content"}');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
        }
      });
    });
    await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => robot.close(() => r())));
    const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=secret-key`;
    const s = await startTestServer({ NOTIFY_WEBHOOK_URL: url });
    cleanups.push(() => s.stop());
    const shift = await login(s, 'shift');
    const r = await call(s, 'POST', '/api/v1/emergencies', shift, declaration({ location: [111.44, 27.22], division: '430503' }));
    const id = (r.body as unknown as EmergencyDetail).emergency.id;
    const results = await eventually(async () => {
      const tl = (await detail(s, shift, id)).emergency.timeline.filter((x) => x.kind === 'notification_result');
      return tl.length === 4 && tl;
    }, 'four delivery results');
    expect(received).toHaveLength(4);
    expect(received.every((m) => m.msgtype === 'text' && m.text.content.includes('沪昆高速多车相撞事故'))).toBe(true);
    expect(received.map((m) => m.text.content.slice(0, m.text.content.indexOf('】') + 1)).sort()).toEqual(
      ['【市交通运输局】', '【市公安局交通警察支队】', '【市卫生健康委员会】', '【市消防救援支队】'].sort(),
    );
    expect(results.map((x) => [x.department, x.ok]).sort()).toEqual([['jjzd', true], ['jtysj', true], ['wjw', false], ['xfzd', true]]);
    expect(results.find((x) => x.department === 'wjw')!.text).toBe('群机器人通知市卫生健康委员会未送达（HTTP 200, errcode 310000）');
    // The webhook's key never reaches the record.
    expect(JSON.stringify(await detail(s, shift, id))).not.toContain('secret-key');
  }, 60_000);

  it('flags silent departments and an overdue phone report on the server’s tick', async () => {
    // 900× simulated time: the 15-minute silence limit and the 30-minute phone limit pass in seconds.
    const s = await startTestServer({ SIM_SPEED: '900', CASE_TICK_MS: '200' });
    cleanups.push(() => s.stop());
    const shift = await login(s, 'shift');
    const r = await call(s, 'POST', '/api/v1/emergencies', shift, declaration({ location: [111.44, 27.22], division: '430503' }));
    const id = (r.body as unknown as EmergencyDetail).emergency.id;
    const e = await eventually(async () => {
      const x = (await detail(s, shift, id)).emergency;
      return x.reportDeadlines.find((d) => d.channel === 'phone')!.overdueAt !== null && x.departments.every((d) => d.silentSince !== null) && x;
    }, 'silence and overdue flags', 30_000);
    expect(e.version).toBe(1);
    expect(e.timeline.filter((x) => x.kind === 'silence').map((x) => x.department)).toEqual(['jjzd', 'jtysj', 'wjw', 'xfzd']);
    expect(e.timeline.filter((x) => x.kind === 'deadline_overdue').map((x) => x.text)[0]).toMatch(/^电话报告已超过时限/);
  }, 60_000);
});
