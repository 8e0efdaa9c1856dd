// page.evaluate callbacks run in the browser.
/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { signIn } from './auth.ts';
import { watchConsole } from './wall.ts';

/** The sizes the leader's screen is made for, in CSS px: tablets both ways round, and a phone. */
export const TOUCH_SIZES = [
  { name: '1024x768', width: 1024, height: 768 },
  { name: '1180x820', width: 1180, height: 820 },
  { name: '1366x1024', width: 1366, height: 1024 },
  { name: '1024x1366', width: 1024, height: 1366 },
  { name: '390x844', width: 390, height: 844 },
] as const;
export type TouchSize = (typeof TOUCH_SIZES)[number];

/** A touch device's browser context (touch events, mobile viewport), signed in as `username`. */
export async function openTouch(browser: Browser, baseUrl: string, size: { width: number; height: number }, username: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, baseUrl, username);
  await page.goto(`${baseUrl}${path}`);
  return { context, page, errors };
}

export interface TouchLayout {
  /** The document or the screen's scrolling body is wider than the viewport. */
  horizontalScroll: boolean;
  /** Boxes whose content is wider than the box (cut off or spilling), or reaching past the viewport. */
  clipped: string[];
  /** Controls smaller than 44×44 CSS px. */
  smallTargets: string[];
}

/**
 * What the leader's screen must never do on a touch device: scroll sideways, cut a figure or
 * a text off, or offer a control smaller than a fingertip (44×44 CSS px).
 */
export async function touchLayout(page: Page): Promise<TouchLayout> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const d = document.documentElement;
    const body = document.querySelector<HTMLElement>('[data-testid=leader-body]');
    const horizontalScroll = d.scrollWidth > vw || (body !== null && body.scrollWidth > body.clientWidth + 1);
    const label = (el: Element) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const clipped: string[] = [];
    const boxes = '[data-testid=figure-value], [data-testid=metric-value], .leader-figure, .leader-figure__name, .leader-rank__row, .leader-case, .leader-card, .leader-h2, .leader-h3, .leader-tab, .leader-chip, .leader-btn, .leader-header, .leader-cmp, .leader-facts dd, .leader-offline';
    for (const el of document.querySelectorAll<HTMLElement>(boxes)) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1) clipped.push(`${label(el)}: content ${el.scrollWidth} in ${el.clientWidth}`);
      else if (r.right > vw + 1 || r.left < -1) clipped.push(`${label(el)}: ${Math.round(r.left)}–${Math.round(r.right)} outside 0–${vw}`);
    }
    const smallTargets: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid=leader] a[href], [data-testid=leader] button, [data-testid=leader] summary, [data-testid=leader] label, [data-testid=leader] textarea')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 44 || r.height < 44) smallTargets.push(`${label(el)}: ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return { horizontalScroll, clipped, smallTargets };
  });
}

/** A one-finger swipe by `dx`, `dy` CSS px from the middle of the element's visible part, as touch events. */
export async function swipe(page: Page, el: Locator, dx: number, dy = 0): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  const view = page.viewportSize();
  if (box === null || view === null) throw new Error('nothing to swipe on');
  const top = Math.max(box.y, 0);
  const bottom = Math.min(box.y + box.height, view.height);
  const x = Math.min(Math.max(box.x + box.width / 2 - dx / 2, 5), view.width - 5);
  const y = Math.min(Math.max(dy > 0 ? top + 10 : (top + bottom) / 2, 5), view.height - 5);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
