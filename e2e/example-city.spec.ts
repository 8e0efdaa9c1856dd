import { expect, test } from '@playwright/test';
import { lastCityWeekdayHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { screenshotPath } from './support/screenshots.ts';
import { adminApi, openWall, overflowing, serverTime, watchConsole } from './support/wall.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServerProcess({ CITY_PROFILE: 'example-city', SIM_BACKFILL_DAYS: '2', SIM_START: lastCityWeekdayHour(10) });
});

test.afterAll(async () => {
  await server?.stop();
});

test('another city profile renders with its own name and 3 divisions, with no code change', async ({ page }) => {
  const errors = watchConsole(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) scripts.push(r.url());
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  await expect(page.getByTestId('city-name')).toContainText('示例市');
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-divisions', '3');
  await expect(page.getByTestId('city-map').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('health')).toHaveText(/实时/);
  await expect(page.getByTestId('domain-environment').getByTestId('tile-env.aqi').getByTestId('value')).toHaveText(/^\d+$/);

  await page.goto(`${server.url}/wall/environment?playlist=off`);
  await expect(page.getByTestId('division-row')).toHaveCount(3);
  await expect(page.getByTestId('division-value').filter({ hasText: /^\d+$/ })).toHaveCount(3);
  await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
  // No camera streams in this profile: no video tile, and hls.js is never fetched.
  await expect(page.getByTestId('video')).toHaveCount(0);
  expect(scripts.filter((u) => u.includes('HlsVideo'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('a kind configured in kinds.json (地质灾害监测), which the simulator never sends, flows from /api/v1/ingest to a figure on the wall', async ({ page }) => {
  const api = await adminApi(server);
  const now = await serverTime(api);
  // Three readings of two landslide sensors in South Hills County; two of them alarms.
  const readings = [
    { kind: 'geo.landslide', id: 'slope-1-a', ts: now - 30_000, division: 'ex-south', values: { displacement: 12.5, tilt: 1.2, alarm: 0 } },
    { kind: 'geo.landslide', id: 'slope-1-b', ts: now - 20_000, division: 'ex-south', values: { displacement: 31.0, alarm: 1 } },
    { kind: 'geo.landslide', id: 'slope-2-a', ts: now - 10_000, division: 'ex-south', values: { displacement: 18.0, alarm: 1 } },
  ];
  const res = await api.post('/api/v1/ingest', { headers: { 'content-type': 'application/x-ndjson' }, data: readings.map((r) => JSON.stringify(r)).join('\n') });
  expect(await res.json()).toMatchObject({ lines: 3, accepted: 3, refused: 0 });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall/safety', { playlist: 'off' });
  await expect(page.getByTestId('tile-safety.landslide_alarms_today').getByTestId('value')).toHaveText('2');
  await expect(page.getByTestId('tile-safety.landslide_displacement_max').getByTestId('value')).toHaveText('31.0');
  await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
  await page.screenshot({ path: screenshotPath('wall-example-city-landslide-1920x1080.png') });
});
