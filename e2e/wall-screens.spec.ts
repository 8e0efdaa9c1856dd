// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { lastCityWeekdayHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, overflowing, textsSmallerThan, watchConsole } from './support/wall.ts';
import { screenshotPath } from './support/screenshots.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Two days of history: today against yesterday. Air stations report every 2 s, so every
  // 1 s tick brings new readings.
  server = await startServerProcess({ SIM_BACKFILL_DAYS: '2', SIM_AIR_INTERVAL_MS: '2000', TICK_MS: '1000', SIM_START: lastCityWeekdayHour(10) });
});

test.afterAll(async () => {
  await server?.stop();
});

const DOMAINS = ['government', 'environment', 'safety', 'livelihood', 'tourism'];

const SCREENS = [
  { width: 1920, height: 1080, layout: 'standard' },
  { width: 3840, height: 2160, layout: 'standard' },
  { width: 7680, height: 2160, layout: 'wide' },
] as const;

for (const { width, height, layout } of SCREENS) {
  test(`the overview fills ${width}×${height} with live figures, 12 divisions and nothing overflowing`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.setViewportSize({ width, height });
    await openWall(page, server, '/wall', { playlist: 'off' });

    await expect(page.getByTestId('wall')).toHaveAttribute('data-layout', layout);
    await expect(page.getByTestId('health')).toHaveText(/实时/);
    await expect(page.getByTestId('city-name')).toContainText('邵阳市');
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-divisions', '12');
    await expect(page.getByTestId('city-map').locator('svg').first()).toBeVisible();

    // Every domain shows its key figures as live numbers.
    for (const domain of DOMAINS) {
      const values = page.getByTestId(`domain-${domain}`).getByTestId('value');
      await expect(values.first()).toBeVisible();
      await expect.poll(async () => (await values.allInnerTexts()).filter((v) => /\d/.test(v)).length, { message: domain }).toBeGreaterThan(0);
    }
    await expect(page.getByTestId('domain-environment').getByTestId('tile-env.aqi').getByTestId('value')).toHaveText(/^\d+$/);
    // Dispatch at a glance, from the `dispatch` topic.
    await expect(page.getByTestId('overview-dispatch').getByTestId('dsum-open').locator('strong')).toHaveText(/^\d+$/);

    // Fills the screen without stretching: the wall is the viewport, no scrollbars, and no
    // panel's content is larger than its box.
    const box = await page.getByTestId('wall').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width, height });
    await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
    // Text readable from a few metres: nothing below 1.55 % of the screen height (design: 1.6vh).
    expect(await textsSmallerThan(page, 0.0155 * height)).toEqual([]);

    if (layout === 'wide') {
      // 32:9 is not a stretched 16:9: each domain has its own column side by side.
      const lefts = await Promise.all(DOMAINS.map(async (d) => (await page.getByTestId(`domain-${d}`).boundingBox())!.x));
      expect(new Set(lefts).size).toBe(DOMAINS.length);
    }

    await page.screenshot({ path: screenshotPath(`wall-${width}x${height}.png`) });
    expect(errors).toEqual([]);
  });
}

test('every text is English with ?lang=en', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off', lang: 'en' });
  await expect(page.getByTestId('health')).toHaveText(/LIVE/);
  await expect(page.getByTestId('city-name')).toContainText('Shaoyang');
  await expect(page.getByTestId('feed').getByTestId('feed-item').first()).toBeVisible();
  // No Chinese left anywhere: labels, units, names, dates.
  const cjk = await page.evaluate(() => document.body.innerText.match(/[\u3400-\u9fff]+/g) ?? []);
  expect(cjk).toEqual([]);
  await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
  for (const domain of DOMAINS) {
    await page.goto(`${server.url}/wall/${domain}?playlist=off&lang=en`);
    await expect(page.getByTestId(`thematic-${domain}`)).toBeVisible();
    const leftover = await page.evaluate(() => document.body.innerText.match(/[\u3400-\u9fff]+/g) ?? []);
    expect(leftover, domain).toEqual([]);
  }
  expect(errors).toEqual([]);
});

test('the map shows one device cluster per division, which a zoom opens into one per device type', async ({ page }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  const map = page.getByTestId('city-map');
  await expect(map.locator('svg').first()).toBeVisible();
  // Untouched, the wall shows clusters: one per division, no single devices.
  await expect(map).toHaveAttribute('data-cluster-level', 'division');
  await expect(map).toHaveAttribute('data-clusters', '12');
  // The city's whole inventory in the legend: 4 355 + 11 000 cameras, 771 sensors, most online.
  await expect(page.getByTestId('cameras-online')).toHaveText(/^在线 1[45]\d{3}\/15355$/);
  await expect(page.getByTestId('sensors-online')).toHaveText(/^在线 \d{3}\/771$/);
  await expect(page.getByTestId('map-reset')).toHaveCount(0);

  // The wheel (a pinch on a tablet) zooms the city map: ten notches of ×1.1 pass 2×, where
  // the clusters open by type (the loop, not a poll: a loaded machine polls only a few times).
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -300);
  await expect(map).toHaveAttribute('data-cluster-level', 'type');
  // 12 divisions × 6 device types.
  await expect(map).toHaveAttribute('data-clusters', '72');
  expect(Number(await map.getAttribute('data-zoom'))).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: screenshotPath('wall-map-zoomed-1920x1080.png') });

  // Reset: the whole city and its division clusters again.
  await page.getByTestId('map-reset').click();
  await expect(map).toHaveAttribute('data-cluster-level', 'division');
  await expect(map).toHaveAttribute('data-zoom', '1.00');
  expect(errors).toEqual([]);
});

test('a tap on a division shows its figures', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
  const page = await context.newPage();
  await openWall(page, server, '/wall', { playlist: 'off' });
  await expect(page.getByTestId('city-map').locator('svg').first()).toBeVisible();
  // The map's centre lies inside some division of a compact city.
  const map = (await page.getByTestId('city-map').boundingBox())!;
  await page.touchscreen.tap(map.x + map.width / 2, map.y + map.height / 2);
  const card = page.getByTestId('division-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-code', /^4305\d\d$/);
  await expect(card.locator('dd').first()).toHaveText(/\d/);
  await context.close();
});
