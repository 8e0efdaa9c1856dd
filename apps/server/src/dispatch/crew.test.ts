import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSummary, DispatchOverview } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { login, recordingClient, startTestServer, waitFor } from '../testing/harness.ts';

let s: RunningServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

describe('simulated intake and duty crew', () => {
  it('reports cases from the channels and works them through the loop, so the KPIs move', async () => {
    // Ten simulated minutes per real second, from a Wednesday morning; no history written at
    // the start (case-backfill.test.ts covers it), so every case seen came in live.
    s = await startTestServer({ SIMULATOR: 'on', SIM_SPEED: '600', SIM_START: '2026-11-25T08:00:00+08:00', SIM_BACKFILL_DAYS: '0', SIM_CASE_BACKFILL_DAYS: '0', CASE_TICK_MS: '200' });
    const { client } = recordingClient(s.url, ['cases', 'dispatch'], { token: await login(s, 'leader') });
    try {
      const states = () => Object.values(client.entries('cases') as Record<string, CaseSummary>).map((c) => c.state);
      await waitFor(() => states().some((st) => ['acknowledged', 'in_progress', 'feedback', 'checking', 'closed'].includes(st)), 'a case handled by a department', 30_000);
      // Channels report at their own rates; on a busy machine the first handled case may come before a second channel's first report.
      const channels = await waitFor(() => {
        const seen = new Set(Object.values(client.entries('cases') as Record<string, CaseSummary>).map((c) => c.channel));
        return seen.size > 1 ? seen : undefined;
      }, 'cases from more than one channel', 30_000);
      expect(channels.size).toBeGreaterThan(1);
      const kpis = await waitFor(() => {
        const k = client.entries('dispatch')['kpis'] as DispatchOverview | undefined;
        // KPIs follow case changes within a second or so.
        return k && k.registered > 0 && k.departments.some((d) => d.acknowledged > 0) ? k : undefined;
      }, 'KPIs with registered and acknowledged cases', 10_000);
      expect(kpis.openedToday).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  }, 90_000);
});
