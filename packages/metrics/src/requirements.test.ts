import { describe, expect, it } from 'vitest';
import { metricDefSchema } from '@cw/contracts';
import { metricById } from './catalogue.ts';
import { PlaceIndex } from './places.ts';
import { seriesNeeded } from './requirements.ts';

const places = new PlaceIndex({
  sites: [
    { id: 'hall-a', type: 'hall', name: { zh: 'A', en: 'A' }, division: 'd1', location: [0, 0] },
    { id: 'hall-b', type: 'hall', name: { zh: 'B', en: 'B' }, division: 'd2', location: [0, 0] },
    { id: 'park', type: 'scenic', name: { zh: 'P', en: 'P' }, division: 'd1', location: [0, 0], capacity: 1000 },
  ],
  devices: [],
});

const sorted = (xs: { series: string; scope: string }[]) => xs.map((x) => `${x.series}@${x.scope}`).sort();

describe('seriesNeeded', () => {
  it('lists the six pollutants of the scope for the AQI', () => {
    expect(sorted(seriesNeeded(metricById('env.aqi')!, 'city', places))).toEqual(
      ['air.reading.co@city', 'air.reading.no2@city', 'air.reading.o3@city', 'air.reading.pm10@city', 'air.reading.pm25@city', 'air.reading.so2@city'],
    );
  });

  it("lists each hall's own series for a gauge split by hall, once each", () => {
    expect(sorted(seriesNeeded(metricById('gov.queue_now')!, 'city', places))).toEqual(['gov.queue.waiting@site:hall-a', 'gov.queue.waiting@site:hall-b']);
    expect(sorted(seriesNeeded(metricById('gov.queue_now')!, 'd2', places))).toEqual(['gov.queue.waiting@site:hall-b']);
  });

  it('lists numerator and denominator, and each type of a type split', () => {
    const def = metricDefSchema.parse({
      id: 'x.rate',
      domain: 'government',
      name: { zh: 'x', en: 'x' },
      unit: { zh: '%', en: '%' },
      decimals: 1,
      staleAfterSec: 60,
      compute: { kind: 'ratio', window: 'today', num: { series: 'gov.completed.onTime', agg: 'sum' }, den: { series: 'gov.completed', agg: 'count' } },
      split: { by: 'type', types: ['a', 'b'] },
    });
    expect(sorted(seriesNeeded(def, 'd1', places))).toEqual([
      'gov.completed.onTime@d1',
      'gov.completed.onTime|a@d1',
      'gov.completed.onTime|b@d1',
      'gov.completed@d1',
      'gov.completed|a@d1',
      'gov.completed|b@d1',
    ]);
  });

  it('reads nothing for the share of good days (it comes from daily AQI records)', () => {
    expect(seriesNeeded(metricById('env.good_days')!, 'city', places)).toEqual([]);
  });
});
