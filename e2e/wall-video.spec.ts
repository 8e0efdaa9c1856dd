import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { CityProfile } from '@cw/contracts';
import { freePort, startServerProcess, type ServerProcess } from './support/server.ts';
import { openWall } from './support/wall.ts';

let server: ServerProcess;
let camera: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The example city with a stream URL on its first camera: a profile is data, so a test
  // profile is a copy with one more field.
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-profile-'));
  fs.cpSync(path.resolve('profiles/example-city'), dir, { recursive: true });
  const profile = JSON.parse(fs.readFileSync(path.join(dir, 'profile.json'), 'utf8')) as CityProfile;
  const first = profile.devices.find((d) => d.type === 'camera')!;
  first.streamUrl = `http://127.0.0.1:${port}/streams/${first.id}.m3u8`;
  camera = first.id;
  fs.writeFileSync(path.join(dir, 'profile.json'), JSON.stringify(profile));
  server = await startServerProcess({ CITY_PROFILE: dir, PORT: String(port), SIM_BACKFILL_DAYS: '1' });
});

test.afterAll(async () => {
  await server?.stop();
});

test('a camera with a stream gets a video tile, with hls.js loaded only then', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/assets/') && r.url().endsWith('.js')) chunks.push(r.url());
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openWall(page, server, '/wall', { playlist: 'off' });
  const video = page.getByTestId('video');
  await expect(video).toBeVisible();
  await expect(video).toHaveAttribute('data-camera', camera);
  await expect(video.getByTestId('video-player')).toBeAttached();
  await expect.poll(() => chunks.some((u) => /HlsVideo-.*\.js$/.test(u))).toBe(true);
  // There is no stream behind the URL here: the tile says so instead of hanging or erroring.
  await expect(video).toContainText('视频流暂不可用');
});
