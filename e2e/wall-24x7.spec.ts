import { expect, test, type Page } from '@playwright/test';
import { lastCityHour, lastCityWeekdayHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, watchConsole } from './support/wall.ts';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

const figure = (page: Page, metric: string) => page.getByTestId(`tile-${metric}`).getByTestId('value');
const numberIn = async (page: Page, metric: string) => Number((await figure(page, metric).innerText()).replace(/\D/g, ''));

test.describe('the server goes away and comes back', () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startServerProcess({ SIM_BACKFILL_DAYS: '1', SIM_AIR_INTERVAL_MS: '2000', TICK_MS: '1000', SIM_START: lastCityWeekdayHour(10) });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('live figures move with the simulator’s ticks', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page, server, '/wall/environment', { playlist: 'off' });
    await expect(page.getByTestId('health')).toHaveText(/实时/);
    await expect(figure(page, 'env.readings_today')).toHaveText(/\d/);
    // Stations report every 2 s and the server pushes every 1 s: the day's count of readings moves.
    const before = await figure(page, 'env.readings_today').innerText();
    await expect(figure(page, 'env.readings_today')).not.toHaveText(before);
  });

  test('the wall says it is disconnected, then catches up without a reload', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page, server, '/wall/environment', { playlist: 'off' });
    await expect(page.getByTestId('health')).toHaveText(/实时/);
    await expect(figure(page, 'env.readings_today')).toHaveText(/\d/);
    const beforeStop = await numberIn(page, 'env.readings_today');

    await server.stop();
    await expect(page.getByTestId('health')).toHaveText(/连接中断/);
    await expect(page.getByTestId('banner')).toContainText('连接中断');

    await server.restart();
    await expect(page.getByTestId('health')).toHaveText(/实时/);
    await expect(page.getByTestId('banner')).toHaveCount(0);
    // Today's figures survived the restart and keep growing, without a page reload.
    await expect.poll(() => numberIn(page, 'env.readings_today')).toBeGreaterThan(beforeStop);
  });
});

test.describe('a Sunday morning, the halls closed', () => {
  let server: ServerProcess;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // 10:00 on the latest Sunday: the halls have been shut since Friday 17:30 (their queue
    // gauges have no reading for over a day), which is closed, not late.
    let at = Date.parse(lastCityHour(10));
    while (new Date(at + SHANGHAI).getUTCDay() !== 0) at -= DAY;
    server = await startServerProcess({ SIM_BACKFILL_DAYS: '2', SIM_START: new Date(at).toISOString() });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('the wall is live, not 数据延迟, while every hall is closed', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page, server, '/wall', { playlist: 'off' });
    await expect(page.getByTestId('domain-environment').getByTestId('tile-env.aqi').getByTestId('value')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('health')).toHaveText(/实时/);
    await page.screenshot({ path: 'screenshots/wall-sunday-1920.png' });
  });
});

test.describe('midnight in the city', () => {
  let server: ServerProcess;
  // Simulated time ten times as fast, starting ten simulated minutes (a real minute) before the
  // city's next midnight: a loaded machine may take half of that to start the server and the wall.
  const midnight = Math.floor((Date.now() + SHANGHAI) / DAY) * DAY + DAY - SHANGHAI;
  const dayLabel = (ms: number) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startServerProcess({ SIM_BACKFILL_DAYS: '1', SIM_START: new Date(midnight - 600_000).toISOString(), SIM_SPEED: '10' });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('"today" rolls over at local midnight without a reload: figures, history and dates', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchConsole(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page, server, '/wall/safety', { playlist: 'off' });
    const date = page.getByTestId('date');
    const trend = page.locator('[data-testid^="trend-"]');
    await expect(date).toContainText(dayLabel(midnight - 1000));
    const dayBefore = Number(await trend.getAttribute('data-day'));
    expect(dayBefore).toBe(midnight - DAY);
    await expect.poll(() => numberIn(page, 'safety.police_today')).toBeGreaterThan(0);
    const countBefore = await numberIn(page, 'safety.police_today');

    await expect(date).toContainText(dayLabel(midnight), { timeout: 120_000 });
    // The hourly chart's "today" is the new day, its history query moved on with it …
    await expect(trend).toHaveAttribute('data-day', String(midnight));
    // … and the server's today-figures started again from zero.
    await expect.poll(() => numberIn(page, 'safety.police_today')).toBeLessThan(countBefore);
    expect(errors).toEqual([]);
  });
});
