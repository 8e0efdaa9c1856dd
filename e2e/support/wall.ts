// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { ingestBatchSchema, type RawEvent } from '@cw/contracts';
import { DEMO_PASSWORD, signIn } from './auth.ts';
import type { ServerProcess } from './server.ts';

/** Collects console errors and uncaught exceptions; a wall test ends by expecting none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // A failed load's message does not say what failed; its location does.
    if (m.type() === 'error') errors.push(m.location().url ? `${m.text()} (${m.location().url})` : m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Signs in and opens a wall page; `query` e.g. { playlist: 'off', lang: 'en' }. */
export async function openWall(page: Page, server: ServerProcess, path = '/wall', query: Record<string, string> = {}): Promise<void> {
  await signIn(page, server.url);
  const qs = new URLSearchParams(query).toString();
  await page.goto(`${server.url}${path}${qs ? `?${qs}` : ''}`);
  await expect(page.getByTestId('wall')).toBeVisible();
}

/** An API client signed in as the demo administrator (who may ingest events). */
export async function adminApi(server: ServerProcess): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: server.url });
  const res = await api.post('/api/v1/auth/login', { data: { username: 'admin', password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

/** The server's clock (simulated when SIM_SPEED / SIM_START are set). */
export async function serverTime(api: APIRequestContext): Promise<number> {
  const res = await api.get('/api/v1/time');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { now: number }).now;
}

/** Posts raw events after checking them against the contract's schema, as a real source would. */
export async function ingest(api: APIRequestContext, events: RawEvent[]): Promise<void> {
  const batch = ingestBatchSchema.parse({ events });
  const res = await api.post('/api/v1/events', { data: batch });
  expect(res.status(), await res.text()).toBe(202);
}

/**
 * Panels (and lists and tiles in them) whose content is larger than their box, and whether
 * the document scrolls: the wall must show everything it renders, with no scrollbars. Poll
 * it (`expect.poll`): a list re-fits its rows a frame after its panel changes size.
 */
export async function overflowing(page: Page): Promise<{ elements: string[]; documentScrolls: boolean }> {
  return page.evaluate(() => {
    const elements: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.panel, .figure, .wall-header, .feed, .alert-list, .bars, .ranking, .map-legends, .db-step')) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        elements.push(`${el.className} (${el.dataset['testid'] ?? ''}): ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    const d = document.documentElement;
    return { elements, documentScrolls: d.scrollWidth > window.innerWidth || d.scrollHeight > window.innerHeight };
  });
}

/** Visible texts set smaller than `minPx`, with their size: none on a wall. */
export async function textsSmallerThan(page: Page, minPx: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (el === null || text === '') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < min) small.push(`${px}px ${el.className}: ${text.slice(0, 20)}`);
    }
    return small;
  }, minPx);
}
