import { expect, test } from '@playwright/test';
import { lastCityWeekdayHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, overflowing, watchConsole } from './support/wall.ts';

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
  expect(await overflowing(page)).toEqual({ elements: [], documentScrolls: false });
  // No camera streams in this profile: no video tile, and hls.js is never fetched.
  await expect(page.getByTestId('video')).toHaveCount(0);
  expect(scripts.filter((u) => u.includes('HlsVideo'))).toEqual([]);
  expect(errors).toEqual([]);
});
