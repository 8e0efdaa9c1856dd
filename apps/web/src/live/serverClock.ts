/**
 * The server's clock as seen from the screen. With SIM_SPEED > 1 the server runs on
 * simulated time, faster than ours, so a single offset taken at connection would drift:
 * the model keeps a few (local, server) samples and extrapolates at the observed rate.
 */

export interface ClockSample {
  local: number;
  server: number;
}

/** Samples kept; older ones only slow the model's reaction to a restarted server. */
const KEEP = 4;
/** Samples this far from the model's prediction mean a new clock (restart, new SIM_START): start over. */
const JUMP_MS = 5000;

/** Rate of the server clock relative to ours, from the oldest and newest samples. */
function rateOf(samples: readonly ClockSample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || last.local - first.local < 1000) return 1;
  return Math.max(0, (last.server - first.server) / (last.local - first.local));
}

/** Server time at local time `local`. */
export function serverTimeAt(samples: readonly ClockSample[], local: number): number {
  const last = samples[samples.length - 1];
  if (last === undefined) return local;
  return last.server + (local - last.local) * rateOf(samples);
}

/**
 * Adds a sample. A sample that contradicts the model by more than a few seconds of local
 * time means another rate or a new clock: the model re-learns from the last two samples.
 */
export function addSample(samples: readonly ClockSample[], sample: ClockSample): ClockSample[] {
  const last = samples[samples.length - 1];
  const rate = Math.max(1, rateOf(samples));
  if (last !== undefined && Math.abs(serverTimeAt(samples, sample.local) - sample.server) > JUMP_MS * rate) return [last, sample];
  return [...samples, sample].slice(-KEEP);
}
