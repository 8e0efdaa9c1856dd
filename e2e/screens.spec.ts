import { expect, test, type Page } from '@playwright/test';
import { SHOWCASE, seedBusyMorning } from './support/busyDay.ts';
import { figure, openAs, openAsWall } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';
import { screenshotPath } from './support/screenshots.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  // A weekday morning at 60× (a simulated minute a second), so that critical cases left
  // unsigned go overdue within the test; only the cases the test makes. The city simulator
  // is off (at 60× it would crowd two cores), so the wall's header says its figures lag.
  server = await startServerProcess({ SIMULATOR: 'off', SIM_START: '2026-11-27T09:00:00+08:00', SIM_SPEED: '60', CASE_TICK_MS: '500' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

/**
 * Screens learn the simulated clock's rate from two samples taken 30 s apart; until then
 * their clocks run slow. Screenshots wait for that, so that the times on them agree.
 */
const CLOCK_LEARNT_MS = 32_000;

async function openCase(page: Page, title: string): Promise<void> {
  await page.getByTestId('queue-row').filter({ hasText: title }).click();
  await expect(page.getByTestId('detail').getByTestId('case-title')).toHaveText(title);
  await expect(page.getByTestId('detail').getByTestId('history-entry').first()).toBeVisible();
}

test('every dispatch screen shows a busy morning (the screenshots of the docs)', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const wall = await openAsWall(browser, request, server.url, '/wall/dispatch?playlist=off');
  const officer = await openAs(browser, server.url, 'officer', '/console');
  const dept = await openAs(browser, server.url, 'cgj', '/department');
  const admin = await openAs(browser, server.url, 'admin', '/admin/displays');
  const loaded = Date.now();
  const board = wall.page;
  await seedBusyMorning(request, server.url);
  // The user list is read when its section opens: after the seeding made the handlers' accounts.
  await admin.page.getByTestId('admin-nav-users').click();

  // The board adds it all up: intake and closures, rates, rework and returns, the ranking.
  await expect(board.getByTestId('kpi-opened-today').locator('strong')).toHaveText('24');
  await expect(board.getByTestId('kpi-closed-today').locator('strong')).toHaveText('5');
  await expect(board.getByTestId('kpi-satisfaction').locator('strong')).toHaveText('66.7%');
  await expect(board.getByTestId('kpi-returns').locator('strong')).toHaveText('1');
  await expect(board.getByTestId('kpi-reworks').locator('strong')).toHaveText('1');
  await expect(board.getByTestId('rank-row')).toHaveCount(3);
  // Critical cases nobody signed for go overdue (15 simulated minutes) and join the supervised ones.
  await expect.poll(() => board.getByTestId('watch-item').locator('.db-watch__status', { hasText: '超期' }).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => figure(board, 'kpi-overdue')).toBeGreaterThan(0);

  await openCase(officer.page, SHOWCASE);
  await expect(officer.page.getByTestId('instruction')).toHaveCount(1);
  await openCase(dept.page, SHOWCASE);
  await expect(dept.page.getByTestId('action-feedback')).toBeVisible();
  // Six demo users (leader, shift, officer, inspector, cgj, admin) and the three handlers the seeding made.
  await expect(admin.page.getByTestId('user-row')).toHaveCount(9);
  // The screens expose no sign that their clock rate is learnt, so this waits out the 30 s.
  await board.waitForTimeout(Math.max(0, loaded + CLOCK_LEARNT_MS - Date.now()));

  await board.screenshot({ path: screenshotPath('dispatch-board-1920x1080.png') });
  await officer.page.screenshot({ path: screenshotPath('console-1920x1080.png') });
  await dept.page.screenshot({ path: screenshotPath('department-1920x1080.png') });
  await admin.page.screenshot({ path: screenshotPath('admin-1920x1080.png') });

  // A 32:9 wall: the side columns split in two and the lists still show whole rows.
  await board.setViewportSize({ width: 7680, height: 2160 });
  await expect(board.getByTestId('watch-item').first()).toBeVisible();
  await expect(board.getByTestId('latest-item').first()).toBeVisible();
  // The resized layout painted: two animation frames after the resize.
  await board.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await board.screenshot({ path: screenshotPath('dispatch-board-7680x2160.png') });

  for (const screen of [wall, officer, dept, admin]) expect(screen.errors).toEqual([]);
  await Promise.all([wall, officer, dept, admin].map((s) => s.context.close()));
});
