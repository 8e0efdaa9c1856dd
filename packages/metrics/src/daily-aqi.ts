import { dailyAqi, type AqiResult } from '@cw/aqi';
import { POLLUTANTS, type Pollutant } from '@cw/contracts';
import type { Aggregate } from '@cw/rollup';
import { mean } from '@cw/rollup';

/** HJ 633 / GB 3095 data validity: a 24-hour mean needs at least 20 hourly values. */
const MIN_HOURS = 20;
/** An 8-hour moving average needs at least 6 hourly values. */
const MIN_HOURS_8H = 6;
/**
 * HJ 663-2013: the daily maximum 8-hour value needs at least 14 valid 8-hour values ending
 * 08:00–24:00, unless the maximum found exceeds the GB 3095 grade II limit (160 µg/m³).
 */
const MIN_WINDOWS_8H = 14;
const O3_8H_LIMIT = 160;

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
      let windows = 0;
      // Moving 8-hour windows ending 08:00–24:00 (hour index 7–23): none reaches before midnight.
      for (let end = 7; end < hourly.length; end++) {
        const w = hourly.slice(end - 7, end + 1).filter((v): v is number => v !== undefined);
        if (w.length < MIN_HOURS_8H) continue;
        windows++;
        best = Math.max(best ?? -Infinity, w.reduce((a, b) => a + b, 0) / w.length);
      }
      if (best !== undefined && (windows >= MIN_WINDOWS_8H || best > O3_8H_LIMIT)) conc.o3 = best;
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
