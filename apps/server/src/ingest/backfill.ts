import type { RawEvent } from '@cw/contracts';
import { COARSE_PERIOD_MS, type Simulator } from '@cw/simulator';
import type { RollupHost } from '../rollup/rollup-host.ts';
import type { Storage } from '../storage/storage.ts';

// Six hours per step: few enough commits to be quick, and the engine keeps 50 hours of
// closed hour windows for the daily AQI at each day close.
const CHUNK_MS = 6 * 3_600_000;

/**
 * Gives a fresh installation history: runs the simulator from `from` to `to` through the
 * same rollup path as live events, hour by hour, closing and storing windows as it goes,
 * so thematic pages have their 30 days and the wall its "today" from the first minute.
 * Whole hours come from the coarse simulator (the same daily totals, fewer batch events);
 * the last partial hour from the fine one, which the live source continues seamlessly.
 * Events still in open windows at the end are journaled like live ones.
 */
export async function backfill(
  sims: { coarse: Simulator; fine: Simulator },
  rollup: RollupHost,
  storage: Storage,
  from: number,
  to: number,
  onEvents: (events: readonly RawEvent[]) => void,
): Promise<number> {
  let count = 0;
  const wholeHours = Math.floor(to / COARSE_PERIOD_MS) * COARSE_PERIOD_MS;
  const start = Math.floor(from / COARSE_PERIOD_MS) * COARSE_PERIOD_MS;
  for (let t = start; t < to; ) {
    // Steps end at the switch from coarse to fine, so no step mixes the two.
    const end = t < wholeHours ? Math.min(t + CHUNK_MS, wholeHours) : Math.min(t + CHUNK_MS, to);
    const events = end <= wholeHours ? sims.coarse.eventsBetween(t, end) : sims.fine.eventsBetween(t, end);
    rollup.add(events);
    count += events.length;
    // Only the last hours can still make the ticker.
    if (end > to - 6 * 3_600_000) onEvents(events);
    await rollup.advance(end, to);
    t = end;
  }
  // What is still in open windows must survive a crash like any acknowledged event.
  const closedUpTo = rollup.engine.closedUpTo;
  const open = [
    ...sims.coarse.eventsBetween(closedUpTo - 1, Math.min(wholeHours, to)),
    ...sims.fine.eventsBetween(Math.max(closedUpTo - 1, wholeHours), to),
  ].filter((e) => e.ts >= closedUpTo);
  await storage.appendEvents(open);
  return count;
}
