import { test } from '@playwright/test';
import type { ServerProcess } from './server.ts';

/** When a test fails, attaches what the server printed to the report: its side of the story. */
export function attachServerOutputOnFailure(server: () => ServerProcess | undefined): void {
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixtures from a destructured first argument
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    await testInfo.attach('server-output', { body: server()?.output() ?? '(no server)', contentType: 'text/plain' });
  });
}
