import { describe, expect, it } from 'vitest';
import { cityProfileSchema } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { createSimulator } from './simulator.ts';

/**
 * Performance sanity: the live loop asks for one second of the whole city every second,
 * and a fresh installation backfills 35 days. Bounds are generous (CI machines vary); the
 * measured times are printed.
 */

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 27, 2, 30); // 10:30 on a Friday in Shaoyang

describe('performance', () => {
  it('generates one real-time second for the whole city cheaply', () => {
    const sim = createSimulator(profile, { seed: 20261127 });
    sim.eventsBetween(NOW - HOUR, NOW); // warm up
    const calls = 1800;
    const t0 = performance.now();
    let events = 0;
    for (let s = 0; s < calls; s++) events += sim.eventsBetween(NOW + s * 1000, NOW + (s + 1) * 1000).length;
    const perCall = (performance.now() - t0) / calls;
    console.log(`one real second: ${perCall.toFixed(3)} ms per call, ${(events / calls).toFixed(1)} events`);
    expect(events).toBeGreaterThan(0);
    expect(perCall).toBeLessThan(10);
  });

  it('backfills 35 days in coarse detail, hour by hour, well within the budget', { timeout: 120_000 }, () => {
    const sim = createSimulator(profile, { seed: 20261127, detail: 'coarse' });
    const from = NOW - 35 * 24 * HOUR;
    const t0 = performance.now();
    let events = 0;
    for (let t = from; t < NOW; t += HOUR) events += sim.eventsBetween(t, Math.min(NOW, t + HOUR)).length;
    const ms = performance.now() - t0;
    console.log(`35 days coarse: ${ms.toFixed(0)} ms, ${events} events`);
    expect(events).toBeGreaterThan(35 * 10_000);
    expect(ms).toBeLessThan(60_000);
  });
});
