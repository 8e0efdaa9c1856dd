import { POLLUTANTS, type MetricCompute } from '@cw/contracts';

/** The raw-event series a compute rule reads (the AQI and good-air days: the six pollutants' readings). */
export function seriesOfCompute(c: MetricCompute): string[] {
  switch (c.kind) {
    case 'window':
    case 'gauge':
      return [c.series];
    case 'ratio':
      return [c.num.series, c.den.series];
    case 'net':
      return [c.plus.series, c.minus.series];
    case 'gauge_ratio':
      return [c.num, c.den];
    case 'capacity_use':
      return [c.plus, c.minus];
    case 'aqi':
    case 'good_days':
      return POLLUTANTS.map((p) => `air.reading.${p}`);
  }
}
