import { describe, expect, it } from 'vitest';
import { aqiDetailSchema, POLLUTANTS, type Pollutant } from '@cw/contracts';
import {
  AQI_CATEGORIES,
  BREAKPOINTS,
  IAQI_STEPS,
  aqiCategory,
  aqiLevel,
  dailyAqi,
  hourlyAqi,
  iaqi,
  roundUpIaqi,
  toAqiDetail,
  type Averaging,
  type BreakpointTable,
} from './index.ts';

/** IAQI value of a defined result; fails the test when the standard left it undefined. */
const v = (p: Pollutant, c: number, basis: Averaging) => {
  const r = iaqi(p, c, basis);
  expect(r).not.toBeNull();
  return r!.value;
};

describe('breakpoint table (HJ 633-2012 Table 1)', () => {
  it('holds the standard rows', () => {
    expect(BREAKPOINTS.so2['24h']?.bp).toEqual([0, 50, 150, 475, 800, 1600, 2100, 2620]);
    expect(BREAKPOINTS.so2['1h']?.bp).toEqual([0, 150, 500, 650, 800]);
    expect(BREAKPOINTS.no2['24h']?.bp).toEqual([0, 40, 80, 180, 280, 565, 750, 940]);
    expect(BREAKPOINTS.no2['1h']?.bp).toEqual([0, 100, 200, 700, 1200, 2340, 3090, 3840]);
    expect(BREAKPOINTS.pm10['24h']?.bp).toEqual([0, 50, 150, 250, 350, 420, 500, 600]);
    expect(BREAKPOINTS.co['24h']?.bp).toEqual([0, 2, 4, 14, 24, 36, 48, 60]);
    expect(BREAKPOINTS.co['1h']?.bp).toEqual([0, 5, 10, 35, 60, 90, 120, 150]);
    expect(BREAKPOINTS.o3['1h']?.bp).toEqual([0, 160, 200, 300, 400, 800, 1000, 1200]);
    expect(BREAKPOINTS.o3['8h']?.bp).toEqual([0, 100, 160, 215, 265, 800]);
    expect(BREAKPOINTS.pm25['24h']?.bp).toEqual([0, 35, 75, 115, 150, 250, 350, 500]);
    expect(IAQI_STEPS).toEqual([0, 50, 100, 150, 200, 300, 400, 500]);
    expect(BREAKPOINTS.co['1h']?.unit).toBe('mg/m³');
    expect(BREAKPOINTS.co['24h']?.unit).toBe('mg/m³');
    expect(BREAKPOINTS.pm25['24h']?.unit).toBe('µg/m³');
  });

  it('has no rows the standard does not define', () => {
    expect(Object.keys(BREAKPOINTS.pm25)).toEqual(['24h']);
    expect(Object.keys(BREAKPOINTS.pm10)).toEqual(['24h']);
    expect(Object.keys(BREAKPOINTS.o3).sort()).toEqual(['1h', '8h']);
  });
});

describe('iaqi: hand-worked interpolation', () => {
  it.each<[Pollutant, number, Averaging, number, string]>([
    ['pm25', 80, '24h', 107, '(150−100)/(115−75)×(80−75)+100 = 106.25 → 107'],
    ['pm10', 120, '24h', 85, '(100−50)/(150−50)×(120−50)+50 = 85 → 85'],
    ['so2', 200, '24h', 108, '(150−100)/(475−150)×(200−150)+100 = 107.69 → 108'],
    ['so2', 600, '1h', 134, '(150−100)/(650−500)×(600−500)+100 = 133.33 → 134'],
    ['no2', 100, '24h', 110, '(150−100)/(180−80)×(100−80)+100 = 110 → 110'],
    ['no2', 150, '1h', 75, '(100−50)/(200−100)×(150−100)+50 = 75 → 75'],
    ['co', 12, '24h', 140, '(150−100)/(14−4)×(12−4)+100 = 140 → 140'],
    ['co', 12, '1h', 104, '(150−100)/(35−10)×(12−10)+100 = 104 → 104'],
    ['o3', 250, '1h', 125, '(150−100)/(300−200)×(250−200)+100 = 125 → 125'],
    ['o3', 180, '8h', 119, '(150−100)/(215−160)×(180−160)+100 = 118.18 → 119'],
    ['o3', 1100, '1h', 450, '(500−400)/(1200−1000)×(1100−1000)+400 = 450 → 450'],
  ])('%s %s (%s) → %s: %s', (p, c, basis, expected) => {
    expect(iaqi(p, c, basis)).toEqual({ value: expected, beyondScale: false });
  });
});

describe('iaqi: breakpoint boundaries', () => {
  // Just above each breakpoint (+0.1), by hand:
  //   0.1:   50/35×0.1 = 0.14 → 1          35.1:  50/40×0.1+50 = 50.125 → 51
  //   75.1:  50/40×0.1+100 = 100.125 → 101  115.1: 50/35×0.1+150 = 150.14 → 151
  //   150.1: 100/100×0.1+200 = 200.1 → 201  250.1: 100/100×0.1+300 = 300.1 → 301
  //   350.1: 100/150×0.1+400 = 400.07 → 401
  it('PM2.5: exactly at and just above every breakpoint', () => {
    const at = [0, 35, 75, 115, 150, 250, 350, 500].map((c) => v('pm25', c, '24h'));
    expect(at).toEqual([0, 50, 100, 150, 200, 300, 400, 500]);
    const above = [0.1, 35.1, 75.1, 115.1, 150.1, 250.1, 350.1].map((c) => v('pm25', c, '24h'));
    expect(above).toEqual([1, 51, 101, 151, 201, 301, 401]);
  });

  // Just above each breakpoint (+0.1), by hand:
  //   0.1:    50/160×0.1 = 0.03 → 1          160.1:  50/40×0.1+50 = 50.125 → 51
  //   200.1:  50/100×0.1+100 = 100.05 → 101  300.1:  50/100×0.1+150 = 150.05 → 151
  //   400.1:  100/400×0.1+200 = 200.03 → 201 800.1:  100/200×0.1+300 = 300.05 → 301
  //   1000.1: 100/200×0.1+400 = 400.05 → 401
  it('O3 1-hour: exactly at and just above every breakpoint', () => {
    const at = [0, 160, 200, 300, 400, 800, 1000, 1200].map((c) => v('o3', c, '1h'));
    expect(at).toEqual([0, 50, 100, 150, 200, 300, 400, 500]);
    const above = [0.1, 160.1, 200.1, 300.1, 400.1, 800.1, 1000.1].map((c) => v('o3', c, '1h'));
    expect(above).toEqual([1, 51, 101, 151, 201, 301, 401]);
  });

  it('every row returns exactly the breakpoint IAQI at each of its breakpoints', () => {
    for (const p of POLLUTANTS) {
      for (const [basis, table] of Object.entries(BREAKPOINTS[p]) as [Averaging, BreakpointTable][]) {
        table.bp.forEach((c, i) => {
          expect(iaqi(p, c, basis), `${p} ${basis} at ${c}`).toEqual({ value: IAQI_STEPS[i], beyondScale: false });
        });
      }
    }
  });

  it('the top breakpoint itself is on the scale, not beyond it', () => {
    expect(iaqi('pm25', 500, '24h')).toEqual({ value: 500, beyondScale: false });
    expect(iaqi('so2', 800, '1h')).toEqual({ value: 200, beyondScale: false });
    expect(iaqi('o3', 800, '8h')).toEqual({ value: 300, beyondScale: false });
  });
});

describe('iaqi: rounding up', () => {
  it('rounds any fraction up, however small', () => {
    expect(v('pm25', 35.1, '24h')).toBe(51); // 50/40×0.1+50 = 50.125 → 51
    expect(v('pm25', 0.01, '24h')).toBe(1); // 50/35×0.01 = 0.014 → 1
    expect(v('pm25', 1, '24h')).toBe(2); // 50/35×1 = 1.43 → 2
    expect(v('so2', 50.5, '24h')).toBe(51); // 50/100×0.5+50 = 50.25 → 51
  });

  it('does not round floating-point noise up', () => {
    // CO 24h 2.2: (100−50)/(4−2)×(2.2−2)+50 = 55 exactly; in doubles 55.00000000000001.
    expect(v('co', 2.2, '24h')).toBe(55);
    // PM10 352.1: (300−200)/(420−350)×(352.1−350)+200 = 203 exactly; in doubles 203.00000000000003.
    expect(v('pm10', 352.1, '24h')).toBe(203);
    // CO 1h 1.3: (50−0)/(5−0)×1.3 = 13.
    expect(v('co', 1.3, '1h')).toBe(13);
  });

  it('roundUpIaqi snaps values within 1e-9 of an integer and ceils the rest', () => {
    expect(roundUpIaqi(51.0000000001)).toBe(51);
    expect(roundUpIaqi(50.9999999999)).toBe(51);
    expect(roundUpIaqi(55.00000000000001)).toBe(55);
    expect(roundUpIaqi(50.001)).toBe(51);
    expect(roundUpIaqi(50.5)).toBe(51);
    expect(roundUpIaqi(50)).toBe(50);
    expect(Object.is(roundUpIaqi(0), 0)).toBe(true);
  });
});

describe('iaqi: above the scale and undefined ranges', () => {
  it.each<[Pollutant, Averaging, number]>([
    ['pm25', '24h', 500],
    ['pm10', '24h', 600],
    ['so2', '24h', 2620],
    ['no2', '24h', 940],
    ['no2', '1h', 3840],
    ['co', '24h', 60],
    ['co', '1h', 150],
    ['o3', '1h', 1200],
  ])('%s %s above its top breakpoint %s → 500, flagged', (p, basis, top) => {
    expect(iaqi(p, top + 0.1, basis)).toEqual({ value: 500, beyondScale: true });
    expect(iaqi(p, top * 3, basis)).toEqual({ value: 500, beyondScale: true });
  });

  it('SO2 1-hour above 800 is undefined (the standard reports the 24-hour IAQI instead)', () => {
    expect(iaqi('so2', 800.1, '1h')).toBeNull();
    expect(iaqi('so2', 5000, '1h')).toBeNull();
  });

  it('O3 8-hour above 800 is undefined (the standard uses the 1-hour IAQI instead)', () => {
    expect(iaqi('o3', 800.1, '8h')).toBeNull();
    expect(iaqi('o3', 1500, '8h')).toBeNull();
  });
});

describe('iaqi: invalid input', () => {
  it('rejects negative and non-finite concentrations', () => {
    expect(() => iaqi('pm25', -1, '24h')).toThrow(RangeError);
    expect(() => iaqi('pm25', -0.001, '24h')).toThrow(/pm25 24h concentration must be a finite number ≥ 0/);
    expect(() => iaqi('o3', Number.NaN, '1h')).toThrow(RangeError);
    expect(() => iaqi('co', Number.POSITIVE_INFINITY, '1h')).toThrow(RangeError);
  });

  it('rejects averaging periods the table has no row for', () => {
    expect(() => iaqi('pm25', 10, '1h')).toThrow(/no 1h breakpoints for pm25/);
    expect(() => iaqi('o3', 10, '24h')).toThrow(RangeError);
    expect(() => iaqi('so2', 10, '8h')).toThrow(RangeError);
  });
});

describe('categories (Table 2, Appendix A)', () => {
  it('places each boundary on the right side', () => {
    const cases: [number, number][] = [
      [0, 1],
      [50, 1],
      [51, 2],
      [100, 2],
      [101, 3],
      [150, 3],
      [151, 4],
      [200, 4],
      [201, 5],
      [300, 5],
      [301, 6],
      [500, 6],
      [800, 6],
    ];
    for (const [aqi, level] of cases) expect(aqiLevel(aqi), `AQI ${aqi}`).toBe(level);
    expect(aqiLevel(50.5)).toBe(2);
  });

  it('names and colours each category', () => {
    expect(AQI_CATEGORIES.map((c) => [c.level, c.min, c.max, c.grade, c.zh, c.en, c.color])).toEqual([
      [1, 0, 50, '一级', '优', 'Excellent', 'rgb(0, 228, 0)'],
      [2, 51, 100, '二级', '良', 'Good', 'rgb(255, 255, 0)'],
      [3, 101, 150, '三级', '轻度污染', 'Lightly polluted', 'rgb(255, 126, 0)'],
      [4, 151, 200, '四级', '中度污染', 'Moderately polluted', 'rgb(255, 0, 0)'],
      [5, 201, 300, '五级', '重度污染', 'Heavily polluted', 'rgb(153, 0, 76)'],
      [6, 301, Infinity, '六级', '严重污染', 'Severely polluted', 'rgb(126, 0, 35)'],
    ]);
    expect(aqiCategory(101).zh).toBe('轻度污染');
  });

  it('rejects negative and non-finite AQIs', () => {
    expect(() => aqiLevel(-1)).toThrow(RangeError);
    expect(() => aqiLevel(Number.NaN)).toThrow(RangeError);
    expect(() => aqiCategory(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('hourlyAqi (实时报)', () => {
  it('computes a full six-pollutant example', () => {
    const r = hourlyAqi({ pm25: 120, pm10: 180, so2: 30, no2: 85, co: 1.3, o3: 170 });
    expect(r).not.toBeNull();
    expect(r!.iaqi).toEqual({
      pm25: 158, // 24h row: (200−150)/(150−115)×(120−115)+150 = 157.14 → 158
      pm10: 115, // 24h row: (150−100)/(250−150)×(180−150)+100 = 115
      so2: 10, // 1h row: (50−0)/(150−0)×30 = 10
      no2: 43, // 1h row: (50−0)/(100−0)×85 = 42.5 → 43
      co: 13, // 1h row: (50−0)/(5−0)×1.3 = 13
      o3: 63, // 1h row: (100−50)/(200−160)×(170−160)+50 = 62.5 → 63
    });
    expect(r!.aqi).toBe(158);
    expect(r!.level).toBe(4);
    expect(r!.category.zh).toBe('中度污染');
    expect(r!.category.en).toBe('Moderately polluted');
    expect(r!.color).toBe('rgb(255, 0, 0)');
    expect(r!.primary).toEqual(['pm25']);
    expect(r!.exceeding).toEqual(['pm25', 'pm10']);
    expect(r!.beyondScale).toEqual([]);
  });

  it('uses the 1-hour rows for gases and the 24-hour rows for particulates', () => {
    // NO2 100 on the 1h row: 50/100×100 = 50 (the 24h row would give 110).
    // CO 12 on the 1h row: 50/25×2+100 = 104 (the 24h row would give 140).
    // PM2.5 80 on the 24h row: 50/40×5+100 = 106.25 → 107.
    expect(hourlyAqi({ no2: 100, co: 12, pm25: 80 })!.iaqi).toEqual({ no2: 50, co: 104, pm25: 107 });
  });

  it('skips missing pollutants and returns null when none is present', () => {
    expect(hourlyAqi({})).toBeNull();
    expect(hourlyAqi({ so2_24h: 100 })).toBeNull();
    expect(hourlyAqi({ o3: 250 })!.iaqi).toEqual({ o3: 125 });
  });

  it('uses the 1-hour SO2 up to 800 even when a 24-hour value is given', () => {
    // 1h row: (200−150)/(800−650)×(700−650)+150 = 166.67 → 167; the 24h value 2000 would give 380.
    expect(hourlyAqi({ so2: 700, so2_24h: 2000 })!.iaqi.so2).toBe(167);
    expect(hourlyAqi({ so2: 800, so2_24h: 2000 })!.iaqi.so2).toBe(200);
  });

  it('uses the 24-hour SO2 when the 1-hour SO2 exceeds 800', () => {
    // 24h row: (150−100)/(475−150)×(300−150)+100 = 123.08 → 124.
    const r = hourlyAqi({ so2: 900, so2_24h: 300 })!;
    expect(r.iaqi.so2).toBe(124);
    expect(r.beyondScale).toEqual([]);
  });

  it('reports SO2 above 800 without a 24-hour value as 200, flagged beyond scale', () => {
    const r = hourlyAqi({ so2: 900, pm25: 10 })!;
    expect(r.iaqi.so2).toBe(200);
    expect(r.aqi).toBe(200);
    expect(r.primary).toEqual(['so2']);
    expect(r.beyondScale).toEqual(['so2']);
  });

  it('flags off-scale pollutants', () => {
    const r = hourlyAqi({ pm25: 600, o3: 100 })!;
    expect(r.aqi).toBe(500);
    expect(r.level).toBe(6);
    expect(r.beyondScale).toEqual(['pm25']);
  });

  it('rejects invalid concentrations', () => {
    expect(() => hourlyAqi({ pm25: Number.NaN })).toThrow(RangeError);
    expect(() => hourlyAqi({ so2: 900, so2_24h: -5 })).toThrow(RangeError);
  });
});

describe('dailyAqi (日报)', () => {
  it('computes a full six-pollutant example', () => {
    const r = dailyAqi({ pm25: 60, pm10: 95, so2: 12, no2: 45, co: 0.9, o3: 150 });
    expect(r).not.toBeNull();
    expect(r!.iaqi).toEqual({
      pm25: 82, // (100−50)/(75−35)×(60−35)+50 = 81.25 → 82
      pm10: 73, // (100−50)/(150−50)×(95−50)+50 = 72.5 → 73
      so2: 12, // (50−0)/(50−0)×12 = 12
      no2: 57, // (100−50)/(80−40)×(45−40)+50 = 56.25 → 57
      co: 23, // (50−0)/(2−0)×0.9 = 22.5 → 23
      o3: 92, // 8h row: (100−50)/(160−100)×(150−100)+50 = 91.67 → 92
    });
    expect(r!.aqi).toBe(92);
    expect(r!.level).toBe(2);
    expect(r!.category.zh).toBe('良');
    expect(r!.category.en).toBe('Good');
    expect(r!.color).toBe('rgb(255, 255, 0)');
    expect(r!.primary).toEqual(['o3']);
    expect(r!.exceeding).toEqual([]);
  });

  it('uses the 24-hour rows for the gases', () => {
    // NO2 100 on the 24h row: 50/100×20+100 = 110; CO 12: 50/10×8+100 = 140.
    expect(dailyAqi({ no2: 100, co: 12 })!.iaqi).toEqual({ no2: 110, co: 140 });
  });

  it('rates O3 on the higher of its daily 8-hour and 1-hour maxima', () => {
    // 8h row: (150−100)/(215−160)×(200−160)+100 = 136.36 → 137; 1h row for 180:
    // (50−0)/(160−0)×180 … 180 > 160: (100−50)/(200−160)×(180−160)+50 = 75. Max is 137.
    expect(dailyAqi({ o3: 200, o3_1h: 180 })!.iaqi.o3).toBe(137);
    // 1h row for 1100: (500−400)/(1200−1000)×(1100−1000)+400 = 450 > 137.
    expect(dailyAqi({ o3: 200, o3_1h: 1100 })!.iaqi.o3).toBe(450);
    expect(dailyAqi({ o3: 800 })!.iaqi.o3).toBe(300);
  });

  it('uses the daily maximum 1-hour O3 when the 8-hour O3 exceeds 800', () => {
    // 1h row: (500−400)/(1200−1000)×(1100−1000)+400 = 450.
    const r = dailyAqi({ o3: 900, o3_1h: 1100 })!;
    expect(r.iaqi.o3).toBe(450);
    expect(r.level).toBe(6);
  });

  it('requires the 1-hour O3 when the 8-hour O3 exceeds 800', () => {
    expect(() => dailyAqi({ o3: 900 })).toThrow(RangeError);
    expect(() => dailyAqi({ o3: 900 })).toThrow(/o3_1h/);
  });

  it('returns null when no pollutant is present', () => {
    expect(dailyAqi({})).toBeNull();
  });

  it('rates O3 on its 1-hour maximum alone when the 8-hour value is missing', () => {
    // 1h row: (150−100)/(300−200)×(300−200)+100 = 150.
    expect(dailyAqi({ o3_1h: 300 })!.iaqi).toEqual({ o3: 150 });
  });
});

describe('primary and exceeding pollutants', () => {
  it('names no primary pollutant when AQI ≤ 50, even on a tie', () => {
    // PM2.5 35 → 50, PM10 50 → 50.
    const r = hourlyAqi({ pm25: 35, pm10: 50 })!;
    expect(r.aqi).toBe(50);
    expect(r.primary).toEqual([]);
  });

  it('names the primary pollutant from AQI 51 on', () => {
    // PM2.5 35.1 → 51, PM10 50 → 50.
    const r = hourlyAqi({ pm25: 35.1, pm10: 50 })!;
    expect(r.aqi).toBe(51);
    expect(r.primary).toEqual(['pm25']);
  });

  it('names every pollutant tied at the maximum', () => {
    // PM2.5 75 → 100, PM10 150 → 100, NO2 80 → 100, SO2 50 → 50.
    const r = dailyAqi({ pm25: 75, pm10: 150, no2: 80, so2: 50 })!;
    expect(r.aqi).toBe(100);
    expect(r.primary).toEqual(['pm25', 'pm10', 'no2']);
    // IAQI 100 is at the limit, not above it.
    expect(r.exceeding).toEqual([]);
  });

  it('counts as exceeding every pollutant with IAQI above 100, primary or not', () => {
    // PM2.5 75.1 → 101, PM10 250 → 150, NO2 80 → 100.
    const r = dailyAqi({ pm25: 75.1, pm10: 250, no2: 80 })!;
    expect(r.primary).toEqual(['pm10']);
    expect(r.exceeding).toEqual(['pm25', 'pm10']);
  });
});

describe('toAqiDetail', () => {
  it('keeps level, primary and IAQIs in the contracts shape', () => {
    const r = hourlyAqi({ pm25: 80, o3: 250 })!; // 107 and 125
    const detail = toAqiDetail(r);
    expect(detail).toEqual({ level: 3, primary: ['o3'], iaqi: { pm25: 107, o3: 125 } });
    expect(aqiDetailSchema.parse(detail)).toEqual(detail);
    detail.primary.push('pm25');
    expect(r.primary).toEqual(['o3']);
  });
});
