import { describe, expect, it } from 'vitest';
import { cityProfileSchema } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { airModel } from './air.ts';

/**
 * A simulated year of the city's air, read as the city is assessed: the daily means of its
 * urban (national) stations. Bounds by hand from GB 3095 / HJ 633 breakpoints: a day whose
 * 24-hour PM2.5 exceeds 75 µg/m³ is at least 轻度污染, above 115 中度, above 150 重度; O₃'s
 * 8-hour maximum above 160 µg/m³ makes a summer day 轻度污染.
 */

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const JAN1 = Date.UTC(2026, 0, 1) - 8 * HOUR;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function year(seed: number) {
  const air = airModel(profile, seed);
  const urban = profile.airStations.filter((s) => s.national);
  return Array.from({ length: 365 }, (_, d) => {
    const pm25: number[] = [];
    const o3: number[] = [];
    for (let h = 0; h < 24; h++) {
      const readings = urban.map((s) => air.reading(s, JAN1 + (d * 24 + h + 0.5) * HOUR).values);
      pm25.push(mean(readings.map((r) => r.pm25!)));
      o3.push(mean(readings.map((r) => r.o3!)));
    }
    let o3max8h = 0;
    for (let end = 7; end < 24; end++) o3max8h = Math.max(o3max8h, mean(o3.slice(end - 7, end + 1)));
    return { month: new Date(JAN1 + (d * 24 + 12) * HOUR).getUTCMonth() + 1, pm25: mean(pm25), o3max8h };
  });
}

describe.each([20261127, 42])('a simulated year of urban air (seed %i)', (seed) => {
  const days = year(seed);
  const winter = days.filter((d) => d.month === 12 || d.month <= 2);
  const summer = days.filter((d) => d.month >= 5 && d.month <= 9);

  it('has 轻度 and 中度 PM2.5 days in winter and hardly any in summer', () => {
    expect(winter.filter((d) => d.pm25 > 75).length).toBeGreaterThanOrEqual(5);
    expect(winter.filter((d) => d.pm25 > 115).length).toBeGreaterThanOrEqual(1);
    expect(summer.filter((d) => d.pm25 > 75).length).toBeLessThanOrEqual(2);
    // Winter's mean PM2.5 is well above summer's (Hunan: ~60 against ~20 µg/m³).
    expect(mean(winter.map((d) => d.pm25))).toBeGreaterThan(2 * mean(summer.map((d) => d.pm25)));
  });

  it('has a few ozone days in summer, none in winter', () => {
    const ozoneDays = summer.filter((d) => d.o3max8h > 160).length;
    expect(ozoneDays).toBeGreaterThanOrEqual(1);
    expect(ozoneDays).toBeLessThan(25);
    expect(winter.filter((d) => d.o3max8h > 160).length).toBe(0);
  });

  it('keeps 重度 days rare and most of the year good', () => {
    // 重度污染 (PM2.5 > 150): a rare event, a handful of winter days a year at most.
    expect(days.filter((d) => d.pm25 > 150).length).toBeLessThanOrEqual(8);
    const polluted = days.filter((d) => d.pm25 > 75 || d.o3max8h > 160).length;
    // Roughly 85–95 % good days, as a Hunan prefecture's urban stations.
    expect(1 - polluted / 365).toBeGreaterThan(0.85);
    expect(1 - polluted / 365).toBeLessThan(0.96);
  });
});

describe('重度污染 days, a rare event', () => {
  it('come about once or twice a year: between 0.5 and 4 a year on average over eight seeds', () => {
    // Hunan's prefecture cities see 重度 PM2.5 days (24-hour mean above 150 µg/m³) in the worst
    // winter episodes only, a day or two in most years and none in some (estimate; cf. the
    // county towns' December 2021: 4.7 % 中度, no 重度).
    const seeds = [20261127, 42, 1, 2, 3, 4, 5, 6];
    const heavy = seeds.map((seed) => year(seed).filter((d) => d.pm25 > 150).length);
    const perYear = heavy.reduce((a, b) => a + b, 0) / seeds.length;
    expect(perYear).toBeGreaterThanOrEqual(0.5);
    expect(perYear).toBeLessThanOrEqual(4);
    // Never a run of them: no seed has more than a week's worth.
    for (const n of heavy) expect(n).toBeLessThanOrEqual(7);
  });
});
