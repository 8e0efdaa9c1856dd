// bench:simulator — the simulator's two speed budgets: one real-time second of the whole
// city per live tick (≤ 10 ms per call) and a first start's 35-day coarse backfill (≤ 60 s).
// These used to be unit-test assertions; timings belong here, where a busy machine cannot
// fail the test suite.
import os from 'node:os';
import { cityProfileSchema } from '@cw/contracts';
import { createSimulator } from '@cw/simulator';
import profileJson from '../profiles/shaoyang/profile.json' with { type: 'json' };

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 2, 30); // 10:30 on a Friday in Shaoyang

const live = createSimulator(profile, { seed: 20261127 });
live.eventsBetween(NOW - HOUR, NOW); // warm-up
const calls = 1800;
let t0 = performance.now();
let liveEvents = 0;
for (let s = 0; s < calls; s++) liveEvents += live.eventsBetween(NOW + s * 1000, NOW + (s + 1) * 1000).length;
const msPerSecond = (performance.now() - t0) / calls;

const coarse = createSimulator(profile, { seed: 20261127, detail: 'coarse' });
t0 = performance.now();
let backfillEvents = 0;
for (let t = NOW - 35 * 24 * HOUR; t < NOW; t += HOUR) backfillEvents += coarse.eventsBetween(t, Math.min(NOW, t + HOUR)).length;
const backfillMs = performance.now() - t0;

const result = {
  bench: 'simulator',
  msPerLiveSecond: Number(msPerSecond.toFixed(3)),
  eventsPerLiveSecond: Number((liveEvents / calls).toFixed(1)),
  backfill35DaysMs: Math.round(backfillMs),
  backfillEvents,
  ok: msPerSecond < 10 && backfillMs < 60_000,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
};
console.log(`simulator: ${msPerSecond.toFixed(3)} ms per live second, 35 days coarse in ${Math.round(backfillMs)} ms`);
console.log(JSON.stringify(result));
