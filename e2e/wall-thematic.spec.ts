import { expect, test } from '@playwright/test';
import { lastCityHour, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall, overflowing, watchConsole } from './support/wall.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Three days of simulated history: yesterday by hour and a few closed days. The clock
  // starts at 14:30 in the city, so today has its hours to 13:00 closed whenever this runs
  // (at 14:00 sharp the 13:00 hour waits for its late events, which a busy machine can take
  // longer than the first test's wait for).
  server = await startServerProcess({ SIM_BACKFILL_DAYS: '3', SIM_START: lastCityHour(14.5) });
});

test.afterAll(async () => {
  await server?.stop();
});

const DOMAINS = ['government', 'environment', 'safety', 'livelihood', 'tourism'] as const;

for (const domain of DOMAINS) {
  test(`the ${domain} page draws today against yesterday and the last 30 days from history`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openWall(page, server, `/wall/${domain}`, { playlist: 'off' });
    const thematic = page.getByTestId(`thematic-${domain}`);
    await expect(thematic).toBeVisible();
    await expect(page.getByTestId('rotation')).toHaveAttribute('data-page', domain);

    // Both history charts got windows from GET /api/v1/metrics/:id/history and drew them:
    // yesterday's 24 hours and today's 13 to 13:00, 37 at most (the 13:00 hour closes once its
    // late events are in). An hour with no event has no window (a weekend night may bring no
    // online application at all), so more than a day's worth is asked, not all 37.
    const hourly = thematic.locator('[data-testid^="trend-"]');
    const daily = thematic.locator('[data-testid^="daily-"]');
    await expect.poll(async () => Number(await hourly.getAttribute('data-history-points'))).toBeGreaterThan(24);
    await expect.poll(async () => Number(await daily.getAttribute('data-history-points'))).toBeGreaterThan(0);
    // The wall's charts draw in SVG (crisp axis text at any wall size): one chart root each.
    await expect(hourly.locator('.chart-fill svg')).toHaveCount(1);
    await expect(daily.locator('.chart-fill svg')).toHaveCount(1);

    // Live parts: the figures, the division ranking and the breakdowns.
    await expect.poll(async () => (await thematic.getByTestId('value').allInnerTexts()).filter((v) => /\d/.test(v)).length).toBeGreaterThan(2);
    await expect(page.getByTestId('division-row').first()).toBeVisible();
    await expect(page.getByTestId('breakdown')).toHaveCount(2);
    if (domain === 'environment') await expect.poll(async () => Number(await page.getByTestId('air-daily').getAttribute('data-days'))).toBeGreaterThan(0);

    await expect.poll(() => overflowing(page)).toEqual({ elements: [], documentScrolls: false });
    expect(errors).toEqual([]);
  });
}
