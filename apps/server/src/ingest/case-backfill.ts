import type { Department } from '@cw/contracts';
import type { DispatchRules } from '@cw/dispatch';
import type { Simulator } from '@cw/simulator';
import type { Logger } from 'pino';
import { CaseService } from '../dispatch/case-service.ts';
import { TopicRegistry } from '../publish/topics.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { Storage } from '../storage/storage.ts';
import { SimulatedCrew } from './crew-source.ts';
import { SIM_INTAKE } from './intake-source.ts';

/** The replay's beat: the crew and the server's chases move at most this late, as on a live case tick. */
const STEP_MS = 60_000;

export interface CaseBackfillOptions {
  rules: DispatchRules;
  departments: () => readonly Department[];
  utcOffsetMs: number;
  kpiDays: number;
  seed: number;
}

/**
 * Whether this start writes case history: a first start (no rollups restored, the same notion
 * the rollups' backfill uses, so later starts read nothing more) into a store without cases, so
 * a writer taking the lease after another wrote the rollups or began the cases never doubles them.
 */
export async function needsCaseHistory(storage: Pick<Storage, 'activeCases'>, restoredTo: number | null): Promise<boolean> {
  return restoredTo === null && (await storage.activeCases(0)).length === 0;
}

/**
 * Gives a fresh installation its case history: replays the simulator's intake from `from` to
 * `to` through a CaseService of its own on a replay clock, with the simulated duty crew and
 * the server's chases moving on a one-minute beat, so every number, transition and deadline is
 * what the live path would have written. The replay works in a memory store, and the result is
 * written to `storage` in one transaction (`importCases`): a commit per step (≈8 per case) was
 * most of a first start's time. Nobody hears its desk (`unheard`: no topics, trends or KPIs):
 * the live CaseService restores the result from storage. Returns the number of cases opened.
 */
export async function backfillCases(sim: Simulator, storage: Storage, options: CaseBackfillOptions, from: number, to: number, log: Logger): Promise<number> {
  const replay = createMemoryStorage();
  await replayCases(sim, replay, options, from, to, log);
  const cases = await replay.activeCases(Number.NEGATIVE_INFINITY);
  const histories = await replay.caseHistories(cases.map((c) => c.id));
  // The desk numbers cases C<yyyymmdd>-NNNN through the counter case:<yyyymmdd>; the live desk numbers on from the highest.
  const sequences = new Map<string, number>();
  for (const c of cases) {
    const [day, n] = [c.id.slice(1, 9), Number(c.id.slice(10))];
    sequences.set(`case:${day}`, Math.max(sequences.get(`case:${day}`) ?? 0, n));
  }
  await storage.importCases(
    cases.map((c) => ({ case: c, transitions: histories.get(c.id) ?? [] })),
    sequences,
  );
  return cases.length;
}

async function replayCases(sim: Simulator, storage: Storage, options: CaseBackfillOptions, from: number, to: number, log: Logger): Promise<void> {
  let now = from;
  const clock = { now: () => now };
  const desk = new CaseService(storage, new TopicRegistry('backfill', [], 1), clock, { ...options, unheard: true }, log);
  const crew = new SimulatedCrew(desk, storage, options.departments, options.seed, log);
  try {
    for (let t = from; t < to; ) {
      const end = Math.min(t + STEP_MS, to);
      for (const r of sim.reportsBetween(t, end)) {
        now = r.ts;
        const outcome = await desk.report(r.report, SIM_INTAKE);
        if (!outcome.ok) log.warn({ report: r.id, error: outcome.error }, 'simulated report refused in the case backfill');
      }
      now = end;
      await crew.tick(end);
      await desk.tick();
      t = end;
    }
  } finally {
    desk.stop();
  }
}
