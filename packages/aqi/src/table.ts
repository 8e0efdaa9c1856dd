import type { Pollutant } from '@cw/contracts';

/** Averaging period a concentration refers to. */
export type Averaging = '1h' | '8h' | '24h';

/** IAQI values of HJ 633-2012 Table 1; the i-th breakpoint of every row maps to the i-th step. */
export const IAQI_STEPS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

export interface BreakpointTable {
  /** Concentration limits BP_0 … BP_n, paired with IAQI_STEPS[0 … n]. */
  readonly bp: readonly number[];
  /** CO is in mg/m³, everything else in µg/m³. */
  readonly unit: 'µg/m³' | 'mg/m³';
  /**
   * Above the last breakpoint: 'beyond-scale' means the index is off the top of the scale
   * (reported as the top IAQI, flagged); 'undefined' means the standard does not compute
   * an IAQI from this averaging period at all (notes 2 and 3 of Table 1).
   */
  readonly above: 'beyond-scale' | 'undefined';
}

const ug = (bp: readonly number[], above: BreakpointTable['above'] = 'beyond-scale'): BreakpointTable => ({
  bp,
  unit: 'µg/m³',
  above,
});

/**
 * HJ 633-2012 Table 1. PM10 and PM2.5 have 24-hour rows only; O3 has 1-hour and
 * 8-hour rows but no 24-hour row.
 */
export const BREAKPOINTS: Readonly<Record<Pollutant, Readonly<Partial<Record<Averaging, BreakpointTable>>>>> = {
  so2: {
    '24h': ug([0, 50, 150, 475, 800, 1600, 2100, 2620]),
    // Note 2: above 800 µg/m³ the 1-hour SO2 IAQI is not computed; the 24-hour one is reported.
    '1h': ug([0, 150, 500, 650, 800], 'undefined'),
  },
  no2: {
    '24h': ug([0, 40, 80, 180, 280, 565, 750, 940]),
    '1h': ug([0, 100, 200, 700, 1200, 2340, 3090, 3840]),
  },
  pm10: {
    '24h': ug([0, 50, 150, 250, 350, 420, 500, 600]),
  },
  co: {
    '24h': { bp: [0, 2, 4, 14, 24, 36, 48, 60], unit: 'mg/m³', above: 'beyond-scale' },
    '1h': { bp: [0, 5, 10, 35, 60, 90, 120, 150], unit: 'mg/m³', above: 'beyond-scale' },
  },
  o3: {
    '1h': ug([0, 160, 200, 300, 400, 800, 1000, 1200]),
    // Note 3: above 800 µg/m³ the 8-hour O3 IAQI is not computed; the 1-hour one is used.
    '8h': ug([0, 100, 160, 215, 265, 800], 'undefined'),
  },
  pm25: {
    '24h': ug([0, 35, 75, 115, 150, 250, 350, 500]),
  },
};
