// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
// bench:soak-wall — a day of a wall's life, fast: the server runs simulated time at
// SIM_SPEED (default 300 × real time, from an empty store), the wall rotates through the
// overview, every thematic page and the dispatch board, and the page's JS heap after forced garbage collection
// is compared between the first simulated hour and the end. Memory that grows with time
// (unbounded buffers, charts re-created and not disposed, listeners left behind) shows as
// the difference.
import { execSync } from 'node:child_process';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../e2e/support/auth.ts';
import { startServerProcess, type ServerProcess } from '../e2e/support/server.ts';

const SPEED = Number(process.env['SIM_SPEED'] ?? 300);
const HOURS = Number(process.env['SOAK_HOURS'] ?? 24);
const GOAL_MB = 5;
const HOUR = 3_600_000;
// Short dwells, so the soak also mounts and unmounts every page and its charts many times.
const PLAYLIST = 'overview:20,government:8,environment:8,safety:8,livelihood:8,tourism:8,dispatch:8';

async function serverNow(server: ServerProcess, page: Page): Promise<number> {
  const res = await page.request.get(`${server.url}/api/v1/time`);
  if (!res.ok()) throw new Error(`GET /api/v1/time: HTTP ${res.status()}`);
  return ((await res.json()) as { now: number }).now;
}

/** Heap in use after full garbage collections, taken on the overview page. */
async function settledHeap(page: Page, cdp: CDPSession): Promise<{ mb: number; domNodes: number; canvases: number }> {
  await page.getByTestId('wall').and(page.locator('[data-page=overview]')).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const dom = await page.evaluate(() => ({ domNodes: document.getElementsByTagName('*').length, canvases: document.getElementsByTagName('canvas').length }));
  return { mb: Math.round((usedSize / 1024 / 1024) * 100) / 100, ...dom };
}

async function untilServerTime(server: ServerProcess, page: Page, t: number, label: string): Promise<void> {
  for (;;) {
    const now = await serverNow(server, page);
    if (now >= t) return;
    const left = (t - now) / SPEED / 1000;
    console.log(`${label}: ${(left / 60).toFixed(1)} min real time to go`);
    await page.waitForTimeout(Math.min(60_000, Math.max(1000, left * 1000)));
  }
}

console.log('building…');
execSync('npm run build', { stdio: 'ignore' });
// Sessions expire on the server's (simulated) clock: keep the wall's for the whole soak.
const server = await startServerProcess({ SIM_SPEED: String(SPEED), SIM_BACKFILL_DAYS: '0', TICK_MS: '1000', SESSION_HOURS: String(24 * 30) });
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'leader', password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const start = await serverNow(server, page);
  await page.goto(`${server.url}/wall?playlist=${PLAYLIST}`);
  const cdp = await page.context().newCDPSession(page);

  await untilServerTime(server, page, start + HOUR, 'first simulated hour');
  const first = await settledHeap(page, cdp);
  console.log(`after 1 simulated hour: heap ${first.mb} MB, ${first.domNodes} DOM nodes, ${first.canvases} canvases`);

  await untilServerTime(server, page, start + (HOURS + 1) * HOUR, `${HOURS} simulated hours`);
  const last = await settledHeap(page, cdp);
  const simulatedHours = Math.round(((await serverNow(server, page)) - start) / HOUR);
  console.log(`after ${simulatedHours} simulated hours: heap ${last.mb} MB, ${last.domNodes} DOM nodes, ${last.canvases} canvases`);
  const growth = Math.round((last.mb - first.mb) * 100) / 100;
  console.log(
    JSON.stringify({
      bench: 'soak-wall',
      simSpeed: SPEED,
      simulatedHours,
      heapAfterFirstHourMB: first.mb,
      heapAtEndMB: last.mb,
      growthMB: growth,
      goalMB: GOAL_MB,
      ok: Math.abs(growth) <= GOAL_MB && errors.length === 0,
      domNodes: [first.domNodes, last.domNodes],
      canvases: [first.canvases, last.canvases],
      pageErrors: errors.length,
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}
