import { defineConfig } from '@playwright/test';

// Debian's Chromium, not a downloaded browser (downloads are not possible here); see
// scripts/ensure-debian.mjs, which installs it when missing.
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The spec files that take longest (each several minutes in CI), longest first. */
const LONG_SPECS = ['wall-fit', 'wall-alerts', 'leader'];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Workers take spec files project by project: the longest files first, one project each
  // (within a project the order is by name), then the rest, so with two workers no long file
  // starts last and leaves the other worker idle until it ends (docs/testing.md).
  projects: [...LONG_SPECS.map((spec) => ({ name: spec, testMatch: `**/${spec}.spec.ts` })), { name: 'rest', testIgnore: LONG_SPECS.map((spec) => `**/${spec}.spec.ts`) }],
  // Temporary files (the servers' data directories, Chromium's profiles) in memory when there is room (docs/testing.md).
  globalSetup: '../scripts/test-tmpdir.ts',
  outputDir: '../test-results',
  // Each spec file starts its own server (own port, own data directory) in beforeAll and
  // keeps to one worker, so E2E_WORKERS=2 runs two files side by side. One by default: on a
  // 2-core machine under load, two workers timed out more tests (docs/testing.md).
  fullyParallel: false,
  workers: Number(process.env['E2E_WORKERS'] ?? 1),
  retries: 0,
  // Generous on purpose: CI machines are busy (load 13 on 2 cores has been seen); every wait
  // is on a condition, so a fast machine never waits this long.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  // The list, then each spec file's wall time against its tests' own (support/file-times.ts).
  reporter: [['list'], ['./support/file-times.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
  },
});
