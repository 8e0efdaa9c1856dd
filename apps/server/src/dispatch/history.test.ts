import { describe, expect, it } from 'vitest';
import type { CaseRecord, DispatchOverview } from '@cw/contracts';
import { openSqliteStorage } from '../storage/sqlite.ts';
import { TEST_START, cleanupAfterEach, login, recordingClient, tempDataDir, waitFor } from '../testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();
const HOUR = 3_600_000;
// TEST_START is Friday 2026-11-27 10:00 in Shaoyang; yesterday began Thursday 00:00 (UTC+8).
const NOW = Date.parse(TEST_START);
const THURSDAY = Date.UTC(2026, 10, 25, 16);

async function storedCases(dataDir: string): Promise<CaseRecord[]> {
  const storage = openSqliteStorage(dataDir);
  try {
    return await storage.activeCases(0);
  } finally {
    await storage.close();
  }
}

describe('case history at the first start', () => {
  it("has yesterday's and this morning's cases on the board, and a second start writes none again", async () => {
    const dataDir = tempDataDir();
    // Rollup history off to keep it quick; the live case clock slow, so the board shows what the backfill wrote.
    const env = { DATA_DIR: dataDir, STORAGE: 'sqlite', SIMULATOR: 'on', SIM_BACKFILL_DAYS: '0', SIM_CASE_BACKFILL_DAYS: '1', CASE_TICK_MS: '600000' };
    const first = await server(env);
    const { client } = recordingClient(first.url, ['dispatch'], { token: await login(first, 'leader') });
    cleanups.push(() => client.close());
    const kpis = await waitFor(() => client.entries('dispatch')['kpis'] as DispatchOverview | undefined, 'dispatch KPIs');
    client.close();
    await first.stop();

    const cases = await storedCases(dataDir);
    const thursday = cases.filter((c) => c.reportedAt >= THURSDAY && c.reportedAt < THURSDAY + 24 * HOUR);
    const friday = cases.filter((c) => c.reportedAt >= THURSDAY + 24 * HOUR);
    // Nothing before yesterday (one day back), yesterday's ids carry yesterday's date.
    expect(cases.every((c) => c.reportedAt >= THURSDAY)).toBe(true);
    expect(thursday.length).toBeGreaterThan(120);
    for (const c of thursday) expect(c.id).toMatch(/^C20261126-\d{4}$/);
    for (const c of friday) expect(c.id).toMatch(/^C20261127-\d{4}$/);
    // Friday 00:00–10:00: night-time 12345, video and IoT reports, then the morning's.
    expect(friday.length).toBeGreaterThan(10);

    // The board: today against yesterday by this time, and KPIs over cases taken in.
    const trends = kpis.trends!;
    expect(trends.openedToday).toBe(friday.filter((c) => c.reportedAt <= trends.at).length);
    expect(trends.openedYesterday).toBe(thursday.filter((c) => c.reportedAt <= trends.at - 24 * HOUR).length);
    expect(trends.openedYesterday).toBeGreaterThan(0);
    expect(kpis.openedToday).toBeGreaterThan(0);
    expect(kpis.registered).toBeGreaterThan(0);
    // Open: not closed (结案), evaluated after the return visit (评价), voided or merged; among
    // the cases reported by the KPIs' time (the live simulator may report more before the stop).
    expect(kpis.open).toBe(cases.filter((c) => c.reportedAt <= trends.at && !['closed', 'evaluated', 'voided', 'merged'].includes(c.state)).length);
    expect(trends.at).toBeGreaterThanOrEqual(NOW);

    // The store holds cases now, so the second start replays nothing: the cases reported
    // before the first start are the same ones, in the same states or further on.
    const second = await server(env);
    await second.stop();
    const again = await storedCases(dataDir);
    const before = (list: CaseRecord[]) =>
      list
        .filter((c) => c.reportedAt <= NOW)
        .map((c) => c.id)
        .sort();
    expect(before(again)).toEqual(before(cases));
  }, 60_000);
});
