import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'citywindow-demo';

/**
 * Signs a demo user in for this page's browser context (the session cookie is shared by
 * every page of the context). Demo users: leader, shift, officer, inspector, cgj (城管局), admin.
 */
export async function signIn(page: Page, baseUrl: string, username = 'leader'): Promise<void> {
  const res = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
}
