import { expect, test, type APIRequestContext } from '@playwright/test';
import type { CityProfile, RawEvent } from '@cw/contracts';
import { lastCityHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openAs } from './support/cases.ts';
import { screenshotPath } from './support/screenshots.ts';
import { adminApi, ingest, openWall, serverTime, watchConsole } from './support/wall.ts';

let server: ServerProcess;
let api: APIRequestContext;
let profile: CityProfile;

// Long enough that a loaded machine still sees the overview held before it resumes.
const FOCUS_SECONDS = 15;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // In-memory storage: the 3-second budget is the wall's and the publish path's, not a busy
  // disk's (SQLite syncs every closed window). The clock starts mid-morning in the city, so no
  // day rolls over under the test.
  server = await startServerProcess({ SIM_START: lastCityHour(10), STORAGE: 'memory', SIM_BACKFILL_DAYS: '1', WALL_FOCUS_SECONDS: String(FOCUS_SECONDS) });
  api = await adminApi(server);
  profile = (await (await api.get('/api/v1/profile')).json()) as CityProfile;
});

test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
});

/**
 * PM2.5 from one division's station, over the last minute, enough to set the division's
 * trailing-hour mean whatever the simulator adds (one station reads every 10 s, ~40 µg/m³).
 * HJ 633-2012: 400 µg/m³ is IAQI 400 + (400 − 350)/(500 − 350) × 100 = 434 (严重污染), an 橙
 * alert (from AQI 301). 800 readings of 240 µg/m³ are IAQI 200 + (240 − 150)/(250 − 150) × 100
 * = 290 (重度污染) alone, and with a full hour of the simulator's 360 readings at 40 µg/m³
 * (800 × 240 + 360 × 40)/1160 = 178 µg/m³, IAQI 228: a 黄 alert (201–300) either way.
 */
function smog(station: { id: string; division: string }, now: number, pm25 = 400, count = 400): RawEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e2e-smog-${station.id}-${now}-${i}`,
    kind: 'air.reading' as const,
    ts: now - Math.floor((i * 60_000) / count),
    division: station.division,
    station: station.id,
    values: { pm25, pm10: pm25 === 400 ? 420 : 100, so2: 10, no2: 30, co: 1, o3: 40 },
  }));
}

/** What the server raised for a scope, for failure messages: tells a slow server from a slow wall. */
async function raisedOn(scope: string): Promise<string> {
  const alerts = (await (await api.get('/api/v1/alerts')).json()) as { scope: string; metric: string; level: string; raisedAt: number }[];
  const now = await serverTime(api);
  return `server alerts for ${scope}: ${JSON.stringify(alerts.filter((a) => a.scope === scope).map((a) => ({ ...a, age: now - a.raisedAt })))}`;
}

test('a threshold crossing shows as an alert, pauses the rotation and brings the overview', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // A rotation of two thematic pages, four seconds each.
  await openWall(page, server, '/wall/government', { playlist: 'government:4,tourism:4' });
  const wall = page.getByTestId('wall');
  const rotation = page.getByTestId('rotation');
  await expect(rotation).toHaveAttribute('data-state', 'running');
  await expect(wall).toHaveAttribute('data-page', 'tourism');

  // Record every change of page and rotation state in the page itself, so that what happens
  // during the pause is seen whatever the machine's load, without sleeping.
  await page.evaluate(() => {
    const seen: { page?: string; state?: string }[] = [];
    (window as unknown as { wallLog: typeof seen }).wallLog = seen;
    setInterval(() => {
      const page = document.querySelector<HTMLElement>('[data-testid=wall]')?.dataset['page'];
      const state = document.querySelector<HTMLElement>('[data-testid=rotation]')?.dataset['state'];
      const last = seen[seen.length - 1];
      if (!last || last.page !== page || last.state !== state) seen.push({ page, state });
    }, 50);
  });
  const station = profile.airStations[profile.airStations.length - 1]!;
  // A 黄 alert elsewhere first: raised, but it does not take the focus.
  const single = (division: string) => profile.airStations.filter((a) => a.division === division).length === 1;
  const milder = profile.airStations.find((a) => a.division !== station.division && a.division !== profile.airStations[0]!.division && single(a.division))!;
  await ingest(api, smog(milder, await serverTime(api), 240, 800));
  const aqiLevel = async (scope: string) =>
    ((await (await api.get('/api/v1/alerts')).json()) as { scope: string; metric: string; level: string }[]).find((a) => a.scope === scope && a.metric === 'env.aqi')?.level;
  await expect.poll(() => aqiLevel(milder.division), { timeout: 30_000 }).toBe('yellow');
  // The wall has it once the header counts it at its level.
  await expect(page.locator('[data-testid=alert-count][data-level]')).not.toHaveAttribute('data-level', 'none');
  const beforeOrange = await page.evaluate(() => (window as unknown as { wallLog: unknown[] }).wallLog.length);
  await ingest(api, smog(station, await serverTime(api)));

  const row = page.locator(`[data-testid=alert-row][data-scope="${station.division}"][data-level=orange]`);
  await expect(row.first(), await raisedOn(station.division)).toBeVisible();
  await expect(row.first().locator('.alert-row__level')).toHaveText('橙色');
  await expect(wall).toHaveAttribute('data-page', 'overview');
  await expect(rotation).toHaveAttribute('data-state', 'paused');
  // The item is in focus: highlighted in the alert list and on the map.
  await expect(page.locator(`[data-testid=alert-row][data-focused=true]`)).toHaveAttribute('data-scope', station.division);
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-focus', station.division);
  // The AQI carries the air alert; the pollutants only colour their figures.
  expect(await row.first().getAttribute('data-metric')).toBe('env.aqi');
  // Most severe first: the 橙 row above the 黄 one, and counted per level in the title.
  const levels = await page.locator('[data-testid=alert-row]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['level']));
  const rank = ['red', 'orange', 'yellow', 'blue'];
  expect([...levels].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!))).toEqual(levels);
  await expect(page.locator('[data-testid=alert-level-counts] [data-level=orange]')).toBeVisible();
  // The 黄 one is counted in the title even when the rows that fit show only the most severe.
  await expect(page.locator('[data-testid=alert-level-counts] [data-level=yellow]')).toBeVisible();
  await page.screenshot({ path: screenshotPath('wall-alerts-1920x1080.png') });

  // The rotation resumes after the focus time …
  await expect(rotation).toHaveAttribute('data-state', 'running');
  await expect(wall).not.toHaveAttribute('data-page', 'overview');
  // … and while it was paused the overview stayed (the playlist would have moved on).
  const log = await page.evaluate(() => (window as unknown as { wallLog: { page?: string; state?: string }[] }).wallLog);
  // Until the 橙 alert, the 黄 one left the rotation alone.
  expect(log.slice(0, beforeOrange).filter((e) => e.page === 'overview')).toEqual([]);
  const paused = log.filter((e) => e.state === 'paused');
  expect(paused.length).toBeGreaterThan(0);
  expect(paused.map((e) => e.page)).toEqual(paused.map(() => 'overview'));
  expect(errors).toEqual([]);
});

test('a device alarm in the feed links to its device on the map', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  await expect(page.getByTestId('health')).toBeVisible();

  // A warning (not critical) alarm: it does not take the focus by itself; a tap does.
  const camera = profile.devices.find((d) => d.type === 'camera')!;
  const now = await serverTime(api);
  const id = `e2e-intrusion-${now}`;
  await ingest(api, [{ id, kind: 'device.alarm', ts: now, division: camera.division, site: camera.id, type: 'intrusion', values: { level: 1 } }]);
  const item = page.locator(`[data-testid=feed-item][data-id="${id}"]`);
  await expect(item).toBeVisible();
  await expect(item).toContainText('区域入侵');
  await item.click();
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-focus', camera.id);
  await expect(item).toHaveClass(/is-focused/);

  // A critical one (smoke) focuses its device without anyone touching the wall.
  const sensor = profile.devices.find((d) => d.type === 'smoke')!;
  const later = await serverTime(api);
  await ingest(api, [{ id: `e2e-smoke-${later}`, kind: 'device.alarm', ts: later, division: sensor.division, site: sensor.id, type: 'smoke', values: { level: 1 } }]);
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-focus', sensor.id);
  await expect(page.getByTestId('rotation')).toHaveAttribute('data-state', 'paused');
  expect(errors).toEqual([]);
});

test('a duty officer acknowledges alerts in the console, several with one reason; they leave the wall and are not raised again while the smog lasts', async ({ page, browser }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  const station = profile.airStations[0]!;
  const second = profile.airStations.find((a) => a.division !== station.division)!;
  await ingest(api, [...smog(station, await serverTime(api)), ...smog(second, await serverTime(api))]);
  const onWall = page.locator(`[data-testid=alert-row][data-scope="${station.division}"], [data-testid=alert-row][data-scope="${second.division}"]`);
  await expect(onWall.first(), await raisedOn(station.division)).toBeVisible();

  const officer = await openAs(browser, server.url, 'officer', '/console');
  const tray = officer.page.getByTestId('alerts-tray');
  await expect(tray).toHaveAttribute('data-count', /^[1-9]\d*$/);
  await tray.click();
  const items = officer.page.locator(`[data-testid=tray-alert][data-scope="${station.division}"], [data-testid=tray-alert][data-scope="${second.division}"]`);
  await expect(officer.page.locator(`[data-testid=tray-alert][data-scope="${station.division}"][data-metric="env.aqi"]`)).toHaveAttribute('data-level', 'orange');
  await expect(officer.page.locator(`[data-testid=tray-alert][data-scope="${second.division}"][data-metric="env.aqi"]`)).toHaveAttribute('data-level', 'orange');
  await officer.page.screenshot({ path: screenshotPath('console-alerts-1920x1080.png') });

  // One alert on its own, without a reason.
  const before = await items.count();
  await items.first().getByTestId('tray-acknowledge').click();
  await expect(items).toHaveCount(before - 1);

  // The rest together: a reason is required, and nothing changes without one.
  for (let i = 0; i < (await items.count()); i++) await items.nth(i).getByTestId('tray-pick').check();
  const picked = await items.count();
  const bulk = officer.page.getByTestId('tray-bulk-acknowledge');
  await expect(bulk).toHaveText(new RegExp(`${picked}`));
  await bulk.click();
  await expect(officer.page.getByTestId('tray-bulk')).toContainText('须填写原因');
  await expect(items).toHaveCount(picked);
  await officer.page.getByTestId('tray-reason').fill('扬尘污染，已通知生态环境局');
  await bulk.click();
  await expect(items).toHaveCount(0);

  // Gone from the wall, who and why recorded, and the smog still over the limits raises nothing new there.
  const stored = async () =>
    ((await (await api.get('/api/v1/alerts')).json()) as { scope: string; acknowledgedAt: number | null; acknowledgedBy: string | null; acknowledgeNote: string | null }[]).filter(
      (a) => a.scope === station.division || a.scope === second.division,
    );
  await expect(onWall).toHaveCount(0);
  const acknowledged = await stored();
  expect(acknowledged.length).toBeGreaterThanOrEqual(before);
  expect(acknowledged.filter((a) => a.acknowledgedAt === null)).toEqual([]);
  expect(acknowledged.filter((a) => a.acknowledgeNote === '扬尘污染，已通知生态环境局')).toHaveLength(picked);
  expect(new Set(acknowledged.map((a) => a.acknowledgedBy)).size).toBe(1);
  // Nothing may happen here, so only a sleep can show it: the server evaluates alerts every
  // second, so 3 s span several evaluations with the smog still over the limits.
  await page.waitForTimeout(3000);
  await expect(onWall).toHaveCount(0);
  expect(await stored()).toHaveLength(acknowledged.length);
  expect(officer.errors).toEqual([]);
  expect(errors).toEqual([]);
  await officer.context.close();
});

test('a duty officer opens a case from an alert: the wall and the console show it on the alert, the case names the alert', async ({ page, browser }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  // A county station in a division with no alert yet: the alert is this test's own, the newest
  // 橙 (listed first, where one row may be all that fits), and no city alert comes with it.
  const taken = new Set(((await (await api.get('/api/v1/alerts')).json()) as { scope: string }[]).map((a) => a.scope));
  const station = profile.airStations.find((a) => !a.national && !taken.has(a.division))!;
  await ingest(api, smog(station, await serverTime(api)));
  const onWall = page.locator(`[data-testid=alert-row][data-scope="${station.division}"][data-metric="env.aqi"]`);
  await expect(onWall, await raisedOn(station.division)).toBeVisible();
  await expect(onWall.getByTestId('alert-row-link')).toHaveCount(0);

  const officer = await openAs(browser, server.url, 'officer', '/console');
  await officer.page.getByTestId('alerts-tray').click();
  const item = officer.page.locator(`[data-testid=tray-alert][data-scope="${station.division}"][data-metric="env.aqi"]`);
  await item.getByTestId('tray-open-case').click();
  // Prefilled from the alert: its level, division and figure; environment, urgent (橙).
  const division = profile.divisions.find((d) => d.code === station.division)!;
  await expect(officer.page.getByTestId('intake-title')).toHaveValue(`Ⅱ 橙色告警：${division.name.zh}空气质量指数`);
  await expect(officer.page.getByTestId('intake-division')).toHaveValue(station.division);
  await expect(officer.page.getByTestId('intake-category')).toHaveValue('environment');
  await expect(officer.page.getByTestId('intake-urgency')).toHaveValue('urgent');
  await officer.page.getByTestId('intake-submit').click();

  // The new case is open in the detail and names the alert it came from.
  await expect(officer.page.getByTestId('case-from-alert')).toContainText(`Ⅱ 橙色 · ${division.name.zh} 空气质量指数`);
  const stored = ((await (await api.get('/api/v1/alerts')).json()) as { scope: string; metric: string; link: { kind: string; id: string } | null }[]).find(
    (a) => a.scope === station.division && a.metric === 'env.aqi',
  )!;
  expect(stored.link?.kind).toBe('case');
  // The alert names the case: in the console's tray (a link to it) and, compactly, on the wall.
  await officer.page.getByTestId('alerts-tray').click();
  await expect(item.getByTestId('tray-alert-link')).toHaveText(`已立案 ${stored.link!.id}`);
  await expect(item.getByTestId('tray-open-case')).toHaveCount(0);
  await officer.page.screenshot({ path: screenshotPath('console-alert-case-1920x1080.png') });
  await expect(onWall.getByTestId('alert-row-link')).toHaveText('· 已立案');
  await page.screenshot({ path: screenshotPath('wall-alert-case-1920x1080.png') });
  await item.getByTestId('tray-alert-link').click();
  await expect(officer.page.getByTestId('case-from-alert')).toBeVisible();
  expect(officer.errors).toEqual([]);
  expect(errors).toEqual([]);
  await officer.context.close();
});

// Last in the file: the emergency it declares puts every wall of this server in emergency mode.
test('a shift leader declares an emergency from an alert: the alert names the emergency, the emergency the alert', async ({ browser }) => {
  const taken = new Set(((await (await api.get('/api/v1/alerts')).json()) as { scope: string }[]).map((a) => a.scope));
  const station = profile.airStations.find((a) => !a.national && !taken.has(a.division))!;
  await ingest(api, smog(station, await serverTime(api)));
  const stored = async () =>
    ((await (await api.get('/api/v1/alerts')).json()) as { id: string; scope: string; metric: string; link: { kind: string; id: string } | null }[]).find(
      (a) => a.scope === station.division && a.metric === 'env.aqi',
    );
  await expect.poll(async () => (await stored()) !== undefined, { message: await raisedOn(station.division), timeout: 60_000 }).toBe(true);

  const shift = await openAs(browser, server.url, 'shift', '/console');
  await shift.page.getByTestId('alerts-tray').click();
  const item = shift.page.locator(`[data-testid=tray-alert][data-scope="${station.division}"][data-metric="env.aqi"]`);
  await item.getByTestId('tray-open-emergency').click();
  // The declaration form, titled after the alert, at its division.
  const dialog = shift.page.getByTestId('declare-dialog');
  const division = profile.divisions.find((d) => d.code === station.division)!;
  await expect(dialog.getByLabel('事件名称')).toHaveValue(`Ⅱ 橙色告警：${division.name.zh}空气质量指数`);
  await expect(dialog.getByLabel('区县')).toHaveValue(station.division);
  await dialog.getByLabel('响应级别').selectOption('4');
  await dialog.getByLabel('宣布原因').fill('重污染天气持续，启动Ⅳ级响应');
  await dialog.getByRole('button', { name: '确认宣布' }).click();
  await expect(shift.page.getByTestId('emergency-screen')).toBeVisible();

  // Linked both ways in the store: the alert to the emergency, the emergency to the alert.
  const alert = (await stored())!;
  const link = alert.link;
  expect(link?.kind).toBe('emergency');
  const detail = (await (await api.get(`/api/v1/emergencies/${link!.id}`)).json()) as { emergency: { fromAlert?: { id: string; metric: string }; division: string } };
  expect(detail.emergency.division).toBe(station.division);
  expect(detail.emergency.fromAlert).toMatchObject({ id: alert.id, metric: 'env.aqi' });
  // Back at the desk, the alert says which emergency it started and offers neither action again.
  await shift.page.goto(`${server.url}/console`);
  await shift.page.getByTestId('alerts-tray').click();
  await expect(item.getByTestId('tray-alert-link')).toHaveText(`已启动应急 ${link!.id}`);
  await expect(item.getByTestId('tray-open-emergency')).toHaveCount(0);
  await expect(item.getByTestId('tray-open-case')).toHaveCount(0);
  expect(shift.errors).toEqual([]);
  await shift.context.close();
});
