import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Briefing, BriefingSummary, CaseDetail, CaseSummary, CaseTransition, EmergencyDetail } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { pdfFonts, pdfPageTexts } from '../documents/pdf-inspect.ts';
import { SQLITE_FILE } from '../storage/sqlite.ts';
import { call, login, startTestServer, tempDataDir, waitFor } from '../testing/harness.ts';

/**
 * The briefing of a fixed simulated day: 2026-11-27 in Shaoyang, with the default seed. The
 * server fills eight days of history, then runs the simulator live (cases, the duty crew,
 * alerts) from the afternoon through midnight, and compiles the day at BRIEFING_TIME. Every figure is
 * checked against the stored data, read here straight from the SQLite file.
 */
const DAY = '2026-11-27';
const DAY_START = Date.parse('2026-11-27T00:00:00+08:00');
const DAY_END = DAY_START + 86_400_000;
const D = 86_400_000;

let s: RunningServer;
let dataDir: string;
let db: Database.Database;
const tokens: Record<string, string> = {};
let briefing: Briefing;

async function as(user: string, method: string, url: string, body?: unknown) {
  return call(s, method, url, tokens[user], body);
}

/**
 * A command at the case's current version. At 600× the critical case's half-hour sign-for limit
 * is three real seconds, so the server's own chase (督办) may move it between the read and the
 * command on a loaded machine: then read again and retry.
 */
async function caseCommand(user: string, id: string, body: Record<string, unknown>) {
  for (let attempt = 1; ; attempt++) {
    const version = ((await as('officer', 'GET', `/api/v1/cases/${id}`)).body as unknown as CaseDetail).case.version;
    const r = await as(user, 'POST', `/api/v1/cases/${id}/commands`, { caseId: id, expectedVersion: version, ...body });
    if (r.status === 200) return;
    if (r.status !== 409 || r.body['error'] !== 'version_conflict' || attempt === 3) throw new Error(`${String(body['action'])}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

beforeAll(async () => {
  dataDir = tempDataDir();
  s = await startTestServer({
    DATA_DIR: dataDir,
    SIMULATOR: 'on',
    SIM_CASES: 'on',
    SIM_SPEED: '600',
    // The simulated clock is held while the history is written, then runs live from noon:
    // midnight comes 72 real seconds later.
    SIM_START: '2026-11-27T12:00:00+08:00',
    SIM_BACKFILL_DAYS: '8',
    BRIEFING_TIME: '00:20',
    CASE_TICK_MS: '200',
  });
  for (const u of ['leader', 'shift', 'officer', 'cgj', 'admin']) tokens[u] = await login(s, u);

  // A critical emergency case on a one-hour clock, left to run past its deadline before midnight.
  const reported = await as('officer', 'POST', '/api/v1/cases', {
    title: '简报测试：道路塌陷',
    description: '简报测试',
    channel: 'grid_inspector',
    category: 'emergency',
    urgency: 'critical',
    division: '430502',
    location: [111.47, 27.24],
  });
  expect(reported.status).toBe(201);
  const caseId = (reported.body as unknown as CaseSummary).id;
  await caseCommand('officer', caseId, { action: 'register' });
  await caseCommand('officer', caseId, { action: 'dispatch', department: 'cgj' });
  await caseCommand('cgj', caseId, { action: 'acknowledge' });

  // A real emergency stood down within the day, and a drill left running.
  const declare = (drill: boolean) =>
    as('shift', 'POST', '/api/v1/emergencies', { title: drill ? '简报测试演练' : '简报测试事故', category: 'accident', subtype: 'road_traffic', level: 3, reason: '简报测试', location: [111.44, 27.22], division: '430503', drill });
  const real = (await declare(false)).body as unknown as EmergencyDetail;
  expect((await declare(true)).status).toBe(201);
  await waitFor(() => s.clock.now() > real.emergency.declaredAt + 3_600_000, 'an hour of the emergency', 30_000);
  const stood = await as('shift', 'POST', `/api/v1/emergencies/${real.emergency.id}/commands`, { version: ((await as('shift', 'GET', `/api/v1/emergencies/${real.emergency.id}`)).body as unknown as EmergencyDetail).emergency.version, action: 'stand_down', reason: '处置完毕' });
  expect(stood.status).toBe(200);

  // Compiled by the timer after 00:20.
  const until = Date.now() + 150_000;
  for (;;) {
    const r = await as('leader', 'GET', `/api/v1/briefings/${DAY}`);
    if (r.status === 200) {
      briefing = r.body as unknown as Briefing;
      break;
    }
    if (Date.now() > until) throw new Error(`no briefing of ${DAY} by ${new Date(s.clock.now()).toISOString()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
}, 300_000);

afterAll(async () => {
  db?.close();
  await s?.stop();
});

const window = (series: string, start: number) =>
  db.prepare("SELECT count, sum FROM windows WHERE family = '1d' AND series = ? AND scope = 'city' AND start = ?").get(series, start) as { count: number; sum: number } | undefined;
const count = (series: string, start: number) => window(series, start)?.count ?? 0;
const sum = (series: string, start: number) => window(series, start)?.sum ?? 0;
const figure = (metric: string) => briefing.figures.find((f) => f.metric === metric)!;

describe('the briefing of a simulated day', () => {
  it('was compiled by the timer for the day before, after the day closed', () => {
    expect(briefing.day).toBe(DAY);
    expect([briefing.dayStart, briefing.dayEnd]).toEqual([DAY_START, DAY_END]);
    expect(briefing.compiledAt).toBeGreaterThanOrEqual(DAY_END + 20 * 60_000);
  });

  it('has the key figures of the stored day windows, against the day before and last week', () => {
    for (const [metric, series] of [['gov.received_today', 'gov.received'], ['hotline.calls_today', 'hotline.call'], ['safety.police_today', 'police.incident']] as const) {
      const f = figure(metric);
      expect([f.value, f.previousDay, f.lastWeek], metric).toEqual([count(series, DAY_START), count(series, DAY_START - D), count(series, DAY_START - 7 * D)]);
      expect(f.value, metric).toBeGreaterThan(0);
      expect(f.changeDay).toBe(count(series, DAY_START) - count(series, DAY_START - D));
    }
    const visitors = figure('tour.visitors_today');
    expect(visitors.value).toBe(sum('tourism.gate.entries', DAY_START));
    expect(visitors.lastWeek).toBe(sum('tourism.gate.entries', DAY_START - 7 * D));
    const answered = figure('hotline.answer_rate');
    expect(answered.value).toBe(Math.round((sum('hotline.call.answered', DAY_START) / count('hotline.call', DAY_START)) * 1000) / 10);
    const aqi = db.prepare("SELECT aqi FROM daily_aqi WHERE scope = 'city' AND day = ?").pluck();
    expect(figure('env.aqi').value).toBe(aqi.get(DAY_START));
    expect(figure('env.aqi').lastWeek).toBe(aqi.get(DAY_START - 7 * D));
    // The eight days of the chart end with the day.
    expect(figure('gov.received_today').days.map((d) => d.value)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map((n) => count('gov.received', DAY_START - n * D)));
  });

  it('lists the alerts raised in the day with how long they lasted', () => {
    const stored = (db.prepare('SELECT body FROM alerts WHERE raised_at >= ? AND raised_at < ?').pluck().all(DAY_START, DAY_END) as string[]).map((b) => JSON.parse(b) as Alert);
    expect(stored.length).toBeGreaterThan(0);
    expect(briefing.alerts.raised).toBe(stored.length);
    for (const level of ['red', 'orange', 'yellow', 'blue'] as const) expect(briefing.alerts.byLevel[level]).toBe(stored.filter((a) => a.level === level).length);
    for (const a of stored) {
      const item = briefing.alerts.items.find((i) => i.id === a.id)!;
      const end = a.clearedAt !== null && a.clearedAt < DAY_END ? a.clearedAt : DAY_END;
      expect(item.durationMs).toBe(end - a.raisedAt);
    }
  });

  it('counts cases received and closed by channel, and the overdue one by department', () => {
    const received = db
      .prepare("SELECT json_extract(body, '$.channel') AS channel, COUNT(*) AS n FROM cases WHERE reported_at >= ? AND reported_at < ? GROUP BY 1")
      .all(DAY_START, DAY_END) as { channel: string; n: number }[];
    const closed = db
      .prepare(
        `SELECT json_extract(c.body, '$.channel') AS channel, COUNT(DISTINCT t.case_id) AS n FROM case_transitions t JOIN cases c ON c.id = t.case_id
         WHERE json_extract(t.body, '$.to') = 'closed' AND t.at >= ? AND t.at < ? GROUP BY 1`,
      )
      .all(DAY_START, DAY_END) as { channel: string; n: number }[];
    const total = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
    expect(total(received)).toBeGreaterThan(10);
    expect(total(closed)).toBeGreaterThan(0);
    expect(briefing.cases.received).toBe(total(received));
    expect(briefing.cases.closed).toBe(total(closed));
    for (const r of received) expect(briefing.cases.byChannel.find((c) => c.channel === r.channel)?.received, r.channel).toBe(r.n);
    for (const r of closed) expect(briefing.cases.byChannel.find((c) => c.channel === r.channel)?.closed, r.channel).toBe(r.n);

    // Overdue at midnight: open, with a handling or checking clock past its deadline. The clock
    // at midnight is the one the first later transition records, else the case's own.
    const overdue = new Map<string, number>();
    const open = db.prepare("SELECT id, body FROM cases WHERE reported_at < ?").all(DAY_END) as { id: string; body: string }[];
    for (const row of open) {
      const history = (db.prepare('SELECT body FROM case_transitions WHERE case_id = ? ORDER BY seq').pluck().all(row.id) as string[]).map((b) => JSON.parse(b) as CaseTransition);
      const before = history.filter((t) => t.at < DAY_END).at(-1)!;
      if (['closed', 'evaluated', 'voided', 'merged'].includes(before.to)) continue;
      const after = history.find((t) => t.at >= DAY_END);
      const record = JSON.parse(row.body) as CaseDetail['case'];
      const clock = after ? after.sla : record.sla && { step: record.sla.step, deadline: record.sla.paused ? null : record.sla.deadline };
      const department = after ? after.department : record.department;
      if (clock && clock.step !== 'sign_for' && clock.deadline !== null && clock.deadline < DAY_END) overdue.set(department ?? '', (overdue.get(department ?? '') ?? 0) + 1);
    }
    expect(overdue.get('cgj')).toBeGreaterThanOrEqual(1);
    expect(briefing.cases.overdue).toBe([...overdue.values()].reduce((a, b) => a + b, 0));
    for (const [dept, n] of overdue) expect(briefing.cases.byDepartment.find((d) => (d.department ?? '') === dept)?.overdue).toBe(n);
  });

  it('counts the real emergency and keeps the drill apart', () => {
    const rows = db.prepare('SELECT drill, declared_at AS declaredAt, stood_down_at AS stoodDownAt FROM emergencies').all() as { drill: number; declaredAt: number; stoodDownAt: number | null }[];
    const inDay = (t: number | null) => t !== null && t >= DAY_START && t < DAY_END;
    expect(briefing.emergencies.declared).toBe(rows.filter((r) => r.drill === 0 && inDay(r.declaredAt)).length);
    expect(briefing.emergencies.declared).toBe(1);
    expect(briefing.emergencies.stoodDown).toBe(1);
    expect(briefing.emergencies.drills).toBe(1);
    expect(briefing.emergencies.items.map((e) => e.drill)).toEqual([false, true]);
  });

  it('is listed, and compiling the day again later gives the same figures', async () => {
    const list = (await as('shift', 'GET', '/api/v1/briefings')).body as unknown as BriefingSummary[];
    expect(list[0]).toEqual({ day: DAY, compiledAt: briefing.compiledAt, alerts: briefing.alerts.raised, casesReceived: briefing.cases.received, emergencies: 1 });
    // The crew keeps working cases after midnight; the day's figures must not move.
    const later = s.clock.now() + 3_600_000;
    await waitFor(() => s.clock.now() > later, 'another simulated hour', 30_000);
    const again = await as('shift', 'POST', `/api/v1/briefings/${DAY}/compile`);
    expect(again.status).toBe(200);
    const { compiledAt, ...figures } = again.body as unknown as Briefing;
    expect(compiledAt).toBeGreaterThan(briefing.compiledAt);
    const { compiledAt: _first, ...before } = briefing;
    expect(figures).toEqual(before);
  });

  it('gives the same figures as a PDF that embeds its fonts, whose first page renders', async () => {
    const res = await fetch(`${s.url}/api/v1/briefings/${DAY}/pdf`, { headers: { authorization: `Bearer ${tokens['leader']}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const text = (await pdfPageTexts(pdf)).join('').replace(/\s+/g, '');
    const n = (v: number) => new Intl.NumberFormat('zh-CN').format(v);
    const receivedCases = db.prepare('SELECT COUNT(*) FROM cases WHERE reported_at >= ? AND reported_at < ?').pluck().get(DAY_START, DAY_END) as number;
    const alerts = db.prepare('SELECT COUNT(*) FROM alerts WHERE raised_at >= ? AND raised_at < ?').pluck().get(DAY_START, DAY_END) as number;
    expect(text).toContain(`受理案件${n(receivedCases)}`);
    expect(text).toContain(`告警${n(alerts)}`);
    expect(text).toContain(`政务服务今日受理办件${n(count('gov.received', DAY_START))}件`);
    expect(text).toContain(`12345今日来电${n(count('hotline.call', DAY_START))}个`);
    expect(text).toContain('【演练】简报测试演练');
    for (const f of pdfFonts(pdf)) expect(f.file, f.name).not.toBeNull();

    // The first page drawn by pdf.js onto a canvas: a page with text is far from all white.
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: pdf, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: 1 });
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) dark++;
    await doc.destroy();
    // Glyphs cover a few percent of a page of text; an empty or unreadable page covers nothing.
    expect(dark / (pixels.length / 4)).toBeGreaterThan(0.01);
    // Parsing and drawing CJK fonts with pdf.js takes seconds on a busy machine.
  }, 120_000);

  it('refuses a day that is not over, a malformed day, and readers without the right', async () => {
    const today = new Date(s.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await as('shift', 'POST', `/api/v1/briefings/${today}/compile`)).status).toBe(409);
    expect((await as('leader', 'GET', '/api/v1/briefings/2026-13-01')).status).toBe(400);
    expect((await as('leader', 'GET', '/api/v1/briefings/2026-11-01')).status).toBe(404);
    expect((await as('cgj', 'GET', `/api/v1/briefings/${DAY}`)).status).toBe(403);
    expect((await as('leader', 'POST', `/api/v1/briefings/${DAY}/compile`)).status).toBe(403);
  });
});
