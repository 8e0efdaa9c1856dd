import { POLLUTANTS, type AqiDetail, type AqiLevel, type Pollutant } from '@cw/contracts';
import { aqiCategory, type AqiCategory } from './categories.ts';
import { iaqi, type IaqiResult } from './iaqi.ts';
import type { Averaging } from './table.ts';

/** Real-time (实时报) input: 1-hour averages in µg/m³, CO in mg/m³. Missing pollutants are skipped. */
export interface HourlyConcentrations extends Partial<Record<Pollutant, number>> {
  /** SO2 24-hour (moving) average; consulted only when the 1-hour SO2 exceeds 800 µg/m³. */
  so2_24h?: number;
}

/**
 * Daily (日报) input: 24-hour averages in µg/m³, CO in mg/m³, except `o3`, which is the
 * daily maximum 8-hour moving average. Missing pollutants are skipped.
 */
export interface DailyConcentrations extends Partial<Record<Pollutant, number>> {
  /** Daily maximum 1-hour O3. The daily report rates O3 on both its 1-hour maximum and its
   * 8-hour maximum (§5.1's seven items); required when `o3` exceeds 800 µg/m³. */
  o3_1h?: number;
}

export interface AqiResult {
  /** AQI = max of the IAQIs. */
  aqi: number;
  level: AqiLevel;
  category: AqiCategory;
  /** Appendix A colour as CSS (same as category.color). */
  color: string;
  /** 首要污染物: pollutants whose IAQI equals the AQI, only when AQI > 50. */
  primary: Pollutant[];
  /** 超标污染物: pollutants with IAQI > 100. */
  exceeding: Pollutant[];
  /** Pollutants whose IAQI is a lower bound because the concentration is off the table. */
  beyondScale: Pollutant[];
  iaqi: Partial<Record<Pollutant, number>>;
}

/** PM10 and PM2.5 have no 1-hour row, so their 1-hour concentrations use the 24-hour row. */
const HOURLY_BASIS: Readonly<Record<Pollutant, Averaging>> = {
  pm25: '24h',
  pm10: '24h',
  so2: '1h',
  no2: '1h',
  co: '1h',
  o3: '1h',
};

/** IAQI at the last breakpoint of the SO2 1-hour row (800 µg/m³). */
const SO2_1H_TOP_IAQI = 200;

function hourlySo2(c1h: number, c24h: number | undefined): IaqiResult {
  const fromHour = iaqi('so2', c1h, '1h');
  if (fromHour) return fromHour;
  // Table 1 note 2: above 800 the 24-hour IAQI is reported instead (that row never returns null).
  if (c24h !== undefined) return iaqi('so2', c24h, '24h')!;
  // Without a 24-hour figure we report the top of the 1-hour scale, flagged: it is the lowest
  // index the reading supports. 500 would claim 严重污染 although the 24-hour IAQI the standard
  // asks for cannot be far above 200 (a 24-hour mean of 800 is IAQI 200), and skipping SO2
  // would hide a real exceedance.
  return { value: SO2_1H_TOP_IAQI, beyondScale: true };
}

function dailyO3(c8h: number, c1h: number | undefined): IaqiResult {
  const from8h = iaqi('o3', c8h, '8h');
  const from1h = c1h === undefined ? null : iaqi('o3', c1h, '1h')!;
  // Table 1 note 3: above 800 the 8-hour IAQI is not computed; the 1-hour one is used instead.
  if (from8h === null && from1h === null) {
    throw new RangeError(`O3 8-hour ${c8h} µg/m³ is above 800: the daily maximum 1-hour O3 (o3_1h) is required`);
  }
  // O3 counts once, with the higher of its two daily sub-indices.
  if (from8h === null) return from1h!;
  if (from1h === null) return from8h;
  return from1h.value > from8h.value ? from1h : from8h;
}

/**
 * Real-time hourly AQI from 1-hour averages (SO2, NO2, CO, O3 on their 1-hour rows; PM10 and
 * PM2.5 on their 24-hour rows). Returns null when no pollutant is present.
 */
export function hourlyAqi(conc: HourlyConcentrations): AqiResult | null {
  const results: Partial<Record<Pollutant, IaqiResult>> = {};
  for (const p of POLLUTANTS) {
    const c = conc[p];
    if (c === undefined) continue;
    // Every row used here except SO2 1-hour is 'beyond-scale', so only SO2 can be null.
    results[p] = p === 'so2' ? hourlySo2(c, conc.so2_24h) : iaqi(p, c, HOURLY_BASIS[p])!;
  }
  return summarize(results);
}

/**
 * Daily AQI from 24-hour averages and O3's daily maximum 8-hour moving average and 1-hour
 * value. Returns null when no pollutant is present; throws a RangeError when O3 8-hour
 * exceeds 800 and `o3_1h` is missing.
 */
export function dailyAqi(conc: DailyConcentrations): AqiResult | null {
  const results: Partial<Record<Pollutant, IaqiResult>> = {};
  for (const p of POLLUTANTS) {
    const c = conc[p];
    if (p === 'o3') {
      // O3 is rated on whichever of its daily maxima are present.
      if (c !== undefined) results.o3 = dailyO3(c, conc.o3_1h);
      else if (conc.o3_1h !== undefined) results.o3 = iaqi('o3', conc.o3_1h, '1h')!;
      continue;
    }
    // 24-hour rows are all 'beyond-scale', never null.
    if (c !== undefined) results[p] = iaqi(p, c, '24h')!;
  }
  return summarize(results);
}

function summarize(results: Partial<Record<Pollutant, IaqiResult>>): AqiResult | null {
  const entries = POLLUTANTS.flatMap((p) => {
    const r = results[p];
    return r ? [{ p, ...r }] : [];
  });
  if (entries.length === 0) return null;
  const aqi = Math.max(...entries.map((e) => e.value));
  const category = aqiCategory(aqi);
  return {
    aqi,
    level: category.level,
    category,
    color: category.color,
    primary: aqi > 50 ? entries.filter((e) => e.value === aqi).map((e) => e.p) : [],
    exceeding: entries.filter((e) => e.value > 100).map((e) => e.p),
    beyondScale: entries.filter((e) => e.beyondScale).map((e) => e.p),
    iaqi: Object.fromEntries(entries.map((e) => [e.p, e.value])),
  };
}

/** The slice of a result that the contracts carry on a vital reading. */
export function toAqiDetail(result: AqiResult): AqiDetail {
  return { level: result.level, primary: [...result.primary], iaqi: { ...result.iaqi } };
}
