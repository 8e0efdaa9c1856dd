import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  // Air stations report every 2 s, so every 1 s tick brings new readings.
  server = await startServerProcess({ SIM_AIR_INTERVAL_MS: '2000', TICK_MS: '1000' });
});

test.afterAll(async () => {
  await server?.stop();
});

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const readingsToday = (page: Page) => page.getByTestId('readings-today').locator('.stat__value');

test('the wall shows the 12 divisions and live figures that move with the simulator', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, server.url);
  await page.goto(`${server.url}/wall`);

  await expect(page.getByTestId('health')).toHaveText('实时');
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-divisions', '12');
  await expect(page.getByTestId('city-map').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('division-row')).toHaveCount(12);
  // Every division has a live AQI from its stations' readings.
  await expect(page.getByTestId('division-aqi').filter({ hasText: /^\d+$/ })).toHaveCount(12);
  await expect(page.getByTestId('city-aqi')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('city-aqi-category')).toHaveText(/^(优|良|轻度污染|中度污染|重度污染|严重污染)$/);

  // The count of readings today grows with each simulator tick: a change within 3 s.
  const before = await readingsToday(page).innerText();
  await expect(readingsToday(page)).not.toHaveText(before, { timeout: 3000 });

  await page.screenshot({ path: 'docs/screenshots/wall-1920x1080.png' });
  expect(errors).toEqual([]);
});

test('the wall says it is disconnected when the server stops and recovers when it returns', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, server.url);
  await page.goto(`${server.url}/wall`);
  await expect(page.getByTestId('health')).toHaveText('实时');
  const beforeStop = Number((await readingsToday(page).innerText()).replace(/\D/g, ''));

  await server.stop();
  await expect(page.getByTestId('health')).toHaveText('连接中断', { timeout: 10_000 });
  await expect(page.getByTestId('banner')).toContainText('连接中断');

  await server.restart();
  await expect(page.getByTestId('health')).toHaveText('实时', { timeout: 15_000 });
  await expect(page.getByTestId('banner')).toHaveCount(0);
  // Today's figures survived the restart and keep growing, without a page reload.
  await expect
    .poll(async () => Number((await readingsToday(page).innerText()).replace(/\D/g, '')), { timeout: 10_000 })
    .toBeGreaterThan(beforeStop);
});
