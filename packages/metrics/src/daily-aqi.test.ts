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

  it('averages 8 hours only over windows with at least 6 valid hours', () => {
    // O3 100 from 00:00 to 17:59, 150 at 18:00, nothing after: windows ending 08:00–21:00
    // have 6+ hours (14 of them), those ending 22:00–24:00 have 5, 4 and 3.
    const hours = Array.from({ length: 24 }, (_, h) => (h < 18 ? hour({ o3: 100 }) : h === 18 ? hour({ o3: 150 }) : undefined));
    const r = dailyAqiFromHours(hours)!;
    // Best valid window ends 21:00: (5×100 + 150)/6 = 108.33 → 8h row 50 + 8.33/60×50 = 56.94 → 57.
    // (With 5 hours allowed: (4×100+150)/5 = 110 → 59; 3 hours: 116.67 → 64.) 1h row: 150/160×50 → 47.
    expect(r.iaqi.o3).toBe(57);
  });

  it('takes no 8-hour window ending before 08:00', () => {
    // O3 150 from 00:00 to 05:59, 60 after: a partial window of 00:00–05:59 would average 150.
    const hours = Array.from({ length: 24 }, (_, h) => hour({ o3: h < 6 ? 150 : 60 }));
    const r = dailyAqiFromHours(hours)!;
    // First window 00:00–07:59: (6×150 + 2×60)/8 = 127.5 → 50 + 27.5/60×50 = 72.92 → 73 (150 would give 92).
    expect(r.iaqi.o3).toBe(73);
  });

  it('needs 14 valid 8-hour values for the daily 8-hour maximum unless it exceeds 160', () => {
    // O3 100 from 00:00 to 12:59 only: 8 valid windows (ending 08:00–15:00), too few; the 1h
    // maximum stands alone: 100/160×50 = 31.25 → 32 (the 8h value 100 would give 50).
    const short = Array.from({ length: 24 }, (_, h) => (h < 13 ? hour({ o3: 100 }) : undefined));
    expect(dailyAqiFromHours(short)!.iaqi.o3).toBe(32);
    // The same hours at 200: the 8h maximum 200 exceeds the limit, so it counts:
    // 8h row 160→100, 215→150: 100 + 40/55×50 = 136.36 → 137; 1h row 200 → 100.
    const high = Array.from({ length: 24 }, (_, h) => (h < 13 ? hour({ o3: 200 }) : undefined));
    expect(dailyAqiFromHours(high)!.iaqi.o3).toBe(137);
  });

  it('is null for a day without air data', () => {
    expect(dailyAqiFromHours(Array.from({ length: 24 }, () => undefined))).toBeNull();
  });
});
