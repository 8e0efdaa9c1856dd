import { expect, test } from '@playwright/test';
import type { Briefing } from '@cw/contracts';
import { apiToken } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { signIn } from './support/auth.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';
import { screenshotPath } from './support/screenshots.ts';

const DAY = '2026-11-27';
let server: ServerProcess;

test.beforeAll(async () => {
  // Eight days of history (the clock is held while it is written), then the simulator live
  // (cases, the duty crew, alerts) from 22:00 at 300×, through midnight to BRIEFING_TIME, when
  // the server compiles the 27th: 27 real seconds after the server listens.
  server = await startServerProcess({ SIM_START: '2026-11-27T22:00:00+08:00', SIM_SPEED: '300', SIM_BACKFILL_DAYS: '8', BRIEFING_TIME: '00:15', CASE_TICK_MS: '500' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

test('a leader reads the daily briefing on a tablet, in both orientations', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const token = await apiToken(request, server.url, 'leader');
  let briefing: Briefing | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${server.url}/api/v1/briefings/${DAY}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.ok()) briefing = (await res.json()) as Briefing;
        return res.status();
      },
      { timeout: 150_000, intervals: [1000] },
    )
    .toBe(200);
  const received = briefing!.figures.find((f) => f.metric === 'gov.received_today')!.value!;
  expect(received).toBeGreaterThan(0);

  for (const [width, height] of [
    [1366, 1024],
    [1024, 1366],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, server.url, 'leader');
    await page.goto(`${server.url}/briefing`);
    await expect(page.getByTestId('briefing-date')).toHaveText(DAY);
    // The figure as the server compiled it, formatted the way the page formats zh-CN numbers.
    await expect(page.getByTestId('figure-gov.received_today')).toContainText(new Intl.NumberFormat('zh-CN').format(received));
    await expect(page.getByTestId('briefing-received')).toHaveText(String(briefing!.cases.received));
    // Made for touch: the day controls and the download are at least 44 px tall; nothing scrolls sideways.
    for (const box of [await page.getByTestId('briefing-pdf').boundingBox(), await page.getByTestId('briefing-day').boundingBox()]) expect(box!.height).toBeGreaterThanOrEqual(44);
    const overflow = await page.locator('.brief__body').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByTestId('briefing-departments').locator('canvas')).toHaveCount(1);
    await page.screenshot({ path: screenshotPath(`briefing-${width}x${height}.png`) });
    // The lower half: dispatch, alerts and emergencies, scrolled to by touch-scrolling the page body.
    await page.getByTestId('briefing-departments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`briefing-details-${width}x${height}.png`) });
    if (width > height) {
      // The download is the PDF of the same day.
      const download = page.waitForEvent('download');
      await page.getByTestId('briefing-pdf').click();
      expect((await download).suggestedFilename()).toBe(`城市运行日报-${DAY}.pdf`);
    }
    await context.close();
  }
});
