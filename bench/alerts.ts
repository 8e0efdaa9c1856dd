// bench:alerts — how many alerts the wall raises on simulated days: the simulator's raw
// events for an ordinary week (and, separately, a Golden Week holiday day) go through the
// server's own rollups, vital-sign evaluation and alert rules, in-process, one tick per
// simulated minute. Prints the alerts raised per local day by level; the target is an
// ordinary day with at most 5 橙/红 (orange/red). BENCH_SEED picks another simulated city.
import os from 'node:os';
import { ALERT_LEVELS, cityProfileSchema, type Alert, type AlertLevel, type MetricDef, type VitalReading } from '@cw/contracts';
import { PlaceIndex, catalogueFor, cityAirStations, judged } from '@cw/metrics';
import { createSimulator } from '@cw/simulator';
import { AlertService } from '../apps/server/src/publish/alerts.ts';
import { TopicRegistry } from '../apps/server/src/publish/topics.ts';
import { publishVitals } from '../apps/server/src/publish/vitals-publisher.ts';
import { DailyAqiBook } from '../apps/server/src/rollup/daily-aqi-book.ts';
import { RollupHost } from '../apps/server/src/rollup/rollup-host.ts';
import { createMemoryStorage } from '../apps/server/src/storage/memory.ts';
import profileJson from '../profiles/shaoyang/profile.json' with { type: 'json' };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The server ticks every second; a 5-minute step keeps a simulated week to a couple of minutes. */
const TICK = 5 * MIN;
const SEED = Number(process.env['BENCH_SEED'] ?? 20261127);
/** Enough history before the first counted day that gauges and daily AQI are warm. */
const WARM_UP = DAY;

const profile = cityProfileSchema.parse(profileJson);
const utcOffsetMs = profile.utcOffsetMinutes * 60_000;
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - utcOffsetMs;

type ByLevel = Record<AlertLevel, number>;
interface DayResult {
  day: string;
  raised: ByLevel;
  orangeRed: number;
  /** (metric, scope) pairs raised that day, most frequent first, for calibration. */
  top: string[];
}

const STATS = process.env['BENCH_STATS'] !== undefined;
/** Judged values per metric (divisions and city apart), for calibrating thresholds. */
const seen = new Map<string, number[]>();
function observe(readings: ReadonlyMap<string, ReadonlyMap<string, VitalReading>>, catalogue: readonly MetricDef[]): void {
  for (const [scope, byMetric] of readings) {
    for (const def of catalogue) {
      const r = byMetric.get(def.id);
      if (def.thresholds === undefined || def.raisesAlerts === false || r === undefined || r.value === null || !judged(def, scope, r)) continue;
      const key = `${def.id}${scope === 'city' ? '@city' : ''}`;
      if (!seen.has(key)) seen.set(key, []);
      seen.get(key)!.push(r.value);
    }
  }
}

async function run(firstDay: number, days: number): Promise<DayResult[]> {
  const storage = createMemoryStorage();
  const rollup = new RollupHost(storage, { utcOffsetMinutes: profile.utcOffsetMinutes, allowedLatenessMs: 3 * TICK, rawRetentionMs: 2 * DAY, cityAirStations: cityAirStations(profile) });
  const daily = new DailyAqiBook(storage);
  rollup.onClosed((closed) => daily.onClosed(closed, rollup.engine));
  const scopes = profile.divisions.map((d) => d.code);
  const topics = new TopicRegistry('bench', scopes, 100);
  const catalogue = catalogueFor(profile.thresholds);
  const alerts = new AlertService(storage, topics, () => catalogue);
  const sim = createSimulator(profile, { seed: SEED });
  const ctx = { catalogue: () => catalogue, places: new PlaceIndex(profile), daily, scopes, utcOffsetMs };
  const end = firstDay + days * DAY;
  for (let t = firstDay - WARM_UP; t < end; t += TICK) {
    rollup.add(sim.eventsBetween(t, t + TICK));
    await rollup.advance(t + TICK);
    // The warm-up only fills the windows; alerts count from the first day.
    if (t + TICK <= firstDay) continue;
    const readings = publishVitals(ctx, rollup.engine, topics, t + TICK);
    await alerts.onReadings(readings, t + TICK);
    if (STATS) observe(readings, catalogue);
  }
  const raised = await storage.listAlerts(firstDay, end, 100_000);
  return Array.from({ length: days }, (_, i) => summarise(raised.filter((a) => a.raisedAt >= firstDay + i * DAY && a.raisedAt < firstDay + (i + 1) * DAY), firstDay + i * DAY));
}

function summarise(alerts: readonly Alert[], day: number): DayResult {
  const raised = Object.fromEntries(ALERT_LEVELS.map((l) => [l, alerts.filter((a) => a.level === l).length])) as ByLevel;
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(`${a.metric}@${a.scope}:${a.level}`, (counts.get(`${a.metric}@${a.scope}:${a.level}`) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k}×${n}`);
  return { day: new Date(day + utcOffsetMs).toISOString().slice(0, 10), raised, orangeRed: raised.orange + raised.red, top };
}

function line(r: DayResult): string {
  const levels = ALERT_LEVELS.map((l) => `${l} ${r.raised[l]}`).join(' · ');
  return `${r.day}: ${levels}  (橙/红 ${r.orangeRed})${process.env['BENCH_VERBOSE'] ? `\n    ${r.top.join('\n    ')}` : ''}`;
}

const t0 = performance.now();
// An ordinary week in late November (Monday 23 to Sunday 29), then 2 October, a Golden Week day.
const week = await run(localMidnight(2026, 11, 23), Number(process.env['BENCH_DAYS'] ?? 7));
const golden = await run(localMidnight(2026, 10, 2), 1);
const seconds = (performance.now() - t0) / 1000;
console.log('ordinary week:');
for (const r of week) console.log(`  ${line(r)}`);
console.log('Golden Week day:');
for (const r of golden) console.log(`  ${line(r)}`);
if (STATS) {
  for (const [key, values] of [...seen].sort()) {
    const v = [...values].sort((a, b) => a - b);
    const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
    console.log(`  ${key}: n ${v.length} · min ${v[0]} · p0.5 ${q(0.005)} · p2 ${q(0.02)} · p10 ${q(0.1)} · p50 ${q(0.5)} · p90 ${q(0.9)} · p98 ${q(0.98)} · p99.5 ${q(0.995)} · max ${v[v.length - 1]}`);
  }
}
const worst = Math.max(...week.map((r) => r.orangeRed));
const strip = ({ day, raised }: DayResult) => ({ day, ...raised });
console.log(
  JSON.stringify({
    bench: 'alerts',
    seed: SEED,
    week: week.map(strip),
    goldenWeekDay: golden.map(strip)[0],
    maxOrangeRedPerOrdinaryDay: worst,
    meanPerOrdinaryDay: Number((week.reduce((n, r) => n + ALERT_LEVELS.reduce((m, l) => m + r.raised[l], 0), 0) / week.length).toFixed(1)),
    ok: worst <= 5,
    seconds: Number(seconds.toFixed(1)),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
  }),
);
