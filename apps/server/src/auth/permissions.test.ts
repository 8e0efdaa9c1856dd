import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { ACTIONS, can, type Action } from '@cw/access';
import { EMERGENCY_ACTIONS, PROTOCOL_VERSION, ROLES, type CaseAction, type CaseDetail, type CaseState, type EmergencyAction, type EmergencyDetail, type NewCase, type Role } from '@cw/contracts';
import { WORKFLOW } from '@cw/dispatch';
import { parseSnapshot } from '@cw/sync';
import type { RunningServer } from '../app.ts';
import { airReading, call, login, pairDisplay, recordingClient, sourceKey, startTestServer, waitFor } from '../testing/harness.ts';

/**
 * The whole role × action matrix, generated from the permission table: every allowed
 * action succeeds, every other is refused (HTTP 401/403, or a typed socket error) and
 * changes nothing. Over HTTP for commands and reads, over the socket for subscriptions.
 */

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];
let s: RunningServer;
const tokens = new Map<Who, string | undefined>();
const demoUser: Partial<Record<Role, string>> = { leader: 'leader', shift_leader: 'shift', duty_officer: 'officer', inspector: 'inspector', department: 'cgj', admin: 'admin' };

beforeAll(async () => {
  s = await startTestServer({ SIM_BACKFILL_DAYS: '0', NGSI_NOTIFY_ALLOW: '127.0.0.1' });
  tokens.set('anonymous', undefined);
  for (const [role, user] of Object.entries(demoUser)) tokens.set(role as Role, await login(s, user));
  tokens.set('wall', await pairDisplay(s));
  tokens.set('source', await sourceKey(s));
}, 60_000);
afterAll(async () => s?.stop());

const allowed = (who: Who, action: Action) => who !== 'anonymous' && can(who, action);
const officer = () => tokens.get('duty_officer')!;
const admin = () => tokens.get('admin')!;

// ---- cases in a given state --------------------------------------------------------------

const report = (n: number): NewCase => ({
  title: `测试案件 ${n}`,
  description: '权限矩阵测试',
  // A hotline case, so that every intake action (closing on the call too) applies.
  channel: 'hotline_12345',
  requestType: 'inquiry',
  category: 'city_appearance',
  urgency: 'normal',
  division: '430502',
  location: [111.48 + n * 0.00001, 27.23],
  reporter: { name: '李先生', phone: '13900000000' },
});
let counter = 0;

async function command(token: string, id: string, body: Record<string, unknown>) {
  const version = ((await call(s, 'GET', `/api/v1/cases/${id}`, officer())).body as unknown as CaseDetail).case.version;
  const r = await call(s, 'POST', `/api/v1/cases/${id}/commands`, token, { caseId: id, expectedVersion: version, comment: 'test', ...body });
  if (r.status !== 200) throw new Error(`setup ${String(body['action'])} failed: ${JSON.stringify(r.body)}`);
}

/** The path to each state, as (who, command) steps from a new report. */
const PATH: Partial<Record<CaseState, [Role, Record<string, unknown>][]>> = {
  reported: [],
  verifying: [['duty_officer', { action: 'verify' }]],
  registered: [['duty_officer', { action: 'register' }]],
  dispatched: [['duty_officer', { action: 'register' }], ['duty_officer', { action: 'dispatch', department: 'cgj' }]],
};
PATH.returned = [...PATH.dispatched!, ['department', { action: 'return' }]];
PATH.acknowledged = [...PATH.dispatched!, ['department', { action: 'acknowledge' }]];
PATH.in_progress = [...PATH.acknowledged, ['department', { action: 'start' }]];
PATH.extension_requested = [...PATH.in_progress, ['department', { action: 'request_extension', workingDays: 2 }]];
PATH.parking_requested = [...PATH.in_progress, ['department', { action: 'request_parking' }]];
PATH.parked = [...PATH.parking_requested, ['shift_leader', { action: 'approve_parking' }]];
PATH.feedback = [...PATH.in_progress, ['department', { action: 'feedback' }]];
PATH.checking = [...PATH.feedback, ['duty_officer', { action: 'start_check' }]];
PATH.closed = [...PATH.checking, ['duty_officer', { action: 'check_pass' }]];

async function caseIn(state: CaseState): Promise<string> {
  const id = (await call(s, 'POST', '/api/v1/cases', officer(), report(++counter))).body['id'] as string;
  for (const [role, body] of PATH[state]!) await command(tokens.get(role)!, id, body);
  return id;
}

/** The extra fields each command needs. */
async function commandBody(action: CaseAction): Promise<Record<string, unknown>> {
  switch (action) {
    case 'dispatch':
      return { department: 'cgj' };
    case 're_dispatch':
      return { department: 'zjj' };
    case 'request_extension':
      return { workingDays: 2 };
    case 'evaluate':
      return { rating: 'satisfied' };
    case 'close_on_call':
      return { answer: '已答复来电人' };
    case 'merge': {
      const dup = await caseIn('reported');
      return { duplicateId: dup, duplicateExpectedVersion: 1 };
    }
    case 'merge_into':
      return { primaryId: await caseIn('registered') };
    default:
      return {};
  }
}

const version = async (id: string) => ((await call(s, 'GET', `/api/v1/cases/${id}`, officer())).body as unknown as CaseDetail).case.version;

// ---- probes ----------------------------------------------------------------------------

interface Probe {
  /** Performs the action as `token`: 'ok' when it succeeded, 'refused' when refused; throws otherwise. */
  attempt(token: string | undefined, who: Who): Promise<'ok' | 'refused'>;
}

const refusedStatus = (status: number) => status === 401 || status === 403;
function http(method: string, path: string | (() => Promise<string>), body?: () => Promise<unknown> | unknown, okStatus = [200, 201, 202]): Probe {
  return {
    async attempt(token) {
      const p = typeof path === 'string' ? path : await path();
      const r = await call(s, method, p, token, body === undefined ? undefined : await body());
      if (okStatus.includes(r.status)) return 'ok';
      if (refusedStatus(r.status)) return 'refused';
      throw new Error(`${method} ${p}: unexpected ${r.status} ${JSON.stringify(r.body)}`);
    },
  };
}

/** A subscription: snapshot means allowed; `forbidden` or a refused handshake means refused. */
function subscription(topic: string): Probe {
  return {
    async attempt(token) {
      const socket = io(s.url, { auth: { protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) }, transports: ['websocket'], reconnection: false });
      try {
        const outcome = await new Promise<'ok' | 'refused'>((resolve, reject) => {
          socket.on('connect_error', (err) => ((err as Error & { data?: { code?: string } }).data?.code === 'unauthenticated' ? resolve('refused') : reject(err)));
          socket.on('connect', () => socket.emit('subscribe', { topic }));
          socket.on('snapshot', (json: string) => parseSnapshot(json)?.topic === topic && resolve('ok'));
          socket.on('protocol_error', (e: { code: string }) => (e.code === 'forbidden' ? resolve('refused') : reject(new Error(e.code))));
        });
        return outcome;
      } finally {
        socket.close();
      }
    },
  };
}

let division = 0;
const DIVISIONS = ['430503', '430511', '430522', '430523', '430524', '430525', '430527', '430528', '430529', '430581', '430582'];
type StoredAlert = { id: string; scope: string; acknowledgedAt: number | null; clearedAt: number | null };
/**
 * An open alert: extreme PM2.5 in the next division whose smog nobody has acknowledged yet
 * (an acknowledged crossing is not raised again while it lasts).
 */
async function freshAlert(): Promise<string> {
  const before = (await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as StoredAlert[];
  const blocked = new Set(before.filter((a) => a.acknowledgedAt !== null && a.clearedAt === null).map((a) => a.scope));
  let code = DIVISIONS[division++ % DIVISIONS.length]!;
  for (let i = 0; i < DIVISIONS.length && blocked.has(code); i++) code = DIVISIONS[division++ % DIVISIONS.length]!;
  await call(s, 'POST', '/api/v1/events', admin(), { events: [airReading(code, s.clock.now(), 480, `alert-${code}-${division}`)] });
  let found: string | undefined;
  for (let i = 0; i < 50 && found === undefined; i++) {
    const alerts = (await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as StoredAlert[];
    found = alerts.find((a) => a.scope === code && a.acknowledgedAt === null)?.id;
    if (found === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  if (found === undefined) throw new Error(`no alert raised for ${code}`);
  return found;
}

// ---- emergencies in a given shape ---------------------------------------------------------

const shiftLeader = () => tokens.get('shift_leader')!;
/**
 * An alert to open a case or an emergency from: a scenic area at its capacity (景区承载率 100 %,
 * 红), one division per alert, so that these probes take none of the divisions' smog alerts the
 * acknowledge probes need. A refused attempt leaves its alert for the next probe.
 */
const SCENIC = [
  { site: 'scenic-baishuidong', division: '430522', capacity: 8000 },
  { site: 'scenic-huxingshan', division: '430524', capacity: 6000 },
  { site: 'scenic-langshan', division: '430528', capacity: 40000 },
  { site: 'scenic-nanshan', division: '430529', capacity: 15000 },
  // 武冈 has two areas (12 000 + 10 000): the division's use is over both.
  { site: 'scenic-wugang-old-town', division: '430581', capacity: 22000 },
];
let scenic = 0;
async function unlinkedAlert(): Promise<string> {
  const crowded = async () =>
    ((await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as (StoredAlert & { metric: string; link: unknown })[]).filter((a) => a.metric === 'tour.capacity_use' && a.scope !== 'city');
  const left = (await crowded()).find((a) => a.acknowledgedAt === null && a.link === null);
  if (left) return left.id;
  const area = SCENIC[scenic++]!;
  await call(s, 'POST', '/api/v1/events', admin(), {
    events: [{ kind: 'tourism.gate', id: `crowd-${area.site}`, ts: s.clock.now(), division: area.division, site: area.site, type: 'local', values: { entries: area.capacity, exits: 0 } }],
  });
  for (let i = 0; i < 50; i++) {
    const raised = (await crowded()).find((a) => a.scope === area.division && a.link === null);
    if (raised) return raised.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no capacity alert for ${area.site}`);
}
/** A linked alert acknowledged: off the walls. */
async function settled(id: string): Promise<'ok'> {
  await call(s, 'POST', `/api/v1/alerts/${id}/acknowledge`, officer(), {});
  return 'ok';
}
const EMERGENCY = { title: '矩阵测试事故', category: 'accident', subtype: 'road_traffic', level: 3, reason: '矩阵测试', location: [111.44, 27.22], division: '430503' };
const emergencyVersion = async (id: string) => ((await call(s, 'GET', `/api/v1/emergencies/${id}`, shiftLeader())).body as unknown as EmergencyDetail).emergency.version;
async function emergencyCommand(token: string, id: string, body: Record<string, unknown>) {
  const r = await call(s, 'POST', `/api/v1/emergencies/${id}/commands`, token, { version: await emergencyVersion(id), ...body });
  if (r.status !== 200) throw new Error(`setup ${String(body['action'])} failed: ${JSON.stringify(r.body)}`);
}
/** Links the demo department (cgj) so its handler may act. */
const linkCgj = (id: string) => emergencyCommand(officer(), id, { action: 'notify_department', department: 'cgj' });

/** Per emergency command: what to prepare on a fresh Ⅲ road-traffic emergency, and the body. */
const EMERGENCY_SETUP: Record<EmergencyAction, { prepare?: (id: string) => Promise<void>; body: Record<string, unknown> }> = {
  change_level: { body: { level: 2, reason: '矩阵测试' } },
  stand_down: { body: { reason: '矩阵测试' } },
  update_casualties: { body: { casualties: { deaths: 0, injured: 1, missing: 0 }, lossesWan: 1 } },
  set_area: { body: { area: { kind: 'radius', radiusM: 2000 } } },
  set_department_status: { prepare: linkCgj, body: { department: 'cgj', status: 'responded' } },
  check_item: { body: { itemId: 'close' } },
  notify_department: { body: { department: 'cgj' } },
  instruct: { body: { text: '矩阵测试', to: ['jjzd'] } },
  acknowledge_instruction: {
    async prepare(id) {
      await linkCgj(id);
      await emergencyCommand(tokens.get('leader')!, id, { action: 'instruct', text: '矩阵测试', to: ['cgj'] });
    },
    body: { instructionId: 'i1', department: 'cgj' },
  },
  draft_report: { body: { kind: 'initial' } },
  send_report: { prepare: (id) => emergencyCommand(officer(), id, { action: 'draft_report', kind: 'initial' }), body: { reportId: 'r1', text: '矩阵测试' } },
  record_phone_report: { body: { note: '矩阵测试' } },
  add_note: { body: { text: '矩阵测试' } },
};

/** Stands a probe's emergency down so the next probes start from peace. */
async function standDown(id: string) {
  const d = (await call(s, 'GET', `/api/v1/emergencies/${id}`, shiftLeader())).body as unknown as EmergencyDetail;
  if (d.emergency.status === 'active') await emergencyCommand(shiftLeader(), id, { action: 'stand_down', reason: '矩阵测试结束' });
}

/** Taking an emergency away as a PDF: the bytes are not JSON, so not through `call`. */
function exportProbe(): Probe {
  let id: string | undefined;
  return {
    async attempt(token) {
      if (id === undefined) {
        id = ((await call(s, 'POST', '/api/v1/emergencies', shiftLeader(), EMERGENCY)).body as unknown as EmergencyDetail).emergency.id;
        await standDown(id);
      }
      const res = await fetch(`${s.url}/api/v1/emergencies/${id}/document.pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status === 200 && body.subarray(0, 5).toString('latin1') === '%PDF-') return 'ok';
      if (refusedStatus(res.status)) return 'refused';
      throw new Error(`export: unexpected ${res.status}`);
    },
  };
}

const past = () => s.clock.now() - 86_400_000;
const PROBES: Record<Action, Probe | Probe[]> = {
  'vitals.read': subscription('vitals:city'),
  'history.read': http('GET', () => Promise.resolve(`/api/v1/metrics/env.aqi/history?window=1h&from=${past()}&to=${s.clock.now()}`)),
  'feed.read': subscription('feed'),
  'alerts.read': [http('GET', '/api/v1/alerts'), subscription('alerts')],
  'system.read': subscription('system'),
  'profile.read': http('GET', '/api/v1/profile'),
  'alerts.acknowledge': [
    {
      async attempt(token, who) {
        const id = await freshAlert();
        const r = await call(s, 'POST', `/api/v1/alerts/${id}/acknowledge`, token, {});
        const stillOpen = ((await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as { id: string; acknowledgedAt: number | null }[]).find((a) => a.id === id)!.acknowledgedAt === null;
        if (r.status === 200 && !stillOpen) return 'ok';
        if (refusedStatus(r.status) && stillOpen) return 'refused';
        throw new Error(`acknowledge as ${who}: ${r.status}, open ${stillOpen}`);
      },
    },
    {
      // Bulk, with a reason: recorded on each alert, or nothing changes.
      async attempt(token, who) {
        const ids = [await freshAlert(), await freshAlert()];
        const r = await call(s, 'POST', '/api/v1/alerts/acknowledge', token, { ids, note: '批量确认测试' });
        const stored = ((await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as { id: string; acknowledgedAt: number | null; acknowledgeNote: string | null }[]).filter((a) => ids.includes(a.id));
        if (r.status === 200 && stored.length === 2 && stored.every((a) => a.acknowledgedAt !== null && a.acknowledgeNote === '批量确认测试')) return 'ok';
        if (refusedStatus(r.status) && stored.length === 2 && stored.every((a) => a.acknowledgedAt === null && a.acknowledgeNote === null)) return 'refused';
        throw new Error(`bulk acknowledge as ${who}: ${r.status}, ${JSON.stringify(stored)}`);
      },
    },
  ],
  'system.set_mode': http('PUT', '/api/v1/system/mode', () => ({ mode: 'peace' })),
  'alerts.open_case': {
    // A case from a fresh alert: opened and linked, or refused with no link and no case.
    async attempt(token, who) {
      const id = await unlinkedAlert();
      const r = await call(s, 'POST', `/api/v1/alerts/${id}/case`, token, report(++counter));
      const link = ((await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as { id: string; link: { id: string } | null }[]).find((a) => a.id === id)!.link;
      if (r.status === 201 && link?.id === r.body['id']) return settled(id);
      if (refusedStatus(r.status) && link === null) return 'refused';
      throw new Error(`case from alert as ${who}: ${r.status}, link ${JSON.stringify(link)}`);
    },
  },
  'alerts.open_emergency': {
    async attempt(token, who) {
      const id = await unlinkedAlert();
      const r = await call(s, 'POST', `/api/v1/alerts/${id}/emergency`, token, EMERGENCY);
      const link = ((await call(s, 'GET', '/api/v1/alerts', admin())).body as unknown as { id: string; link: { id: string } | null }[]).find((a) => a.id === id)!.link;
      if (r.status === 201) {
        const declared = (r.body as unknown as EmergencyDetail).emergency.id;
        await standDown(declared);
        if (link?.id === declared) return settled(id);
      }
      if (refusedStatus(r.status) && link === null) return 'refused';
      throw new Error(`emergency from alert as ${who}: ${r.status}, link ${JSON.stringify(link)}`);
    },
  },
  'cases.read_all': [subscription('cases'), subscription('dispatch')],
  'cases.read_personal': {
    async attempt(token) {
      const id = await caseIn('reported');
      const r = await call(s, 'GET', `/api/v1/cases/${id}`, token);
      if (r.status === 200) return (r.body as unknown as CaseDetail).case.reporter ? 'ok' : 'refused';
      // A case a caller may not read answers as a missing one (404).
      if (refusedStatus(r.status) || r.status === 404) return 'refused';
      throw new Error(`unexpected ${r.status}`);
    },
  },
  'cases.read_department': subscription('cases:cgj'),
  'cases.read_field': {
    // What to look at on site (the description) without who called.
    async attempt(token) {
      const id = await caseIn('reported');
      const r = await call(s, 'GET', `/api/v1/cases/${id}`, token);
      const c = r.status === 200 ? (r.body as unknown as CaseDetail).case : null;
      if (c && c.description !== '' && c.reporter === undefined) return 'ok';
      if (c || refusedStatus(r.status) || r.status === 404) return 'refused';
      throw new Error(`unexpected ${r.status}`);
    },
  },
  'cases.upload_photo': {
    async attempt(token) {
      const id = await caseIn('verifying');
      // The smallest JPEG signature the server accepts as one.
      const res = await fetch(`${s.url}/api/v1/cases/${id}/photos`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]),
      });
      if (res.status === 201) return 'ok';
      if (refusedStatus(res.status) || res.status === 404) return 'refused';
      throw new Error(`unexpected ${res.status}`);
    },
  },
  'cases.report': {
    async attempt(token) {
      const r = await call(s, 'POST', '/api/v1/cases', token, report(++counter));
      if (r.status === 201) return 'ok';
      if (refusedStatus(r.status)) return 'refused';
      throw new Error(`unexpected ${r.status}`);
    },
  },
  'cases.assessment': http('GET', () => Promise.resolve(`/api/v1/dispatch/assessment/${new Date(s.clock.now() + 8 * 3_600_000).toISOString().slice(0, 7)}`)),
  'cases.instruct': http('POST', async () => `/api/v1/cases/${await caseIn('registered')}/instructions`, () => ({ text: '请尽快处理' })),
  ...(Object.fromEntries(
    WORKFLOW.map((row) => [
      `case.${row.action}`,
      {
        async attempt(token: string | undefined) {
          const id = await caseIn(row.from.find((st) => PATH[st] !== undefined)!);
          const before = await version(id);
          const body = { caseId: id, expectedVersion: before, comment: 'matrix test', action: row.action, ...(await commandBody(row.action)) };
          const r = await call(s, 'POST', `/api/v1/cases/${id}/commands`, token, body);
          if (r.status === 200) return 'ok';
          if (refusedStatus(r.status) && (await version(id)) === before) return 'refused';
          throw new Error(`${row.action}: unexpected ${r.status} ${JSON.stringify(r.body)}`);
        },
      } satisfies Probe,
    ]),
  ) as unknown as Record<`case.${CaseAction}`, Probe>),
  'emergencies.read': [http('GET', '/api/v1/emergencies'), subscription('emergencies'), exportProbe()],
  'emergency.declare': {
    async attempt(token, who) {
      const r = await call(s, 'POST', '/api/v1/emergencies', token, EMERGENCY);
      if (r.status === 201) {
        await standDown((r.body as unknown as EmergencyDetail).emergency.id);
        return 'ok';
      }
      if (refusedStatus(r.status)) return 'refused';
      throw new Error(`declare as ${who}: ${r.status} ${JSON.stringify(r.body)}`);
    },
  },
  ...(Object.fromEntries(
    EMERGENCY_ACTIONS.map((action) => [
      `emergency.${action}`,
      {
        async attempt(token: string | undefined) {
          const id = ((await call(s, 'POST', '/api/v1/emergencies', shiftLeader(), EMERGENCY)).body as unknown as EmergencyDetail).emergency.id;
          const setup = EMERGENCY_SETUP[action];
          await setup.prepare?.(id);
          const before = await emergencyVersion(id);
          const r = await call(s, 'POST', `/api/v1/emergencies/${id}/commands`, token, { version: before, action, ...setup.body });
          const after = await emergencyVersion(id);
          await standDown(id);
          if (r.status === 200) return 'ok';
          if (refusedStatus(r.status) && after === before) return 'refused';
          throw new Error(`${action}: unexpected ${r.status} ${JSON.stringify(r.body)}`);
        },
      } satisfies Probe,
    ]),
  ) as unknown as Record<`emergency.${EmergencyAction}`, Probe>),
  'briefings.read': http('GET', '/api/v1/briefings'),
  // Yesterday is compiled (200), or refused after the guard while its windows are not closed (409).
  'briefings.compile': http('POST', () => Promise.resolve(`/api/v1/briefings/${new Date(past() + 8 * 3_600_000).toISOString().slice(0, 10)}/compile`), undefined, [200, 409]),
  'events.ingest': http('POST', '/api/v1/events', () => ({ events: [airReading('430502', s.clock.now(), 30, `matrix-${++counter}`)] })),
  'ngsi.subscriptions': [
    http('GET', '/ngsi-ld/v1/subscriptions'),
    // Port 9 (discard): nothing listens, and nothing changes meanwhile to be notified of.
    http('POST', '/ngsi-ld/v1/subscriptions', () => ({ type: 'Subscription', entities: [{ type: 'Alert' }], notification: { endpoint: { uri: 'http://127.0.0.1:9/notify' } } })),
  ],
  'users.manage': [http('GET', '/api/v1/users'), http('POST', '/api/v1/users', () => ({ username: `user${++counter}`, displayName: '测试', role: 'leader', password: 'a-long-password' }))],
  'departments.manage': http('PUT', () => Promise.resolve(`/api/v1/departments/test-${++counter}`), () => ({ name: { zh: '测试局', en: 'Test bureau' }, kind: 'bureau', categories: [] })),
  'displays.manage': http('GET', '/api/v1/displays'),
  'sources.manage': http('POST', '/api/v1/sources', () => ({ name: `source ${++counter}` })),
  'thresholds.manage': http('PUT', '/api/v1/thresholds/env.o3', () => ({ bad: 'high', levels: { blue: 200.1, yellow: 300.1, orange: 400.1 }, clear: 180 })),
  'audit.read': http('GET', '/api/v1/audit'),
  'api.docs': http('GET', '/api/docs/json'),
  // The test server keeps its store in SQLite or memory; either answer comes after the guard.
  'store.backup': http('POST', '/api/v1/admin/backup', undefined, [201, 409]),
  'self.read': http('GET', '/api/v1/auth/me'),
  'self.change_password': {
    async attempt(token, who) {
      // Re-using the password is refused on its content (422), after the permission passed;
      // so the demo accounts keep their password for the rest of the matrix.
      const r = await call(s, 'POST', '/api/v1/auth/password', token, { current: 'citywindow-demo', next: 'citywindow-demo' });
      if (r.status === 422 && r.body['error'] === 'password_reused') return 'ok';
      if (refusedStatus(r.status)) return 'refused';
      throw new Error(`change password as ${who}: ${r.status}`);
    },
  },
};

describe('the role × action matrix', () => {
  it('has a probe for every action in the permission table', () => {
    expect(Object.keys(PROBES).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    it(`${action}: allowed roles succeed, all others are refused and change nothing`, async () => {
      const probes = [PROBES[action]].flat();
      for (const who of WHO) {
        for (const probe of probes) {
          const outcome = await probe.attempt(tokens.get(who), who);
          expect(`${who}: ${outcome}`).toBe(`${who}: ${allowed(who, action) ? 'ok' : 'refused'}`);
        }
      }
    }, 60_000);
  }
});

describe('credentials', () => {
  it('refuses a tampered, revoked or unknown credential', async () => {
    const leader = tokens.get('leader')!;
    const tampered = leader.slice(0, -2) + (leader.endsWith('AA') ? 'BB' : 'AA');
    expect((await call(s, 'GET', '/api/v1/profile', tampered)).status).toBe(401);
    expect((await call(s, 'GET', '/api/v1/profile', 'x'.repeat(43))).status).toBe(401);
    const session = await login(s, 'leader');
    await call(s, 'POST', '/api/v1/auth/logout', session);
    expect((await call(s, 'GET', '/api/v1/profile', session)).status).toBe(401);
    const wall = await pairDisplay(s, 'Revoked wall');
    const displays = (await call(s, 'GET', '/api/v1/displays', admin())).body as unknown as { id: string; name: string }[];
    await call(s, 'DELETE', `/api/v1/displays/${displays.find((d) => d.name === 'Revoked wall')!.id}`, admin());
    expect((await call(s, 'GET', '/api/v1/profile', wall)).status).toBe(401);
  });

  it('cuts a disabled user’s open socket and refuses it afterwards', async () => {
    const created = await call(s, 'POST', '/api/v1/users', admin(), { username: 'temp.officer', displayName: '临时值班员', role: 'duty_officer', password: 'a-long-password' });
    expect(created.status).toBe(201);
    const token = await login(s, 'temp.officer', 'a-long-password');
    const { client } = recordingClient(s.url, ['vitals:city'], { token });
    try {
      await waitFor(() => client.status().state === 'live', 'connected');
      const r = await call(s, 'PATCH', `/api/v1/users/${String(created.body['id'])}`, admin(), { disabled: true });
      expect(r.body['disabled']).toBe(true);
      await waitFor(() => client.status().state === 'unauthenticated', 'socket cut and refused');
      expect((await call(s, 'GET', '/api/v1/profile', token)).status).toBe(401);
      expect((await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'temp.officer', password: 'a-long-password' })).status).toBe(401);
    } finally {
      client.close();
    }
  });

  it('throttles sign-in after repeated failures for an account, even with the right password', async () => {
    await call(s, 'POST', '/api/v1/users', admin(), { username: 'throttled', displayName: '节流测试', role: 'leader', password: 'the-right-password' });
    for (let i = 0; i < 5; i++) {
      expect((await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'throttled', password: `wrong-${i}` })).status).toBe(401);
    }
    const locked = await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'throttled', password: 'the-right-password' });
    expect(locked.status).toBe(429);
    expect(locked.body['error']).toBe('throttled');
    // Other accounts from elsewhere are unaffected.
    expect((await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'leader', password: 'citywindow-demo' })).status).toBe(200);
    // Every attempt is in the audit log.
    const audit = (await call(s, 'GET', '/api/v1/audit?limit=20', admin())).body as unknown as { action: string; outcome: string; detail: { username?: string } }[];
    expect(audit.filter((e) => e.action === 'sign_in' && e.detail.username === 'throttled' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(6);
  });
});
