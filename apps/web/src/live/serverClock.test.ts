import { describe, expect, it } from 'vitest';
import { addSample, serverTimeAt, type ClockSample } from './serverClock.ts';

describe('server clock model', () => {
  it('is the local clock before any sample and an offset after one', () => {
    expect(serverTimeAt([], 1000)).toBe(1000);
    expect(serverTimeAt([{ local: 1000, server: 51_000 }], 3000)).toBe(53_000);
  });

  it('follows an accelerated server clock', () => {
    // The server runs 300× faster (SIM_SPEED=300).
    let s: ClockSample[] = [];
    s = addSample(s, { local: 0, server: 1_000_000 });
    s = addSample(s, { local: 30_000, server: 1_000_000 + 300 * 30_000 });
    expect(serverTimeAt(s, 40_000)).toBe(1_000_000 + 300 * 40_000);
  });

  it('re-learns from the last two samples when the server clock contradicts the model', () => {
    // The first samples, taken together at connection, cannot tell the rate (SIM_SPEED=10).
    let s: ClockSample[] = [{ local: 0, server: 0 }, { local: 50, server: 500 }];
    s = addSample(s, { local: 5050, server: 50_500 });
    expect(s).toEqual([{ local: 50, server: 500 }, { local: 5050, server: 50_500 }]);
    expect(serverTimeAt(s, 6050)).toBe(60_500);
  });

  it('keeps a bounded number of samples', () => {
    let s: ClockSample[] = [];
    for (let i = 0; i < 100; i++) s = addSample(s, { local: i * 1000, server: i * 1000 + 7 });
    expect(s).toHaveLength(4);
    expect(serverTimeAt(s, 200_000)).toBe(200_007);
  });
});
