import type { CityProfile, RawEvent } from '@cw/contracts';
import { airModel } from './air.ts';
import { keyOf, unit } from './noise.ts';

export interface SimulatorOptions {
  seed: number;
  /** How often each air station reports (real stations report hourly; walls want motion). */
  airIntervalMs?: number;
}

export interface Simulator {
  /** Raw events with from < ts ≤ to, in time order. Pure: same inputs, same events. */
  eventsBetween(from: number, to: number): RawEvent[];
}

/**
 * The built-in city simulator: emits raw events (individual readings) for a city profile.
 * It keeps no state between calls, so restarts and any call pattern give the same stream.
 */
export function createSimulator(profile: CityProfile, options: SimulatorOptions): Simulator {
  const seed = options.seed | 0;
  const interval = options.airIntervalMs ?? 10_000;
  const air = airModel(profile, seed);
  // Each station reports on its own phase so readings do not all land on the same instant.
  const stations = profile.airStations.map((s) => ({ station: s, phase: Math.floor(unit(seed, keyOf(s.id), 99) * interval) }));
  return {
    eventsBetween(from, to) {
      const out: RawEvent[] = [];
      for (const { station, phase } of stations) {
        // First report time strictly after `from`.
        let t = Math.floor((from - phase) / interval) * interval + phase;
        if (t <= from) t += interval;
        for (; t <= to; t += interval) out.push(air.reading(station, t));
      }
      out.sort((a, b) => a.ts - b.ts);
      return out;
    },
  };
}
