// bench:rollup — raw air readings per second per core through the rollup path the server
// uses (observations → engine.add for the division and the city, 1-minute, 1-hour and day
// windows), across 12 divisions × 6 pollutants, with windows closing as time advances.
import os from 'node:os';
import type { AirReading } from '@cw/contracts';
import { WINDOW_FAMILIES, forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine } from '@cw/rollup';

const DIVISIONS = ['430502', '430503', '430511', '430522', '430523', '430524', '430525', '430527', '430528', '430529', '430581', '430582'];
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 2_000_000);
const START = Date.UTC(2026, 10, 27, 0, 0, 0);

// Pre-built events (generation is not what we measure): ~20 readings per second of event
// time, slightly out of order, as a real feed would be.
const events: AirReading[] = new Array(EVENTS);
for (let i = 0; i < EVENTS; i++) {
  const division = DIVISIONS[i % DIVISIONS.length]!;
  const jitter = (i * 7919) % 5000;
  events[i] = {
    kind: 'air.reading',
    ts: START + i * 50 - jitter,
    division,
    station: `st-${division}`,
    values: { pm25: 30 + (i % 50), pm10: 60 + (i % 70), so2: 8, no2: 25 + (i % 20), co: 0.8, o3: 50 + (i % 60) },
  };
}

function run(): { seconds: number; closed: number; observations: number } {
  const engine = new RollupEngine({
    windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: 120 })),
    utcOffsetMs: 8 * 3_600_000,
    allowedLatenessMs: 120_000,
  });
  let closed = 0;
  let observations = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const scopes = scopesOf(e);
    forEachObservation(e, (series, value) => {
      engine.add(series, scopes, e.ts, value);
      observations++;
    });
    // The server advances once per tick (1 s); here once per second of event time.
    if (i % 20 === 0) closed += engine.advance(e.ts).length;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, closed, observations };
}

run(); // warm-up: let the JIT settle
const runs = [run(), run(), run()];
const best = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
const eventsPerSec = Math.round(EVENTS / best.seconds);
const result = {
  bench: 'rollup',
  eventsPerSecPerCore: eventsPerSec,
  observationsPerSec: Math.round(best.observations / best.seconds),
  events: EVENTS,
  windowsClosed: best.closed,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
};
console.log(`rollup: ${EVENTS} events in ${best.seconds.toFixed(3)} s (best of ${runs.length}) on one core`);
console.log(JSON.stringify(result));
