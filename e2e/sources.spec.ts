import { expect, test } from '@playwright/test';
import { openAs, openAsWall } from './support/cases.ts';
import { attachServerOutputOnFailure } from './support/diagnose.ts';
import { screenshotPath } from './support/screenshots.ts';
import { startServerProcess, type ServerProcess } from './support/server.ts';

let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess({ SIMULATOR: 'off' });
});

test.afterAll(async () => {
  await server?.stop();
});

attachServerOutputOnFailure(() => server);

test('an administrator registers a data source scoped to air readings; its refusals and its silence show in the registry and on every screen, and clear when it reports again', async ({ browser, request }) => {
  // Four screens (registry, wall, leader, console) one after the other, on a loaded machine.
  test.setTimeout(360_000);
  const admin = await openAs(browser, server.url, 'admin', '/admin/sources');
  const a = admin.page;
  await a.getByTestId('source-name').fill('市生态环境局 空气站');
  await a.getByTestId('source-department').selectOption('sthjj');
  await a.getByTestId('source-kinds').fill('air.reading');
  await a.getByTestId('source-interval').fill('3');
  await a.getByTestId('source-create').click();
  const key = (await a.getByTestId('source-key').textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);

  // The station sends one hazy reading (PM2.5 130 µg/m³: AQI 172, the AQI's blue alert, below
  // the silence's yellow one on the wall) and, out of its scope, one 12345 call (the server
  // runs on the real clock here).
  const now = Date.now();
  const reading = { kind: 'air.reading', id: 'st1-1', ts: now, division: '430502', station: 'sq-1', values: { pm25: 130, pm10: 60, so2: 8, no2: 30, co: 0.8, o3: 60 } };
  const call = { kind: 'hotline.call', id: 'st1-2', ts: now, division: '430502', values: { answered: 1, waitSec: 10 } };
  const res = await request.post(`${server.url}/api/v1/ingest`, {
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    data: `${JSON.stringify(reading)}\n${JSON.stringify(call)}\n`,
  });
  expect(res.status()).toBe(202);
  expect(await res.json()).toMatchObject({ accepted: 1, refused: 1 });

  const row = a.getByTestId('source-health-row').filter({ hasText: '市生态环境局 空气站' });
  await a.reload();
  await expect(row).toContainText('生态环境局');
  await expect(row).toContainText('air.reading');
  await expect(row).toContainText('50%');
  // The figures it feeds, from the kind it is registered for.
  await expect(row.getByTestId('source-feeds')).toContainText('空气质量指数');
  await a.screenshot({ path: screenshotPath('admin-sources-1920x1080.png') });
  // Silent past its 3 s interval: the registry says so (it reads again every 15 s).
  await expect(row.getByTestId('source-state')).toHaveText('超时未报', { timeout: 30_000 });
  // …and the walls carry its alert, naming the source.
  const wall = await openAsWall(browser, request, server.url, '/wall');
  await expect(wall.page.getByTestId('alert-row').filter({ hasText: '数据源“市生态环境局 空气站”超时未报' })).toBeVisible({ timeout: 30_000 });
  // The figures it feeds are marked stale on the wall, naming it; those of other sources are not.
  await expect(wall.page.getByTestId('tile-env.aqi').getByTestId('stale-source')).toHaveText('超时未报：市生态环境局 空气站');
  await expect(wall.page.getByTestId('tile-gov.received_today')).not.toHaveAttribute('data-stale-source');
  await wall.page.screenshot({ path: screenshotPath('wall-source-silent-1920x1080.png') });

  // The leader's tablet marks the same figures with the same words, in the domain's list and on the figure's page.
  const leader = await openAs(browser, server.url, 'leader', '/leader/city/environment');
  const l = leader.page;
  const aqi = l.getByTestId('domain-pane').locator('[data-testid=leader-figure][data-metric="env.aqi"]');
  await expect(aqi.getByTestId('stale-source')).toHaveText('超时未报：市生态环境局 空气站', { timeout: 30_000 });
  await expect(aqi).toHaveAttribute('data-stale-source', '市生态环境局 空气站');
  await l.screenshot({ path: screenshotPath('leader-source-silent-1920x1080.png') });
  await aqi.click();
  await expect(l.getByTestId('metric-headline').getByTestId('stale-source')).toHaveText('超时未报：市生态环境局 空气站');
  await l.goto(`${server.url}/leader/city/government`);
  // The AQI (blue, 172) is among the figures needing attention, marked there too; the government figures are not.
  await expect(l.getByTestId('leader-attention').locator('[data-testid=leader-figure][data-metric="env.aqi"]').getByTestId('stale-source')).toHaveText('超时未报：市生态环境局 空气站');
  const pane = l.getByTestId('domain-pane');
  await expect(pane.locator('[data-testid=leader-figure][data-metric="gov.received_today"]')).toBeVisible();
  await expect(pane.locator('[data-testid=leader-figure][data-metric="gov.received_today"]')).not.toHaveAttribute('data-stale-source');
  await expect(pane.getByTestId('stale-source')).toHaveCount(0);

  // The duty console: the AQI's alert in the tray says its figure's source is silent; the silence alert itself carries no such mark.
  const officer = await openAs(browser, server.url, 'officer', '/console');
  await officer.page.getByTestId('alerts-tray').click();
  const aqiAlert = officer.page.locator('[data-testid=tray-alert][data-metric="env.aqi"]').first();
  await expect(aqiAlert.getByTestId('stale-source')).toHaveText('超时未报：市生态环境局 空气站', { timeout: 30_000 });
  await expect(officer.page.locator('[data-testid=tray-alert][data-metric="source.silent"]').getByTestId('stale-source')).toHaveCount(0);
  await officer.page.screenshot({ path: screenshotPath('console-source-silent-1920x1080.png') });

  // The station reports again, and keeps reporting every second (well inside its 3 s interval,
  // so the silence is not raised again while the screens are checked).
  let sent = 0;
  let reporting = true;
  const send = async () => {
    sent += 1;
    const r = await request.post(`${server.url}/api/v1/ingest`, {
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      data: `${JSON.stringify({ ...reading, id: `st1-back-${sent}`, ts: Date.now() })}\n`,
    });
    expect(r.status()).toBe(202);
  };
  await send();
  let stationFailed: unknown = null;
  const station = (async () => {
    while (reporting) {
      await new Promise((r) => setTimeout(r, 1_000));
      if (reporting) await send();
    }
  })().catch((err: unknown) => {
    stationFailed = err;
  });
  try {
    // The wall: its silence alert shows as back to normal (it stays until acknowledged, like
    // every alert), and the AQI tile is no longer marked stale.
    const silence = wall.page.getByTestId('alert-row').filter({ hasText: '数据源“市生态环境局 空气站”超时未报' });
    await expect(silence.filter({ hasNotText: '已恢复' })).toHaveCount(0);
    await expect(silence.first()).toContainText('已恢复');
    await expect(wall.page.getByTestId('tile-env.aqi').getByTestId('stale-source')).toHaveCount(0);
    await expect(wall.page.getByTestId('tile-env.aqi')).not.toHaveAttribute('data-stale-source');
    await wall.page.screenshot({ path: screenshotPath('wall-source-back-1920x1080.png') });

    // The leader's tablet: no figure needing attention, nor in the environment's list, is marked.
    await expect(l.getByTestId('leader-attention').locator('[data-testid=leader-figure][data-metric="env.aqi"]')).toBeVisible();
    await expect(l.getByTestId('stale-source')).toHaveCount(0);
    await l.goto(`${server.url}/leader/city/environment`);
    await expect(aqi).toBeVisible();
    await expect(aqi).not.toHaveAttribute('data-stale-source');
    await expect(l.getByTestId('stale-source')).toHaveCount(0);

    // The console: the silence alert says back to normal; the AQI's alert no longer names a silent source.
    const traySilence = officer.page.locator('[data-testid=tray-alert][data-metric="source.silent"]');
    await expect(traySilence.filter({ hasNotText: '已恢复' })).toHaveCount(0);
    await expect(traySilence.first()).toContainText('已恢复');
    await expect(aqiAlert).not.toHaveAttribute('data-stale-source');
    await expect(officer.page.getByTestId('stale-source')).toHaveCount(0);

    // The registry (read again every 15 s) says it is reporting.
    await expect(row.getByTestId('source-state')).toHaveText('正常');
  } finally {
    reporting = false;
    await station;
  }
  expect(stationFailed).toBeNull();
  expect(admin.errors).toEqual([]);
  expect(wall.errors).toEqual([]);
  expect(leader.errors).toEqual([]);
  expect(officer.errors).toEqual([]);
});
