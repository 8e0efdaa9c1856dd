import { intakeModel, type SimReport } from './intake.ts';
import type { CityProfile, RawEvent, RawEventKind } from '@cw/contracts';
import { airSources } from './air.ts';
import { SimCalendar } from './calendar.ts';
import { cityModel } from './city.ts';
import type { KindSource, SimContext } from './context.ts';
import { deviceSources } from './devices.ts';
import { environmentSources } from './environment.ts';
import { governmentSources } from './government.ts';
import { livelihoodSources } from './livelihood.ts';
import { HOUR, LocalClock, Weather } from './rhythm.ts';
import { safetySources } from './safety.ts';
import { tourismSources } from './tourism.ts';

/** Every raw event kind the simulator produces: all of them (checked against the contracts below). */
export const ALL_KINDS = [
  'air.reading',
  'water.section',
  'gov.received',
  'gov.completed',
  'gov.rating',
  'gov.queue',
  'hotline.call',
  'police.incident',
  'fire.alarm',
  'traffic.accident',
  'crowd.alert',
  'device.status',
  'device.alarm',
  'health.outpatient',
  'health.beds',
  'transit.trip',
  'utility.fault',
  'tourism.gate',
  'tourism.hotel',
] as const satisfies readonly RawEventKind[];

// Compile-time check: a kind added to the contracts must be added above (and simulated).
type Missing = Exclude<RawEventKind, (typeof ALL_KINDS)[number]>;
const _allKindsCovered: [Missing] extends [never] ? true : Missing = true;
void _allKindsCovered;
/**
 * Kinds reported as periodic batches or gauges, which `detail: 'coarse'` reports less
 * often: batches (gate counts, outpatient visits) sum the period they stand for, gauges
 * (air, heartbeats, hall queues) keep the reading at the period's last report instant.
 */
export const COARSE_KINDS = ['air.reading', 'device.status', 'gov.queue', 'health.outpatient', 'tourism.gate'] as const satisfies readonly RawEventKind[];

/**
 * The coarse report period of batch kinds (gate counts, outpatient visits): a coarse batch
 * covers the fine batches reported in one such period. A history generated coarse up to a
 * multiple of this period and fine after it has no gap and no double count.
 */
export const COARSE_PERIOD_MS = HOUR;

export type Detail = 'fine' | 'coarse';

export interface SimulatorOptions {
  seed: number;
  /** How often each air station reports (real stations report hourly; walls want motion). Default 10 s. */
  airIntervalMs?: number;
  /**
   * 'fine' (default): every report at its real-time cadence — for the live stream.
   * 'coarse': for history backfill: air readings and device heartbeats hourly, hall queues
   * every 10 minutes, gate counts and outpatient visits as hourly batches with the same
   * totals as the fine batches they stand for. Counted events (applications, calls,
   * incidents, trips…) and the other censuses are identical in both modes.
   */
  detail?: Detail;
  /**
   * Multiplier on the rates of counted events (applications, ratings, calls, incidents,
   * alarms, faults). Default 1: Shaoyang-like volumes, ≈0.55 million people per division.
   */
  scale?: number;
  /** Only these kinds (default: ALL_KINDS). */
  kinds?: readonly RawEventKind[];
}

export interface Simulator {
  /** Raw events with from < ts ≤ to, in time order. Pure: same inputs, same events. */
  eventsBetween(from: number, to: number): RawEvent[];
  /** Case intake reports (12345, inspectors, video, IoT, 110, leaders) with from < ts ≤ to. */
  reportsBetween(from: number, to: number): SimReport[];
}

/**
 * The built-in city simulator: emits raw events (individual readings and records) of every
 * kind for a city profile. It keeps no state between calls, so restarts and any call
 * pattern give the same stream: each event is a pure function of the profile, the options
 * and its instant (see timing.ts for how counted events stay independent of chunking).
 */
export function createSimulator(profile: CityProfile, options: SimulatorOptions): Simulator {
  const seed = options.seed | 0;
  const ctx: SimContext = {
    profile,
    seed,
    city: cityModel(profile, seed),
    clock: new LocalClock(profile.utcOffsetMinutes),
    calendar: new SimCalendar(profile),
    weather: new Weather(seed),
    coarse: options.detail === 'coarse',
    scale: options.scale ?? 1,
  };
  const wanted = new Set<RawEventKind>(options.kinds ?? ALL_KINDS);
  const sources: KindSource[] = [
    ...airSources(ctx, options.airIntervalMs ?? 10_000),
    ...environmentSources(ctx),
    ...governmentSources(ctx),
    ...safetySources(ctx),
    ...deviceSources(ctx),
    ...livelihoodSources(ctx),
    ...tourismSources(ctx),
  ].filter((s) => wanted.has(s.kind));
  const intake = intakeModel(ctx);
  return {
    reportsBetween: (from, to) => intake.reportsBetween(from, to),
    eventsBetween(from, to) {
      const out: RawEvent[] = [];
      if (!(to > from)) return out;
      for (const s of sources) s.emit(from, to, out);
      // Stable: events at the same instant keep the fixed source order, whatever the chunking.
      out.sort((a, b) => a.ts - b.ts);
      return out;
    },
  };
}
