import { deflateSync } from 'node:zlib';
import { expect, test, type Browser } from '@playwright/test';
import { apiToken, createSourceKey, hotlineReport, reportCase } from './support/cases.ts';
import { signIn } from './support/auth.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { screenshotPath } from './support/screenshots.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ SIMULATOR: 'off', SIM_START: '2026-11-27T10:00:00+08:00' });
});
test.afterAll(async () => {
  await server?.stop();
});
attachServerOutputOnFailure(() => server);

/** A real 48×32 PNG (a grey field), made here so the preview has something to draw. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const [w, h] = [48, 32];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((w * 3 + 1) * h, 0x80);
  for (let y = 0; y < h; y++) rows[y * (w * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A case the centre has sent for on-site verification. */
async function caseToVerify(request: Parameters<typeof createSourceKey>[0], title: string): Promise<string> {
  const key = await createSourceKey(request, server.url, `12345热线系统（${title}）`);
  const c = await reportCase(request, server.url, key, hotlineReport(title, { category: 'public_facilities', address: '双清区宝庆中路 88 号' }));
  const officer = await apiToken(request, server.url, 'officer');
  const r = await request.post(`${server.url}/api/v1/cases/${c.id}/commands`, { headers: { authorization: `Bearer ${officer}` }, data: { caseId: c.id, expectedVersion: 1, action: 'verify' } });
  expect(r.status(), await r.text()).toBe(200);
  return c.id;
}

async function openInspector(browser: Browser, width: number, height: number, path: string) {
  const context = await browser.newContext({
    viewport: { width, height },
    hasTouch: true,
    permissions: ['geolocation'],
    geolocation: { longitude: 111.46921, latitude: 27.23875, accuracy: 9 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await signIn(page, server.url, 'inspector');
  await page.goto(`${server.url}${path}`);
  return { context, page, errors };
}

test('the inspector verifies a report on site with a photo and the device location, on a phone', async ({ browser, request }) => {
  const id = await caseToVerify(request, `人行道井盖缺失 ${Date.now().toString(36)}`);
  const { context, page, errors } = await openInspector(browser, 390, 844, '/inspector');
  const task = page.getByTestId('inspector-task').and(page.locator(`[data-case="${id}"]`));
  await expect(task).toContainText('核实');
  await task.tap();
  await expect(page.getByTestId('inspector-case')).toHaveAttribute('data-task', 'verify');
  // One column on a phone: the list gives way to the case.
  await expect(task).toBeHidden();

  await page.getByTestId('inspector-photo').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: png() });
  await expect(page.getByTestId('inspector-preview')).toBeVisible();
  await page.getByTestId('inspector-locate').tap();
  await expect(page.getByTestId('inspector-place')).toContainText('111.46921, 27.23875');
  await page.getByTestId('inspector-report-verification').tap();
  await expect(page.getByText('请填写情况说明')).toBeVisible();
  await page.getByTestId('inspector-comment').fill('现场核实属实，井盖缺失，已设置临时围挡');
  await page.getByTestId('inspector-report-verification').tap();
  await expect(page.getByTestId('inspector-case')).toHaveCount(0);
  await expect(page.getByTestId('inspector-task').and(page.locator(`[data-case="${id}"]`))).toHaveCount(0);

  const officer = await apiToken(request, server.url, 'officer');
  const detail = (await (await request.get(`${server.url}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${officer}` } })).json()) as {
    case: { state: string };
    history: { action: string; actor: { role: string }; details?: { evidence?: { photoId?: string; location?: number[]; locationSource?: string } } }[];
  };
  expect(detail.case.state).toBe('verified');
  const last = detail.history.at(-1)!;
  expect(last).toMatchObject({ action: 'report_verification', actor: { role: 'inspector' }, details: { evidence: { location: [111.46921, 27.23875], locationSource: 'device' } } });
  expect(last.details?.evidence?.photoId).toMatch(/^[a-f0-9]{32}$/);
  expect(errors).toEqual([]);
  await context.close();
});

for (const [width, height] of [
  [390, 844],
  [1180, 820],
] as const) {
  for (const lang of ['zh', 'en'] as const) {
    test(`the inspector desk at ${width}×${height} in ${lang}`, async ({ browser, request }) => {
      const id = await caseToVerify(request, lang === 'en' ? `Missing manhole cover ${width}` : `人行道井盖缺失 ${width}`);
      const query = lang === 'en' ? '?lang=en' : '';
      const { context, page, errors } = await openInspector(browser, width, height, `/inspector/${id}${query}`);
      await expect(page.getByTestId('inspector-case')).toHaveAttribute('data-task', 'verify');
      await page.getByTestId('inspector-photo').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: png() });
      await expect(page.getByTestId('inspector-preview')).toBeVisible();
      await page.getByTestId('inspector-locate').click();
      await expect(page.getByTestId('inspector-place')).toBeVisible();
      // Nothing runs off the side of the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: screenshotPath(`inspector-${width}x${height}${lang === 'en' ? '-en' : ''}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
