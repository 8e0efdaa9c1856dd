import { poisson } from './poisson.ts';
import type { Stream } from './noise.ts';

/**
 * The two ways events arise, both independent of how callers chunk time:
 *
 * - Counted events (applications, calls, incidents…): time is cut into fixed slots; the
 *   number of events in a slot is a Poisson draw from the slot's hash and its expected
 *   count, and each event's instant inside the slot comes from a further hash. A call for
 *   (from, to] regenerates the slots it touches and keeps the events inside the range.
 * - Periodic reports (readings, censuses, batches): fixed report instants per source.
 */

/**
 * Emits counted events in (from, to]. Slot k covers (k·slotMs, (k+1)·slotMs]; its events
 * fall at k·slotMs + 1 … (k+1)·slotMs. `emit` gets the slot and the event's index in it,
 * to draw the event's attributes from the same stream.
 */
export function poissonSlots(
  from: number,
  to: number,
  slotMs: number,
  stream: Stream,
  expected: (slotStart: number, slotEnd: number) => number,
  emit: (ts: number, slot: number, i: number) => void,
): void {
  if (to <= from) return;
  const last = Math.ceil(to / slotMs) - 1;
  for (let k = Math.floor(from / slotMs); k <= last; k++) {
    const a = k * slotMs;
    const lambda = expected(a, a + slotMs);
    if (!(lambda > 0)) continue;
    const n = poisson(stream.u2(k, -1), lambda);
    for (let i = 0; i < n; i++) {
      const ts = a + 1 + Math.floor(stream.u2(k, i) * slotMs);
      if (ts > from && ts <= to) emit(ts, k, i);
    }
  }
}

/**
 * Report instants of a periodic source in (from, to]: phase + k·interval. With
 * `coarseMs` > interval only the last instant of each coarse period ((g−1)·coarse, g·coarse]
 * is kept: gauges then report the same reading less often, and batch sources sum the
 * period, covering (prev, ts]. `prev` is the previous report instant in either mode.
 */
export function reports(from: number, to: number, intervalMs: number, phaseMs: number, coarseMs: number, fn: (ts: number, prev: number) => void): void {
  if (to <= from) return;
  if (!(coarseMs > intervalMs)) {
    let t = Math.floor((from - phaseMs) / intervalMs) * intervalMs + phaseMs;
    if (t <= from) t += intervalMs;
    for (; t <= to; t += intervalMs) fn(t, t - intervalMs);
    return;
  }
  const lastIn = (g: number) => Math.floor((g * coarseMs - phaseMs) / intervalMs) * intervalMs + phaseMs;
  const gEnd = Math.ceil((to + intervalMs) / coarseMs);
  let prev = lastIn(Math.floor(from / coarseMs));
  for (let g = Math.floor(from / coarseMs) + 1; g <= gEnd; g++) {
    const t = lastIn(g);
    if (t > from && t <= to) fn(t, prev);
    prev = t;
  }
}

/** Phase that puts a periodic source on the local clock grid (e.g. on the hour, local). */
export function localPhase(offsetMs: number, intervalMs: number): number {
  return (((-offsetMs) % intervalMs) + intervalMs) % intervalMs;
}
