// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { createSourceKey, hotlineReport, openAs, reportCase } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { screenshotPath } from './support/screenshots.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';
import { openTouch } from './support/touch.ts';

/**
 * The console's and the leader tablet's case maps with a street tile source (MAP_TILE_URL),
 * here a self-hosted tile server on another loopback port, and without one (the default).
 */

const TILE = 256;

/** A solid 256×256 RGB PNG: the smallest honest tile (signature, IHDR, one IDAT, IEND). */
function solidPng(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(TILE, 0);
  ihdr.writeUInt32BE(TILE, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type: truecolour
  const row = Buffer.alloc(1 + TILE * 3); // filter byte 0, then the pixels
  for (let i = 0; i < TILE; i++) row.set([r, g, b], 1 + i * 3);
  const raw = Buffer.concat(Array.from({ length: TILE }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

interface TileServer {
  origin: string;
  /** Paths requested so far, e.g. /tiles/16/53061/27611.png. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves /tiles/{z}/{x}/{y}.png, each tile a colour of its own, and records every request. */
async function startTileServer(): Promise<TileServer> {
  const requests: string[] = [];
  const srv = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [x, y] = [Number(m[2]), Number(m[3])];
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    res.end(solidPng(40 + ((x * 37) % 160), 60 + ((y * 53) % 160), 120));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}

let tiles: TileServer;
let withTiles: ServerProcess;
let plain: ServerProcess;

test.beforeAll(async () => {
  tiles = await startTileServer();
  // Only the cases this test reports: no simulator, no backfill to wait for.
  const quiet = { SIMULATOR: 'off', SIM_START: '2026-11-27T10:00:00+08:00' };
  [withTiles, plain] = await Promise.all([
    startServerProcess({ ...quiet, MAP_TILE_URL: `${tiles.origin}/tiles/{z}/{x}/{y}.png`, MAP_TILE_ATTRIBUTION: '测试瓦片 © City Window e2e' }),
    startServerProcess(quiet),
  ]);
});

test.afterAll(async () => {
  await Promise.all([withTiles?.stop(), plain?.stop()]);
  await tiles?.close();
});

attachServerOutputOnFailure(() => withTiles);

/** Chromium's console message for a refused load: "Refused to …" or, lately, "… violates the following Content Security Policy directive". */
const CSP_MESSAGE = /Refused to |violates the following Content Security Policy/;

/**
 * Records CSP violations two ways: the securitypolicyviolation event (in the page, from its
 * first script on) and Chromium's console messages.
 */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (CSP_MESSAGE.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} from ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return async () => [...refused, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

// The report's place, [111.478, 27.236] (双清区宝庆中路), at zoom 16 (the case maps' street
// level), worked out with the slippy-map formulas: x = (lon + 180) / 360 · 2^16 = 53061.95,
// y = (1 − asinh(tan φ) / π) / 2 · 2^16 = 27611.81. So it lies in tile 16/53061/27611, at
// (243.3, 208.5) px inside it.
const PLACE_TILE = '/tiles/16/53061/27611.png';
const PLACE_IN_TILE = { x: 243.3, y: 208.5 };

/** The street map's tiles as drawn: where each came from, whether it loaded, where it sits. */
function drawnTiles(page: Page, scope: string) {
  return page.locator(`${scope} [data-testid=street-map] img`).evaluateAll((imgs) =>
    imgs.map((el) => {
      const img = el as HTMLImageElement;
      const box = img.getBoundingClientRect();
      const map = img.closest('[data-testid=street-map]')!.getBoundingClientRect();
      return { src: img.src, loaded: img.complete && img.naturalWidth, left: box.left - map.left, top: box.top - map.top, mapWidth: map.width, mapHeight: map.height };
    }),
  );
}

async function expectStreetMap(page: Page, scope: string, loadedFromTiles: Set<string>) {
  const map = page.locator(`${scope} [data-testid=street-map]`);
  await expect(map).toBeVisible();
  await expect(map).toContainText('测试瓦片 © City Window e2e');
  // Every tile of the view loaded from the tile server (a broken image has naturalWidth 0).
  await expect.poll(async () => {
    const drawn = await drawnTiles(page, scope);
    return drawn.length > 0 && drawn.every((t) => t.loaded === TILE && t.src.startsWith(`${tiles.origin}/tiles/16/`));
  }).toBe(true);
  const drawn = await drawnTiles(page, scope);
  for (const t of drawn) expect(loadedFromTiles, `${t.src} answered 200 to the page`).toContain(t.src);
  // The tile holding the place is placed so that the place is the view's centre, under the pin.
  const home = drawn.find((t) => t.src === `${tiles.origin}${PLACE_TILE}`);
  expect(home, `${PLACE_TILE} among ${drawn.map((t) => t.src).join(', ')}`).toBeDefined();
  expect(Math.abs(home!.left + PLACE_IN_TILE.x - home!.mapWidth / 2)).toBeLessThan(1.5);
  expect(Math.abs(home!.top + PLACE_IN_TILE.y - home!.mapHeight / 2)).toBeLessThan(1.5);
  // The view is covered: some tile at each corner.
  const covers = (x: number, y: number) => drawn.some((t) => t.left <= x && x < t.left + TILE && t.top <= y && y < t.top + TILE);
  const { mapWidth: w, mapHeight: h } = home!;
  expect([covers(0, 0), covers(w - 1, 0), covers(0, h - 1), covers(w - 1, h - 1)]).toEqual([true, true, true, true]);
  await expect(page.locator(`${scope} [data-testid=case-map]`)).toHaveCount(0);
}

test('with MAP_TILE_URL, the console’s and the tablet’s case maps show streets from the tile server, allowed by the CSP', async ({ browser, request }) => {
  const key = await createSourceKey(request, withTiles.url);
  const reported = await reportCase(request, withTiles.url, key, hotlineReport(`宝庆中路井盖缺失 ${Date.now().toString(36)}`));

  // The tile server's origin, and no other, joins the CSP's img-src.
  const page = await request.get(`${withTiles.url}/console`);
  const imgSrc = /img-src ([^;]*)/.exec(page.headers()['content-security-policy'] ?? '')?.[1] ?? '';
  expect(imgSrc.split(' ')).toContain(tiles.origin);

  for (const screen of ['console', 'tablet'] as const) {
    const { context, page, errors } =
      screen === 'console'
        ? await openAs(browser, withTiles.url, 'officer', `/console/${reported.id}`)
        : await openTouch(browser, withTiles.url, { width: 1180, height: 820 }, 'leader', `/leader/case/${reported.id}`);
    const violations = await watchCsp(page);
    const fromTiles = new Set<string>();
    page.on('response', (r) => {
      if (r.url().startsWith(tiles.origin) && r.status() === 200 && r.headers()['content-type'] === 'image/png') fromTiles.add(r.url());
    });
    // Listeners are in place before the case page renders: load it again.
    await page.reload();
    const scope = screen === 'console' ? '[data-testid=detail]' : '[data-testid=case-facts]';
    await expectStreetMap(page, scope, fromTiles);
    await page.screenshot({ path: screenshotPath(screen === 'console' ? 'console-case-map-tiles-1920x1080.png' : 'leader-case-map-tiles-1180x820.png') });
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }
  expect(tiles.requests).toContain(PLACE_TILE);
});

test('without a tile source the case maps draw the division boundaries and ask for no tiles; the CSP would refuse them', async ({ browser, request }) => {
  const key = await createSourceKey(request, plain.url);
  // A county's case: 隆回县 is large enough on the city map for its highlight to be counted.
  const reported = await reportCase(request, plain.url, key, hotlineReport(`桃洪镇路灯不亮 ${Date.now().toString(36)}`, { division: '430524', location: [111.032, 27.114], address: '隆回县桃洪镇沿河路' }));
  const tileRequestsBefore = tiles.requests.length;

  for (const screen of ['console', 'tablet'] as const) {
    const { context, page, errors } =
      screen === 'console'
        ? await openAs(browser, plain.url, 'officer', `/console/${reported.id}`)
        : await openTouch(browser, plain.url, { width: 1180, height: 820 }, 'leader', `/leader/case/${reported.id}`);
    const violations = await watchCsp(page);
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(plain.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
    });
    await page.reload();
    const scope = screen === 'console' ? '[data-testid=detail]' : '[data-testid=case-facts]';
    const map = page.locator(`${scope} [data-testid=case-map]`);
    await expect(map).toBeVisible();
    // The boundaries are drawn: the other divisions in their fill (#132a55) and the case's own
    // highlighted (#1d5fa8), each over a sizeable part of the canvas (隆回县 is about a seventh
    // of the city).
    await expect.poll(() => map.locator('canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let city = 0;
      let own = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        if (Math.abs(r - 0x13) < 6 && Math.abs(g - 0x2a) < 6 && Math.abs(b - 0x55) < 6) city++;
        else if (Math.abs(r - 0x1d) < 6 && Math.abs(g - 0x5f) < 6 && Math.abs(b - 0xa8) < 6) own++;
      }
      return { city: city > 5000, own: own > 1000 };
    })).toEqual({ city: true, own: true });
    await expect(page.locator('[data-testid=street-map]')).toHaveCount(0);
    expect(foreign).toEqual([]);
    expect(await violations()).toEqual([]);

    // The watch above does catch a refusal: an image from the tile server is refused here,
    // since its origin is not in this server's img-src.
    await page.evaluate((src) => {
      const img = document.createElement('img');
      img.src = src;
      document.body.append(img);
    }, `${tiles.origin}${PLACE_TILE}?probe=${screen}`);
    await expect.poll(async () => (await violations()).some((v) => v.includes(tiles.origin))).toBe(true);
    expect(errors.filter((e) => !CSP_MESSAGE.test(e))).toEqual([]);
    await context.close();
  }
  expect(tiles.requests.slice(tileRequestsBefore)).toEqual([]);
});

/**
 * The bounding box, in CSS pixels, of the case's division as the fallback map highlights it
 * (#1d5fa8 on the map's canvas), or null while nothing is drawn in that colour.
 */
function highlightBox(page: Page, scope: string) {
  return page.locator(`${scope} [data-testid=case-map] canvas`).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i]! - 0x1d) < 6 && Math.abs(px[i + 1]! - 0x5f) < 6 && Math.abs(px[i + 2]! - 0xa8) < 6) {
        const x = (i / 4) % canvas.width;
        const y = Math.floor(i / 4 / canvas.width);
        [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
      }
    }
    // The canvas has device pixels; the box is measured on screen.
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    return right < left ? null : { width: Math.round((right - left + 1) / scale), height: Math.round((bottom - top + 1) / scale) };
  });
}

test('without a tile source, a case in an urban district frames the urban districts, so its own reads and takes a finger', async ({ browser, request }) => {
  const key = await createSourceKey(request, plain.url);
  // 双清区 is about 22 px across on the whole city drawn in the console's case map.
  const reported = await reportCase(request, plain.url, key, hotlineReport(`宝庆中路井盖缺失 ${Date.now().toString(36)}`, { division: '430502', location: [111.478, 27.236], address: '双清区宝庆中路' }));
  for (const screen of ['console', 'tablet'] as const) {
    const { context, page, errors } =
      screen === 'console'
        ? await openAs(browser, plain.url, 'officer', `/console/${reported.id}`)
        : await openTouch(browser, plain.url, { width: 1180, height: 820 }, 'leader', `/leader/case/${reported.id}`);
    const scope = screen === 'console' ? '[data-testid=detail]' : '[data-testid=case-facts]';
    await expect(page.locator(`${scope} [data-testid=case-map]`)).toBeVisible();
    // At least 64 px each way (it was ~22): room for its name, and over a 48 px touch target.
    await expect
      .poll(async () => {
        const box = await highlightBox(page, scope);
        return box !== null && box.width >= 64 && box.height >= 64 ? 'readable' : `highlight ${JSON.stringify(box)}`;
      }, { message: `${screen}: 双清区's highlight` })
      .toBe('readable');
    await page.screenshot({ path: screenshotPath(screen === 'console' ? 'console-case-map-urban-1920x1080.png' : 'leader-case-map-urban-1180x820.png') });
    expect(errors).toEqual([]);
    await context.close();
  }
});
