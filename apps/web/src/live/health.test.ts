import { describe, expect, it } from 'vitest';
import type { MetricDef, VitalReading } from '@cw/contracts';
import { isDegraded, staleAge, wallHealth } from './health.ts';

const def = (id: string, compute: MetricDef['compute'], staleAfterSec = 600): MetricDef => ({
  id,
  domain: 'environment',
  name: { zh: id, en: id },
  unit: { zh: '', en: '' },
  decimals: 0,
  compute,
  key: true,
  staleAfterSec,
});
const AQI = def('env.aqi', { kind: 'aqi' });
const COUNT = def('gov.received_today', { kind: 'window', series: 'gov.received', agg: 'count', window: 'today' });
const reading = (value: number | null, asOf: number | null): VitalReading => ({ value, status: value === null ? 'nodata' : 'normal', asOf });

describe('staleness', () => {
  it('gives the age only beyond the budget', () => {
    expect(staleAge(1000, AQI, 1000 + 600_000)).toBeNull();
    expect(staleAge(1000, AQI, 1001 + 600_000)).toBe(600_001);
    expect(staleAge(null, COUNT, 5)).toBeNull();
  });

  it('counts a level without a value as degraded, a quiet count as fine', () => {
    expect(isDegraded(reading(null, null), AQI, 0)).toBe(true);
    expect(isDegraded(reading(0, null), COUNT, 0)).toBe(false);
    expect(isDegraded(undefined, AQI, 0)).toBe(false);
  });

  it('does not count a gauge of closed halls as late, however old its last reading', () => {
    const QUEUE = def('gov.queue_now', { kind: 'gauge', series: 'gov.queue.waiting', agg: 'sum', places: 'hall' });
    expect(isDegraded({ value: null, status: 'nodata', asOf: null, closed: true }, QUEUE, 0)).toBe(false);
    // The same gauge with no reading while its halls are open is degraded.
    expect(isDegraded({ value: null, status: 'nodata', asOf: null }, QUEUE, 0)).toBe(true);
  });
});

describe('wallHealth', () => {
  const catalogue = [AQI, COUNT];
  it('says what the connection says when not connected', () => {
    expect(wallHealth('offline', {}, catalogue, 0).health).toBe('offline');
    expect(wallHealth('incompatible', {}, catalogue, 0).health).toBe('incompatible');
    expect(wallHealth('connecting', undefined, catalogue, 0).health).toBe('connecting');
  });

  it('is live when every figure is fresh and degraded with the figures that are not', () => {
    const city = { 'env.aqi': reading(50, 0), 'gov.received_today': reading(3, 0) };
    expect(wallHealth('live', city, catalogue, 1000).health).toBe('live');
    const later = wallHealth('live', city, catalogue, 700_000);
    expect(later.health).toBe('degraded');
    expect(later.degraded.map((d) => d.id)).toEqual(['env.aqi', 'gov.received_today']);
  });
});
