import { describe, expect, it } from 'vitest';
import type { Pollutant } from '@cw/contracts';
import type { Aggregate } from '@cw/rollup';
import { dailyAqiFromHours } from './daily-aqi.ts';

const agg = (v: number): Aggregate => ({ count: 1, sum: v, min: v, max: v, last: v, lastTs: 0 });
const hour = (c: Partial<Record<Pollutant, number>>) => Object.fromEntries(Object.entries(c).map(([p, v]) => [p, agg(v)])) as Partial<Record<Pollutant, Aggregate>>;

describe('dailyAqiFromHours', () => {
  it('uses 24-hour means and the O3 daily maxima of its hourly and 8-hour means', () => {
    // PM2.5 40 all day; O3 60 except 120 from 12:00 to 15:59.
    const hours = Array.from({ length: 24 }, (_, h) => hour({ pm25: 40, o3: h >= 12 && h < 16 ? 120 : 60 }));
    const r = dailyAqiFromHours(hours)!;
    // PM2.5 24h mean 40: (100−50)/(75−35)×(40−35)+50 = 56.25 → 57.
    // O3 8h max: 4 h of 120 and 4 of 60 → 90 → 8h row 90/100×50 = 45; 1h max 120 → 1h row 120/160×50 = 37.5 → 38.
    expect(r.iaqi).toEqual({ pm25: 57, o3: 45 });
    expect(r.aqi).toBe(57);
    expect(r.primary).toEqual(['pm25']);
  });

  it('leaves out a pollutant with fewer than 20 valid hours', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h < 19 ? hour({ pm25: 200, no2: 30 }) : hour({ no2: 30 })));
    const r = dailyAqiFromHours(hours)!;
    expect(r.iaqi.pm25).toBeUndefined();
    expect(r.iaqi.no2).toBe(38); // 30 on the 24h row: 50/40×30 = 37.5 → 38
  });

  it('is null for a day without air data', () => {
    expect(dailyAqiFromHours(Array.from({ length: 24 }, () => undefined))).toBeNull();
  });
});
