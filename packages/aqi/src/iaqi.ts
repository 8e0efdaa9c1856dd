import type { Pollutant } from '@cw/contracts';
import { BREAKPOINTS, IAQI_STEPS, type Averaging } from './table.ts';

export interface IaqiResult {
  /** Integer IAQI, rounded up as the standard requires. */
  value: number;
  /**
   * True when the concentration lies above the last breakpoint of the table used: `value`
   * is then the table's top IAQI and only a lower bound of the true index.
   */
  beyondScale: boolean;
}

/**
 * Interpolation results closer than this to an integer are taken as that integer, so
 * floating-point noise (25 × (2.2 − 2) + 50 = 55.00000000000001) is not rounded up.
 * Real concentrations have few decimals, so true fractions are far larger than this.
 */
const SNAP_EPSILON = 1e-9;

/** Rounds an interpolated IAQI up to an integer (计算结果应全部进位取整数), ignoring FP noise. */
export function roundUpIaqi(raw: number): number {
  const nearest = Math.round(raw);
  return Math.abs(raw - nearest) < SNAP_EPSILON ? nearest : Math.ceil(raw);
}

/**
 * Individual air-quality index (IAQI) of one pollutant, HJ 633-2012 formula (1).
 * Concentrations are in µg/m³, CO in mg/m³.
 *
 * Returns null where the standard leaves the IAQI undefined (SO2 1-hour above 800, O3
 * 8-hour above 800); the caller must then use the other averaging period. Throws a
 * RangeError for a negative or non-finite concentration and for an averaging period the
 * table has no row for (e.g. PM2.5 '1h': hourly AQI uses the 24-hour row, see hourlyAqi).
 */
export function iaqi(pollutant: Pollutant, concentration: number, basis: Averaging): IaqiResult | null {
  const table = BREAKPOINTS[pollutant][basis];
  if (!table) throw new RangeError(`HJ 633-2012 has no ${basis} breakpoints for ${pollutant}`);
  if (!Number.isFinite(concentration) || concentration < 0) {
    throw new RangeError(`${pollutant} ${basis} concentration must be a finite number ≥ 0, got ${concentration}`);
  }
  const { bp } = table;
  const top = bp.length - 1;
  if (concentration > bp[top]!) {
    return table.above === 'undefined' ? null : { value: IAQI_STEPS[top]!, beyondScale: true };
  }
  if (concentration === 0) return { value: 0, beyondScale: false };
  // First breakpoint at or above C: the segment is (BP_{i−1}, BP_i].
  const i = bp.findIndex((limit) => concentration <= limit);
  const bpLo = bp[i - 1]!;
  const bpHi = bp[i]!;
  const iaqiLo = IAQI_STEPS[i - 1]!;
  const iaqiHi = IAQI_STEPS[i]!;
  const raw = ((iaqiHi - iaqiLo) / (bpHi - bpLo)) * (concentration - bpLo) + iaqiLo;
  return { value: roundUpIaqi(raw), beyondScale: false };
}
