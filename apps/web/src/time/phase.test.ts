import { describe, expect, it } from 'vitest';
import { phaseOf } from './phase.ts';

describe('phaseOf', () => {
  it('is stable, whole seconds, within the period', () => {
    const p = phaseOf('city/env.aqi', 15_000);
    expect(phaseOf('city/env.aqi', 15_000)).toBe(p);
    expect(p % 1000).toBe(0);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(15_000);
  });

  it('spreads different keys over the period', () => {
    const keys = ['gov.received_today', 'env.aqi', 'safety.police_today', 'live.outpatient_today', 'tour.visitors_today'];
    expect(new Set(keys.map((k) => phaseOf(`city/${k}`, 15_000))).size).toBeGreaterThan(2);
  });

  it('is zero for periods under a second', () => {
    expect(phaseOf('x', 500)).toBe(0);
  });
});
