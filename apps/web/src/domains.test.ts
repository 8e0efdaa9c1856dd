import { describe, expect, it } from 'vitest';
import type { MetricDef } from '@cw/contracts';
import { tileMetrics } from './domains.ts';

const def = (id: string, domain: string, compute: object) => ({ id, domain, compute }) as unknown as MetricDef;
const entries = { kind: 'window', series: 'tourism.gate.entries', agg: 'sum', window: 'today' };

describe('tileMetrics', () => {
  it('leaves out a figure that repeats an earlier one of its domain under another split', () => {
    const catalogue = [
      def('tour.visitors_now', 'tourism', { kind: 'net', plus: { series: 'tourism.gate.entries', agg: 'sum' }, minus: { series: 'tourism.gate.exits', agg: 'sum' }, window: 'today' }),
      def('tour.visitors_today', 'tourism', entries),
      def('gov.received_today', 'government', { kind: 'window', series: 'gov.application', agg: 'count', window: 'today' }),
      def('tour.origin_today', 'tourism', { ...entries }),
      def('tour.hotel_occupancy', 'tourism', { kind: 'gauge_ratio', num: 'a', den: 'b', places: 'hotel' }),
    ];
    expect(tileMetrics(catalogue, 'tourism').map((m) => m.id)).toEqual(['tour.visitors_now', 'tour.visitors_today', 'tour.hotel_occupancy']);
    expect(tileMetrics(catalogue, 'government').map((m) => m.id)).toEqual(['gov.received_today']);
  });
});
