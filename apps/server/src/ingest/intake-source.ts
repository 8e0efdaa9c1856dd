import type { Actor, NewCase } from '@cw/contracts';
import { CREW_PREFIX, type Simulator } from '@cw/simulator';
import type { Clock } from '../clock.ts';

/** The simulator's case intake, as the 12345 system, the inspectors' app and the sensor gateways would send it. */
export const SIM_INTAKE: Actor = { userId: `${CREW_PREFIX}intake`, role: 'system', name: '模拟受理渠道' };

/** Feeds simulated intake reports to the dispatch desk, each poll what arrived since the last. */
export function intakeSource(sim: Simulator, clock: Clock, pollMs: number, report: (r: NewCase) => Promise<unknown>, onError: (err: unknown) => void) {
  let last = clock.now();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    const now = clock.now();
    const reports = sim.reportsBetween(last, now);
    last = now;
    if (reports.length === 0) return;
    busy = true;
    (async () => {
      for (const r of reports) await report(r.report);
    })()
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  }, pollMs);
  return { stop: () => clearInterval(timer) };
}
