import { expect, test } from '@playwright/test';
import { openAs } from './support/cases.ts';
import { watchConsole } from './support/wall.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ SIMULATOR: 'off' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

test('an administrator creates a duty officer, who signs in to the console, and disabling them ends their session there', async ({ browser }) => {
  const admin = await openAs(browser, server.url, 'admin', '/admin/users');
  const a = admin.page;
  await a.getByTestId('user-username').fill('zhao.wei');
  await a.getByTestId('user-display-name').fill('赵伟');
  await a.getByTestId('user-role').selectOption('duty_officer');
  await a.getByTestId('user-password').fill('first-pass-2026');
  await a.getByTestId('user-create').click();
  await expect(a.getByTestId('user-created')).toContainText('zhao.wei');
  const row = a.getByTestId('user-row').filter({ hasText: 'zhao.wei' });
  await expect(row).toContainText('值班员');
  await expect(row.getByTestId('user-status')).toHaveText('正常');

  // They sign in at "/" and land on the console.
  const theirs = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await theirs.newPage();
  const errors = watchConsole(page);
  await page.goto(`${server.url}/`);
  await page.locator('input[name=username]').fill('zhao.wei');
  await page.locator('input[name=password]').fill('first-pass-2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('console')).toBeVisible();
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByTestId('user')).toContainText('赵伟');
  await expect(page.getByTestId('live-state')).toHaveAttribute('data-state', 'live');

  // Disabled by the administrator: their open console loses its session by itself.
  await row.getByTestId('user-disable').click();
  await row.getByTestId('user-disable-confirm').click();
  await expect(row.getByTestId('user-status')).toHaveText('已停用');
  await expect(page.locator('input[name=username]')).toBeVisible();
  await expect(page.getByTestId('console')).toHaveCount(0);

  // And they cannot sign in again.
  await page.locator('input[name=username]').fill('zhao.wei');
  await page.locator('input[name=password]').fill('first-pass-2026');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');

  expect(admin.errors).toEqual([]);
  // The refused session and sign-in show as failed requests (401), nothing else.
  expect(errors.filter((e) => !/\b401\b/.test(e))).toEqual([]);
  await Promise.all([admin.context.close(), theirs.close()]);
});
