// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { EmergencyDetail, EmergencyRecord, NewCase } from '@cw/contracts';
import { pdfFonts, pdfPageTexts } from '../apps/server/src/documents/pdf-inspect.ts';
import { apiToken, openAs } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { screenshotPath } from './support/screenshots.ts';
import { lastCityHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, overflowing, textsSmallerThan, watchConsole } from './support/wall.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // In-memory storage and a mid-morning start: the 2-second switch is the wall's and the
  // topic's, not a busy disk's, and no day rolls over under the test.
  server = await startServerProcess({ SIM_START: lastCityHour(10), STORAGE: 'memory', SIM_BACKFILL_DAYS: '1' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

const accident: NewCase = {
  title: '沪昆高速邵阳段多车相撞',
  description: '110 转报：沪昆高速 K1203 处多车相撞，现场有人员被困。',
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
  reason: '现场报告3人死亡、12人受伤',
  casualties: { deaths: 3, injured: 12, missing: 0 },
  lossesWan: 1200,
  ...over,
});

/** A signed-in API client per demo user, by bearer token. */
async function as(request: APIRequestContext, username: string) {
  const token = await apiToken(request, server.url, username);
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (path: string) => request.get(`${server.url}${path}`, { headers }),
    post: (path: string, data: unknown) => request.post(`${server.url}${path}`, { headers, data }),
    /** One command with the version the user sees now, as a screen sends it. */
    command: async (id: string, body: Record<string, unknown>) => {
      const now = (await (await request.get(`${server.url}/api/v1/emergencies/${id}`, { headers })).json()) as EmergencyDetail;
      const res = await request.post(`${server.url}/api/v1/emergencies/${id}/commands`, { headers, data: { version: now.emergency.version, ...body } });
      expect(res.status(), await res.text()).toBe(200);
      return ((await res.json()) as EmergencyDetail).emergency;
    },
  };
}

async function reportAccident(request: APIRequestContext): Promise<string> {
  const officer = await as(request, 'officer');
  const res = await officer.post('/api/v1/cases', accident);
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function declare(request: APIRequestContext, body: Record<string, unknown>): Promise<EmergencyRecord> {
  const shift = await as(request, 'shift');
  const res = await shift.post('/api/v1/emergencies', body);
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as EmergencyDetail).emergency;
}

const layout = (page: Page) => page.getByTestId('emergency-layout');
const department = (page: Page, id: string) => page.locator(`[data-testid=wall-department][data-department="${id}"]`);

test('a Ⅲ accident declared from a case takes the wall to 战时 and back', async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // A rotating wall: the emergency takes every page of it.
  await openWall(page, server, '/wall/environment', { playlist: 'environment:20,overview:20' });
  const wall = page.getByTestId('wall');
  await expect(page.getByTestId('health')).toHaveAttribute('data-health', /^(live|degraded)$/);
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'peace');
  const pageBefore = await wall.getAttribute('data-page');

  const caseId = await reportAccident(request);

  // A duty officer may not declare: refused, and nothing changes anywhere.
  const officer = await as(request, 'officer');
  const refused = await officer.post('/api/v1/emergencies', declaration({ caseIds: [caseId] }));
  expect(refused.status()).toBe(403);
  expect(await (await officer.get('/api/v1/emergencies')).json()).toEqual([]);
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'peace');
  await expect(wall).toHaveAttribute('data-emergency', '');

  // The shift leader escalates the case; the wall switches within 2 s, without a reload.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const e = await declare(request, declaration({ caseIds: [caseId] }));
  await expect(wall).toHaveAttribute('data-emergency', e.id, { timeout: 2_000 });
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(layout(page)).toHaveAttribute('data-level', '3');

  // Header: 战时 in the level's colour (Ⅲ yellow) and the time since declaration.
  const mode = page.getByTestId('mode');
  await expect(mode).toHaveAttribute('data-mode', 'war');
  await expect(mode).toHaveText('战时 · Ⅲ');
  expect(await mode.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(242, 194, 0)');
  await expect(page.getByTestId('emergency-elapsed')).toContainText(/00:0\d:\d\d/);
  await expect(page.getByTestId('header-emergency')).toHaveText(e.title);

  // The incident: what, where, casualties; on the map with the resources around it.
  const incident = page.getByTestId('wall-emergency-incident');
  await expect(incident.getByTestId('wall-emergency-title')).toHaveText(e.title);
  await expect(incident.getByTestId('wall-emergency-level')).toHaveText('Ⅲ级 较大');
  await expect(incident).toContainText('事故灾难 · 道路交通事故');
  await expect(incident.getByTestId('wall-emergency-place')).toContainText('沪昆高速K1203处');
  await expect(page.getByTestId('casualty-deaths').locator('strong')).toHaveText('3');
  await expect(page.getByTestId('casualty-injured').locator('strong')).toHaveText('12');
  await expect(page.getByTestId('emergency-map').locator('svg')).toBeVisible();
  const resources = page.getByTestId('wall-resource');
  await expect(resources.first()).toBeVisible();
  // The plan's kinds (hospitals, rescue teams, fire stations), each with distance and ETA.
  const shown = await as(request, 'leader');
  const nearest = (await (await shown.get(`/api/v1/emergencies/${e.id}/resources`)).json()) as { resource: { kind: string; name: { zh: string } }; etaMinutes: number }[];
  expect(new Set(nearest.map((r) => r.resource.kind))).toEqual(new Set(['hospital', 'rescue_team', 'fire_station']));
  const closest = [...nearest].sort((a, b) => a.etaMinutes - b.etaMinutes)[0]!;
  await expect(resources.filter({ hasText: closest.resource.name.zh }).getByTestId('resource-eta')).toHaveText(`约 ${closest.etaMinutes} 分钟`);
  await expect(resources.first().getByTestId('resource-distance')).toHaveText(/^\d+(\.\d)? (米|公里)$/);
  // The plan's vital signs, live from the city's figures.
  await expect(page.getByTestId('wall-emergency-vitals').getByTestId('tile-safety.accidents_today').getByTestId('value')).toHaveText(/^\d+$/);

  // The plan's Ⅲ response links 交警 (lead), 交通, 卫健 and 消防, all notified.
  await expect(page.getByTestId('wall-department')).toHaveCount(4);
  await expect(department(page, 'jjzd')).toHaveAttribute('data-status', 'notified');
  await expect(department(page, 'jjzd')).toContainText('牵头');
  await expect(department(page, 'jjzd').getByTestId('department-status')).toHaveText('已通知');
  await expect(department(page, 'jjzd').getByTestId('department-time')).toHaveText(/^等待/);
  const timeline = page.getByTestId('wall-emergency-timeline');
  await expect(timeline.locator('[data-testid=wall-timeline-entry][data-kind=declared]')).toContainText('宣布启动Ⅲ级 较大应急响应');

  // 城管局 is linked by the shift leader and reports its status from its desk's API.
  const shift = await as(request, 'shift');
  await shift.command(e.id, { action: 'notify_department', department: 'cgj', message: '请协助清理事故现场周边道路' });
  await expect(department(page, 'cgj')).toHaveAttribute('data-status', 'notified');
  const cgj = await as(request, 'cgj');
  await cgj.command(e.id, { action: 'set_department_status', department: 'cgj', status: 'dispatched', note: '两台清障车出发' });
  await expect(department(page, 'cgj')).toHaveAttribute('data-status', 'dispatched');
  await expect(department(page, 'cgj').getByTestId('department-status')).toHaveText('出发');
  await expect(department(page, 'cgj').getByTestId('department-time')).toHaveText(/^用时 (<1分钟|\d+分钟)$/);
  await expect(timeline.locator('[data-testid=wall-timeline-entry][data-kind=department_status]').first()).toBeVisible();

  // A leader's instruction shows its addressee, pending, then acknowledged.
  const leader = await as(request, 'leader');
  const instructed = await leader.command(e.id, { action: 'instruct', text: '全力疏导周边交通，防止二次事故', to: ['cgj'] });
  const instructionId = instructed.instructions[0]!.id;
  const instruction = timeline.locator(`[data-testid=wall-instruction][data-instruction-id="${instructionId}"]`);
  await expect(instruction).toContainText('全力疏导周边交通，防止二次事故');
  const addressee = instruction.locator('[data-testid=instruction-addressee][data-department=cgj]');
  await expect(addressee).toHaveAttribute('data-acknowledged', 'false');
  await expect(addressee).toContainText('未签收');
  await cgj.command(e.id, { action: 'acknowledge_instruction', instructionId, department: 'cgj' });
  await expect(addressee).toHaveAttribute('data-acknowledged', 'true');
  await expect(addressee).toContainText('已签收');

  // The 初报 draft carries the recorded facts.
  const drafted = await officer.command(e.id, { action: 'draft_report', kind: 'initial' });
  const draft = drafted.reports.find((r) => r.kind === 'initial')!.draft;
  for (const fact of ['沪昆高速多车相撞事故', '沪昆高速K1203处', '事故灾难（道路交通事故）', 'Ⅲ级 较大', '3人死亡、12人受伤、0人失踪', '约1200万元', `事件由案件${caseId}升级`, '全力疏导周边交通，防止二次事故', '有关单位均已签收落实']) {
    expect(draft, fact).toContain(fact);
  }

  // The reporting limits of a Ⅲ (phone in 30 min, written in 1 h) run as timers; the phone
  // report recorded, its timer says so.
  const deadlines = page.getByTestId('wall-deadline');
  await expect(deadlines).toHaveCount(2);
  await expect(deadlines.and(page.locator('[data-channel=phone]'))).toHaveAttribute('data-state', 'running');
  await expect(deadlines.and(page.locator('[data-channel=phone]')).getByTestId('wall-deadline-clock')).toHaveText(/^00:[0-2]\d:\d\d$/);
  await expect(deadlines.and(page.locator('[data-channel=written]')).getByTestId('wall-deadline-clock')).toHaveText(/^00:[0-5]\d:\d\d$/);
  await expect(deadlines.and(page.locator('[data-channel=written]'))).toContainText('剩余');
  await officer.command(e.id, { action: 'record_phone_report', note: '已电话报告市委总值班室' });
  await expect(deadlines.and(page.locator('[data-channel=phone]'))).toHaveAttribute('data-state', 'met');
  await expect(deadlines.and(page.locator('[data-channel=phone]'))).toContainText('已报送');

  // The cameras nearest the incident, each with its distance (the Shaoyang profile has no streams).
  const cameras = page.getByTestId('wall-camera');
  await expect(cameras).toHaveCount(2);
  await expect(cameras.first()).toContainText(/\d+(\.\d)? (米|公里)/);
  await expect(cameras.first()).toHaveAttribute('data-stream', 'false');

  // The command desk exports the record as a PDF: the title, the draft report marked as a
  // draft and the instruction are in its text, and its font travels with it.
  const desk = await openAs(browser, server.url, 'shift', `/console/emergencies?e=${e.id}`);
  const exportLink = desk.page.getByTestId('emergency-export');
  await expect(exportLink).toBeVisible();
  const [download] = await Promise.all([desk.page.waitForEvent('download'), exportLink.click()]);
  expect(download.suggestedFilename()).toBe(`${e.id}.pdf`);
  const pdf = new Uint8Array(fs.readFileSync(await download.path()));
  const pdfText = (await pdfPageTexts(pdf)).join('').replace(/\s+/g, '');
  for (const fact of [e.title, '初报（草稿，未报送）', '全力疏导周边交通，防止二次事故', '电话报告：已电话报告市委总值班室', '导出：演示值班长']) expect(pdfText, fact).toContain(fact);
  expect(pdfFonts(pdf).every((f) => f.file === 'FontFile3')).toBe(true);
  expect(desk.errors).toEqual([]);
  await desk.context.close();

  // Standing down returns the wall to its pages.
  await shift.command(e.id, { action: 'stand_down', reason: '现场处置完毕，道路恢复通行' });
  await expect(wall).toHaveAttribute('data-emergency', '');
  await expect(layout(page)).toHaveCount(0);
  await expect(page.getByTestId('mode')).toHaveAttribute('data-mode', 'peace');
  await expect(page.getByTestId('rotation')).toBeVisible();
  expect(['environment', 'overview']).toContain(await wall.getAttribute('data-page'));
  expect(pageBefore).not.toBeNull();
  expect(errors).toEqual([]);
});

/** Department rows and camera tiles per layout (EmergencyPage.tsx DEPT_ROWS, CAMERA_TILES). */
const SCREENS = [
  { width: 1920, height: 1080, layout: 'standard', deptRows: 6, cameras: 2 },
  { width: 3840, height: 2160, layout: 'standard', deptRows: 6, cameras: 2 },
  { width: 7680, height: 2160, layout: 'wide', deptRows: 8, cameras: 3 },
] as const;

test('several emergencies: the highest leads, the others are listed and reachable, a drill says 演练; every screen size lays out', async ({ page, request }) => {
  test.setTimeout(300_000);
  const errors = watchConsole(page);
  const caseId = await reportAccident(request);
  const lead = await declare(request, declaration({ caseIds: [caseId], title: '沪昆高速多车相撞事故' }));
  const drill = await declare(request, declaration({ title: '城区危化品泄漏应急演练', category: 'accident', subtype: 'hazardous_chemicals', level: 4, drill: true, reason: '年度综合应急演练', location: [111.47, 27.24], division: '430502', address: '宝庆中路化工仓库', casualties: { deaths: 0, injured: 0, missing: 0 }, lossesWan: 0 }));
  // Some life on the leading one: a department on its way, an instruction, casualties updated.
  const shift = await as(request, 'shift');
  const leader = await as(request, 'leader');
  await shift.command(lead.id, { action: 'update_casualties', casualties: { deaths: 3, injured: 14, missing: 1 }, lossesWan: 1350, note: '新增2人受伤，1人失联' });
  await shift.command(lead.id, { action: 'check_item', itemId: 'close' });
  // Eight linked departments: more than a standard wall's list holds.
  await shift.command(lead.id, { action: 'notify_department', department: 'zjj' });
  await shift.command(lead.id, { action: 'notify_department', department: 'yjglj' });
  await leader.command(lead.id, { action: 'instruct', text: '全力救治伤员，尽快查明失联人员下落', to: ['wjw', 'jjzd'] });
  await shift.command(lead.id, { action: 'notify_department', department: 'gaj' });
  await shift.command(lead.id, { action: 'notify_department', department: 'cgj' });
  const cgj = await as(request, 'cgj');
  await cgj.command(lead.id, { action: 'set_department_status', department: 'cgj', status: 'on_scene' });

  for (const { width, height, layout: shape, deptRows, cameras } of SCREENS) {
    await page.setViewportSize({ width, height });
    await openWall(page, server, '/wall', { playlist: 'off' });
    await expect(page.getByTestId('wall')).toHaveAttribute('data-layout', shape);
    await expect(page.getByTestId('wall')).toHaveAttribute('data-emergency', lead.id);
    await expect(page.getByTestId('wall-other-emergency')).toHaveCount(1);
    await expect(page.getByTestId('wall-other-emergency')).toContainText('演练');
    await expect(page.getByTestId('wall-resource').first()).toBeVisible();
    await expect(page.getByTestId('wall-emergency-vitals').getByTestId('value').first()).toHaveText(/^\d+$/);
    await expect(page.getByTestId('emergency-map').locator('svg')).toBeVisible();
    await expect(page.getByTestId('wall-instruction')).toBeVisible();
    // Eight departments: the lead and the rest up to the layout's rows, "+N" for the others;
    // the timeline keeps its room below.
    const linked = 8;
    const rows = linked <= deptRows ? linked : deptRows - 1;
    await expect(page.getByTestId('wall-department')).toHaveCount(rows);
    await expect(department(page, 'jjzd')).toBeVisible();
    if (rows < linked) await expect(page.getByTestId('wall-departments-more')).toHaveText(`另有 ${linked - rows} 个部门`);
    else await expect(page.getByTestId('wall-departments-more')).toHaveCount(0);
    expect(await page.getByTestId('wall-timeline-entry').count()).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('wall-deadline')).toHaveCount(2);
    await expect(page.getByTestId('wall-camera')).toHaveCount(cameras);
    const box = await page.getByTestId('wall').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width, height });
    await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
    expect(await textsSmallerThan(page, 0.0155 * height)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`wall-emergency-${width}x${height}.png`) });
  }

  // A tap on the other one leads with it: the drill, labelled 演练 in the header and across the screen.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('wall-other-emergency').click();
  await expect(page.getByTestId('wall')).toHaveAttribute('data-emergency', drill.id);
  await expect(page.getByTestId('mode-drill')).toHaveText('演练');
  await expect(page.getByTestId('wall-drill')).toBeVisible();
  await expect(page.getByTestId('mode')).toHaveAttribute('data-level', '4');

  // English fits the same boxes.
  await page.goto(`${server.url}/wall?playlist=off&lang=en`);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-emergency', lead.id);
  await expect(page.getByTestId('mode')).toHaveText('Emergency · Ⅲ');
  await expect(page.getByTestId('wall-emergency-incident')).toContainText('Accident · Road traffic accident');
  await expect(page.getByTestId('wall-resource').first().getByTestId('resource-eta')).toHaveText(/^~\d+ min$/);
  // The timeline is said in English from each entry's facts; what people wrote stays as written.
  const entries = page.getByTestId('wall-timeline-entry');
  await expect(entries.and(page.locator('[data-kind=department_status]')).first()).toContainText('City Management and Law Enforcement Bureau: On scene');
  await expect(entries.and(page.locator('[data-kind=notification]')).first()).toContainText('Notified City Management and Law Enforcement Bureau');
  await expect(page.getByTestId('wall-deadline').first()).toContainText(/left|overdue|met/);
  await expect(page.getByTestId('wall-emergency-cameras')).toContainText('Cameras nearby');
  await expect(page.getByTestId('emergency-map').locator('svg')).toBeVisible();
  await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
  await page.screenshot({ path: screenshotPath('wall-emergency-en-1920x1080.png') });

  await shift.command(drill.id, { action: 'stand_down', reason: '演练结束' });
  await shift.command(lead.id, { action: 'stand_down', reason: '现场处置完毕' });
  await expect(page.getByTestId('wall')).toHaveAttribute('data-emergency', '');
  await expect(page.getByTestId('overview')).toBeVisible();
  expect(errors).toEqual([]);
});
