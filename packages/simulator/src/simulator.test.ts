import { describe, expect, it } from 'vitest';
import { airReadingSchema, cityProfileSchema } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { createSimulator } from './simulator.ts';

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 27, 0, 0, 0); // 08:00 in Shaoyang

describe('simulator', () => {
  it('is deterministic for a seed, whatever the call pattern', () => {
    const a = createSimulator(profile, { seed: 42 }).eventsBetween(T0, T0 + HOUR);
    const sim = createSimulator(profile, { seed: 42 });
    const b = [...sim.eventsBetween(T0, T0 + 1234), ...sim.eventsBetween(T0 + 1234, T0 + HOUR / 2), ...sim.eventsBetween(T0 + HOUR / 2, T0 + HOUR)];
    expect(b).toEqual(a);
    const other = createSimulator(profile, { seed: 43 }).eventsBetween(T0, T0 + HOUR);
    expect(other).not.toEqual(a);
  });

  it('emits valid raw readings from every station at the configured interval', () => {
    const events = createSimulator(profile, { seed: 1, airIntervalMs: 60_000 }).eventsBetween(T0, T0 + HOUR);
    expect(events).toHaveLength(profile.airStations.length * 60);
    for (const e of events) {
      expect(airReadingSchema.safeParse(e).success).toBe(true);
      expect(e.ts).toBeGreaterThan(T0);
      expect(e.ts).toBeLessThanOrEqual(T0 + HOUR);
    }
    const divisions = new Set(events.map((e) => e.division));
    expect(divisions.size).toBe(12);
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts).toBeGreaterThanOrEqual(events[i - 1]!.ts);
  });

  it('has a plausible daily rhythm: afternoon ozone above night-time ozone', () => {
    const sim = createSimulator(profile, { seed: 7, airIntervalMs: 600_000 });
    let night = 0;
    let afternoon = 0;
    for (let day = 0; day < 14; day++) {
      // 03:00 and 15:00 local = 19:00 and 07:00 UTC.
      const base = T0 + day * 24 * HOUR;
      night += mean(sim.eventsBetween(base - 5 * HOUR - 1, base - 5 * HOUR + 600_000).map((e) => e.values.o3));
      afternoon += mean(sim.eventsBetween(base + 7 * HOUR - 1, base + 7 * HOUR + 600_000).map((e) => e.values.o3));
    }
    expect(afternoon).toBeGreaterThan(night * 1.5);
  });

  it('keeps concentrations in a realistic range', () => {
    const events = createSimulator(profile, { seed: 3, airIntervalMs: 3_600_000 }).eventsBetween(T0, T0 + 60 * 24 * HOUR);
    const pm25 = events.map((e) => e.values.pm25);
    expect(Math.min(...pm25)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pm25)).toBeLessThan(400);
    expect(mean(pm25)).toBeGreaterThan(15);
    expect(mean(pm25)).toBeLessThan(90);
  });
});

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
