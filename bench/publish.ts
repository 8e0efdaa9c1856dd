// bench:publish — the server's per-tick work at steady state: evaluate every catalogue
// figure for the city and its 12 divisions from a day of simulated Shaoyang events, diff
// against the previous tick and build the deltas (publishVitals), as on every 1 s tick.
import os from 'node:os';
import { cityProfileSchema } from '@cw/contracts';
import { CATALOGUE, PlaceIndex, WINDOW_FAMILIES, forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine } from '@cw/rollup';
import { createSimulator } from '@cw/simulator';
import profileJson from '../profiles/shaoyang/profile.json' with { type: 'json' };
import { publishVitals } from '../apps/server/src/publish/vitals-publisher.ts';
import { TopicRegistry } from '../apps/server/src/publish/topics.ts';

const profile = cityProfileSchema.parse(profileJson);
const scopes = profile.divisions.map((d) => d.code);
const engine = new RollupEngine({
  windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: f.id === '1m' ? 120 : f.id === '1h' ? 50 : 3 })),
  utcOffsetMs: profile.utcOffsetMinutes * 60_000,
  allowedLatenessMs: 120_000,
});
const sim = createSimulator(profile, { seed: 1 });
// Wednesday 2026-11-25, from midnight to 15:00 local, fine detail: a busy afternoon.
const start = Date.UTC(2026, 10, 24, 16);
let now = start + 15 * 3_600_000;
for (let t = start; t < now; t += 600_000) {
  for (const e of sim.eventsBetween(t, t + 600_000)) forEachObservation(e, (s, v) => engine.add(s, scopesOf(e), e.ts, v));
  engine.advance(t + 600_000);
}
const topics = new TopicRegistry('bench', scopes, 600);
const ctx = { catalogue: () => CATALOGUE, places: new PlaceIndex(profile), daily: { levels: () => [] }, scopes, utcOffsetMs: profile.utcOffsetMinutes * 60_000 };

const times: number[] = [];
for (let tick = 0; tick < 300; tick++) {
  // One real second of events per tick, then the tick's work.
  for (const e of sim.eventsBetween(now, now + 1000)) forEachObservation(e, (s, v) => engine.add(s, scopesOf(e), e.ts, v));
  now += 1000;
  engine.advance(now);
  const t0 = performance.now();
  publishVitals(ctx, engine, topics, now);
  times.push(performance.now() - t0);
}
const steady = times.slice(20).sort((a, b) => a - b);
const q = (p: number) => Math.round(steady[Math.floor(p * (steady.length - 1))]! * 100) / 100;
const result = { bench: 'publish', metrics: CATALOGUE.length, scopes: scopes.length + 1, tickMsP50: q(0.5), tickMsP95: q(0.95), tickMsMax: q(1), cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version };
console.log(`publish: ${CATALOGUE.length} metrics × ${scopes.length + 1} scopes per tick, ${steady.length} steady ticks`);
console.log(JSON.stringify(result));
