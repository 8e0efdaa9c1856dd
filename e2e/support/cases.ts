import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { CaseSummary, NewCase } from '@cw/contracts';
import { DEMO_PASSWORD, signIn } from './auth.ts';
import { watchConsole } from './wall.ts';

/** Signs a demo user in over the API and returns the session token (for bearer requests). */
export async function apiToken(request: APIRequestContext, baseUrl: string, username: string): Promise<string> {
  const res = await request.post(`${baseUrl}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** The administrator creates a data-source API key, as a 12345 system would be given one. */
export async function createSourceKey(request: APIRequestContext, baseUrl: string, name = '12345热线系统'): Promise<string> {
  const admin = await apiToken(request, baseUrl, 'admin');
  const res = await request.post(`${baseUrl}/api/v1/sources`, { headers: { authorization: `Bearer ${admin}` }, data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { key: string }).key;
}

/** A report as the 12345 hotline system sends it. */
export function hotlineReport(title: string, over: Partial<NewCase> = {}): NewCase {
  return {
    title,
    description: '市民来电反映：垃圾桶已满两天无人清运，异味明显，影响周边商户。',
    channel: 'hotline_12345',
    requestType: 'complaint',
    category: 'city_appearance',
    urgency: 'normal',
    division: '430502',
    location: [111.478, 27.236],
    address: '双清区宝庆中路与人民路交叉口',
    reporter: { name: '张先生', phone: '138 0073 1234' },
    ...over,
  };
}

/** Posts a report with a data source's key, the way an external system does. */
export async function reportCase(request: APIRequestContext, baseUrl: string, key: string, report: NewCase): Promise<CaseSummary> {
  const res = await request.post(`${baseUrl}/api/v1/cases`, { headers: { authorization: `Bearer ${key}` }, data: report });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CaseSummary;
}

/** A fresh browser context (its own cookies) signed in as a demo user, on `path`. */
export async function openAs(browser: Browser, baseUrl: string, username: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await signIn(page, baseUrl, username);
  await page.goto(`${baseUrl}${path}`);
  return { context, page, errors };
}

/** A browser context holding a paired wall display's credential (paired over the API; pairing.spec.ts does it by hand). */
export async function openAsWall(browser: Browser, request: APIRequestContext, baseUrl: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const started = await page.request.post(`${baseUrl}/api/v1/pairing`);
  const { id, code, secret } = (await started.json()) as { id: string; code: string; secret: string };
  const admin = await apiToken(request, baseUrl, 'admin');
  const approved = await request.post(`${baseUrl}/api/v1/displays`, { headers: { authorization: `Bearer ${admin}` }, data: { code, name: '指挥大厅主屏' } });
  expect(approved.status(), await approved.text()).toBe(201);
  const collected = await page.request.post(`${baseUrl}/api/v1/pairing/${id}/collect`, { data: { secret } });
  expect(collected.status()).toBe(200);
  await page.goto(`${baseUrl}${path}`);
  return { context, page, errors };
}

/** The number shown by a board figure (its <strong>). */
export async function figure(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('strong').innerText();
  const n = Number(text.replace(/[^\d.-]/g, ''));
  expect(Number.isFinite(n), `${testId} shows a number, not "${text}"`).toBe(true);
  return n;
}
