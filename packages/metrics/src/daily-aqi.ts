import { dailyAqi, type AqiResult } from '@cw/aqi';
import { POLLUTANTS, type Pollutant } from '@cw/contracts';
import type { Aggregate } from '@cw/rollup';
import { mean } from '@cw/rollup';

/** HJ 633 / GB 3095 data validity: a 24-hour mean needs at least 20 hourly values. */
const MIN_HOURS = 20;
/** An 8-hour moving average needs at least 6 hourly values. */
const MIN_HOURS_8H = 6;

/**
 * The daily AQI of one scope from its 24 hourly windows (index 0 = 00:00 local): 24-hour
 * means of SO2, NO2, PM10, PM2.5 and CO, and O3's daily maximum 1-hour value and maximum
 * 8-hour moving average. Null when the day has too few valid hours.
 */
export function dailyAqiFromHours(hours: readonly (Partial<Record<Pollutant, Aggregate>> | undefined)[]): AqiResult | null {
  const conc: Partial<Record<Pollutant, number>> & { o3_1h?: number } = {};
  for (const p of POLLUTANTS) {
    const hourly = hours.map((h) => (h?.[p] && h[p].count > 0 ? mean(h[p]) : undefined));
    const valid = hourly.filter((v): v is number => v !== undefined);
    if (p === 'o3') {
      if (valid.length === 0) continue;
      conc.o3_1h = Math.max(...valid);
      let best: number | undefined;
      // Moving 8-hour windows ending at each hour of the day (the standard's 8h series).
      for (let end = 7; end < hourly.length; end++) {
        const w = hourly.slice(end - 7, end + 1).filter((v): v is number => v !== undefined);
        if (w.length >= MIN_HOURS_8H) best = Math.max(best ?? -Infinity, w.reduce((a, b) => a + b, 0) / w.length);
      }
      if (best !== undefined) conc.o3 = best;
      continue;
    }
    if (valid.length >= MIN_HOURS) conc[p] = valid.reduce((a, b) => a + b, 0) / valid.length;
  }
  return dailyAqi(conc);
}

export interface DailyAqiRecord {
  scope: string;
  /** Local midnight that starts the day, ms. */
  day: number;
  aqi: number;
  level: number;
}
