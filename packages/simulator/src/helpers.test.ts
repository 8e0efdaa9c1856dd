import { describe, expect, it } from 'vitest';
import { hash32, keyOf, smoothNoise, Stream, unit } from './noise.ts';
import { normalCdf, normalQuantile, poisson } from './poisson.ts';
import { DayShape, expectedBetween, LocalClock } from './rhythm.ts';
import { reports } from './timing.ts';

const HOUR = 3_600_000;

describe('noise', () => {
  it('keyed streams agree with the plain hash functions', () => {
    const s = Stream.of(7, keyOf('x'));
    expect(s.u1(3)).toBe(unit(7, keyOf('x'), 3));
    expect(s.u2(3, 4)).toBe(unit(7, keyOf('x'), 3, 4));
    expect(s.child(5).u3(1, 2, 3)).toBe(hash32(7, keyOf('x'), 5, 1, 2, 3) / 2 ** 32);
    expect(s.smooth(123_456_789, HOUR)).toBe(smoothNoise(123_456_789, HOUR, 7, keyOf('x')));
  });
});

describe('poisson', () => {
  // The mean of an inverse-CDF sampler over an even grid of u is the distribution's mean.
  it.each([0.05, 0.7, 4, 25, 80])('has mean λ and variance λ (λ = %f)', (lambda) => {
    const n = 20_000;
    const xs = Array.from({ length: n }, (_, i) => poisson((i + 0.5) / n, lambda));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(lambda, lambda > 30 ? 0 : 1);
    expect(variance / lambda).toBeGreaterThan(0.9);
    expect(variance / lambda).toBeLessThan(1.1);
  });

  it('gives nothing for a zero rate', () => {
    expect(poisson(0.999, 0)).toBe(0);
  });

  it('has a normal quantile and CDF that invert each other', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    for (const u of [0.001, 0.2, 0.5, 0.9]) expect(normalCdf(normalQuantile(u))).toBeCloseTo(u, 6);
  });
});

describe('rhythm', () => {
  it('knows the local day of week', () => {
    const clock = new LocalClock(480);
    // 2026-11-28 00:30 in Shaoyang is a Saturday; it is still Friday in UTC.
    const ts = Date.UTC(2026, 10, 27, 16, 30);
    expect(clock.dow(clock.day(ts))).toBe(6);
    expect(clock.minuteOfDay(ts)).toBe(30);
    expect(clock.dayStart(clock.day(ts))).toBe(Date.UTC(2026, 10, 27, 16));
  });

  it('spreads a daily total over the day by its shape, splitting at local midnight', () => {
    const shape = new DayShape((h) => (h >= 9 && h < 12 ? 1 : 0));
    expect(shape.between(0, 1440)).toBeCloseTo(1, 12);
    expect(shape.between(9 * 60, 10 * 60)).toBeCloseTo(1 / 3, 12);
    expect(shape.between(0, 9 * 60)).toBe(0);
    const clock = new LocalClock(480);
    const rate = { perDay: (day: number) => (clock.dow(day) === 6 ? 30 : 60), shape: () => shape };
    const friMidnight = Date.UTC(2026, 10, 27, 16);
    // Friday 11:00 to Saturday 11:00 local: Friday's last hour (20) + Saturday's first two (20).
    expect(expectedBetween(clock, rate, friMidnight - 13 * HOUR, friMidnight + 11 * HOUR)).toBeCloseTo(40, 9);
  });
});

describe('reports', () => {
  const collect = (from: number, to: number, interval: number, phase: number, coarse: number) => {
    const out: [number, number][] = [];
    reports(from, to, interval, phase, coarse, (ts, prev) => out.push([ts, prev]));
    return out;
  };

  it('gives every report instant in (from, to] and the previous one', () => {
    expect(collect(0, 30, 10, 3, 0)).toEqual([
      [3, -7],
      [13, 3],
      [23, 13],
    ]);
    expect(collect(3, 23, 10, 3, 0)).toEqual([
      [13, 3],
      [23, 13],
    ]);
  });

  it('coarse: keeps the last instant of each period and covers the fine instants exactly once', () => {
    const coarse = collect(0, 200, 10, 3, 60);
    expect(coarse).toEqual([
      [53, -7],
      [113, 53],
      [173, 113],
    ]);
    // The fine instants in (prev, ts] of the coarse reports are exactly the fine reports up to the last one.
    const covered = coarse.flatMap(([ts, prev]) => collect(prev, ts, 10, 3, 0).map(([t]) => t));
    expect(covered).toEqual(collect(-7, 173, 10, 3, 0).map(([t]) => t));
  });
});
