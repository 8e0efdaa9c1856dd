import { describe, expect, it } from 'vitest';
import { RAMP_STEPS, rampMax, rampStep } from './mapScale.ts';

describe('map colour scale', () => {
  it('tops the ramp at the largest known value, never below 1', () => {
    expect(rampMax([3, null, 12.5, 7])).toBe(12.5);
    expect(rampMax([0, 0, null])).toBe(1);
    expect(rampMax([])).toBe(1);
  });

  it('puts values on a few steps, so small changes do not repaint the map', () => {
    expect(rampStep(0, 200)).toBe(0);
    expect(rampStep(200, 200)).toBe(RAMP_STEPS);
    expect(rampStep(101, 200)).toBe(rampStep(99, 200));
    expect(rampStep(null, 200)).toBeNull();
    expect(rampStep(-5, 200)).toBe(0);
  });
});
