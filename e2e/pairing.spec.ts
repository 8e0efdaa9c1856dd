import { expect, test } from '@playwright/test';
import { openAs } from './support/cases.ts';
import { watchConsole } from './support/wall.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ SIM_BACKFILL_DAYS: '1' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

test('a wall pairs by the code it shows, goes live by itself, and falls back to pairing when revoked', async ({ browser }) => {
  // A display that has never been paired: no credential, so it shows a code.
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  const wallErrors = watchConsole(wall);
  await wall.goto(`${server.url}/wall`);
  const code = wall.getByTestId('pairing-code');
  await expect(code).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  const shown = await code.innerText();

  // The administrator types it in.
  const admin = await openAs(browser, server.url, 'admin', '/admin/displays');
  const a = admin.page;
  await expect(a.getByTestId('pair-display')).toBeVisible();
  await a.getByTestId('pair-code').fill(shown.toLowerCase());
  await a.getByTestId('pair-name').fill('指挥大厅左屏');
  await a.getByTestId('pair-submit').click();
  await expect(a.getByTestId('paired')).toContainText('指挥大厅左屏');
  const row = a.getByTestId('display-row').filter({ hasText: '指挥大厅左屏' });
  await expect(row).toContainText('有效');

  // The wall picks up its credential on its own, without a reload, and shows the wall.
  await expect(wall.getByTestId('wall')).toBeVisible();
  await expect(wall.getByTestId('pairing')).toHaveCount(0);

  // Revoking it cuts the wall off at once: back to a (new) pairing code.
  await row.getByTestId('display-revoke').click();
  await row.getByTestId('display-revoke-confirm').click();
  await expect(row).toContainText('已吊销');
  await expect(wall.getByTestId('pairing-code')).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await expect(wall.getByTestId('wall')).toHaveCount(0);

  // A revoked display's cookie opens nothing.
  const me = await wall.request.get(`${server.url}/api/v1/auth/whoami`);
  expect(me.status()).toBe(401);

  expect(admin.errors).toEqual([]);
  // Once revoked the wall asks who it is and is refused (401, logged by the browser): its only console errors.
  expect(wallErrors.filter((e) => !/\b401\b/.test(e))).toEqual([]);
  await Promise.all([admin.context.close(), wallContext.close()]);
});
