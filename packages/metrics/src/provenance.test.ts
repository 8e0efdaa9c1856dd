import { describe, expect, it } from 'vitest';
import { metricDefSchema } from '@cw/contracts';
import { CATALOGUE } from './catalogue.ts';
import { kindsOfMetric, metricsFedBy } from './provenance.ts';

const def = (id: string, compute: unknown) =>
  metricDefSchema.parse({ id, domain: 'safety', name: { zh: id, en: id }, unit: { zh: '', en: '' }, decimals: 0, compute, staleAfterSec: 60 });

describe('provenance', () => {
  it('reads the kinds of every series a figure uses, with fields and types stripped', () => {
    expect(kindsOfMetric(def('a', { kind: 'ratio', num: { series: 'hotline.call.answered', agg: 'sum' }, den: { series: 'hotline.call', agg: 'count' }, window: 'today' }))).toEqual(['hotline.call']);
    expect(kindsOfMetric(def('b', { kind: 'window', series: 'geo.landslide.alarm|north', agg: 'sum', window: 'today' }))).toEqual(['geo.landslide']);
    expect(kindsOfMetric(def('c', { kind: 'aqi' }))).toEqual(['air.reading']);
  });

  it('lists the figures a source registered for some kinds feeds; none for a source allowed any kind', () => {
    // In the built-in catalogue the 12345 calls feed exactly the calls today and the answer rate.
    expect(metricsFedBy(['hotline.call'], CATALOGUE).sort()).toEqual(['hotline.answer_rate', 'hotline.calls_today']);
    expect(metricsFedBy(['geo.landslide'], CATALOGUE)).toEqual([]);
    expect(metricsFedBy(null, CATALOGUE)).toEqual([]);
  });
});
