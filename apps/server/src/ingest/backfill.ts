import type { RawEvent } from '@cw/contracts';
import type { Simulator } from '@cw/simulator';
import type { RollupHost } from '../rollup/rollup-host.ts';
import type { Storage } from '../storage/storage.ts';

const CHUNK_MS = 3_600_000;

/**
 * Gives a fresh installation history: runs the simulator from `from` to `to` through the
 * same rollup path as live events, hour by hour, closing and storing windows as it goes,
 * so thematic pages have their 30 days and the wall its "today" from the first minute.
 * Events still in open windows at the end are journaled like live ones.
 */
export async function backfill(sim: Simulator, rollup: RollupHost, storage: Storage, from: number, to: number, onEvents: (events: readonly RawEvent[]) => void): Promise<number> {
  let count = 0;
  for (let t = from; t < to; t += CHUNK_MS) {
    const end = Math.min(t + CHUNK_MS, to);
    const events = sim.eventsBetween(t, end);
    rollup.add(events);
    count += events.length;
    if (end > to - 6 * CHUNK_MS) onEvents(events);
    await rollup.advance(end, to);
  }
  const open = sim.eventsBetween(rollup.engine.closedUpTo - 1, to).filter((e) => e.ts >= rollup.engine.closedUpTo);
  await storage.appendEvents(open);
  return count;
}
