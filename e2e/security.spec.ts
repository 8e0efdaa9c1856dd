import { expect, test, type Page } from '@playwright/test';
import { apiToken, openAs, openAsWall } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ SIMULATOR: 'off', SIM_START: '2026-11-27T10:00:00+08:00' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const TITLE = `${IMG}${SCRIPT}`;
const DESCRIPTION = `来电内容：${SCRIPT} 现场照片 ${IMG}`;

/** Nothing the text asked for happened: no script ran, no element was made from it. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.locator('script').evaluateAll((els) => els.filter((e) => e.textContent?.includes('__pwned')).length)).toBe(0);
}

test('markup in a case’s title, description and instructions shows as literal text on the console and the wall board', async ({ browser, request }) => {
  const officer = await openAs(browser, server.url, 'officer', '/console');
  const wall = await openAsWall(browser, request, server.url, '/wall/dispatch?playlist=off');
  const o = officer.page;
  await expect(o.getByTestId('live-state')).toHaveAttribute('data-state', 'live');
  await expect(wall.page.getByTestId('health')).toHaveAttribute('data-health', /^(live|degraded)$/);

  // The officer registers the call through the intake form.
  await o.keyboard.press('n');
  const intake = o.getByTestId('intake');
  await expect(intake).toBeVisible();
  await o.getByTestId('intake-title').fill(TITLE);
  await o.getByTestId('intake-description').fill(DESCRIPTION);
  await o.getByTestId('intake-division').selectOption('430502');
  await o.getByTestId('intake-address').fill(`双清区${IMG}`);
  await o.getByTestId('intake-submit').click();
  await expect(intake).toHaveCount(0);

  // The new case opens: title, description and address are the literal text.
  await expect(o.getByTestId('case-title')).toHaveText(TITLE);
  await expect(o.getByTestId('case-description')).toHaveText(DESCRIPTION);
  await expect(o.getByTestId('case-address')).toHaveText(`双清区${IMG}`);
  const id = await o.getByTestId('detail').getAttribute('data-case-id');
  await expect(o.getByTestId('queue-row').filter({ hasText: SCRIPT }).locator('.row__title')).toHaveText(TITLE);

  // A leader's instruction with markup in it, shown on the officer's console as text too.
  const leader = await apiToken(request, server.url, 'leader');
  const instructed = await request.post(`${server.url}/api/v1/cases/${id}/instructions`, { headers: { authorization: `Bearer ${leader}` }, data: { text: `请核实 ${SCRIPT}` } });
  expect(instructed.status()).toBe(201);
  await expect(o.getByTestId('instruction')).toContainText(`请核实 ${SCRIPT}`);

  // The wall board lists it as text as well.
  await expect(wall.page.getByTestId('board-latest').getByTestId('latest-item').filter({ hasText: SCRIPT }).locator('.db-latest__title')).toHaveText(TITLE);

  await expectInert(o);
  await expectInert(wall.page);
  expect(officer.errors).toEqual([]);
  expect(wall.errors).toEqual([]);
  await Promise.all([officer.context.close(), wall.context.close()]);
});

test('every screen is served with a strict Content-Security-Policy and no inline script', async ({ request }) => {
  for (const path of ['/console', '/department', '/admin', '/wall/dispatch']) {
    const res = await request.get(`${server.url}${path}`);
    expect(res.status(), path).toBe(200);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toContain('unsafe-inline');
    expect(csp, path).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [], `${path} has no inline script`).toEqual([]);
  }
});
