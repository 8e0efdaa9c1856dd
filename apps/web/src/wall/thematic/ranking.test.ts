import { describe, expect, it } from 'vitest';
import type { MetricDef } from '@cw/contracts';
import { divisionsWithout, placeKindOf, rankBy, rankOrder, rowsShown } from './ranking.ts';

const def = (compute: MetricDef['compute']['kind'], bad?: 'high' | 'low') =>
  ({ compute: { kind: compute }, ...(bad ? { thresholds: { warning: 1, critical: 2, bad } } : {}) }) as unknown as Pick<MetricDef, 'compute' | 'thresholds'>;

describe('division rankings', () => {
  it('puts the worst first: the highest AQI, the lowest of a rate that is bad when low', () => {
    expect(rankOrder(def('aqi'))).toBe('worst-high');
    expect(rankOrder(def('ratio', 'low'))).toBe('worst-low');
    expect(rankOrder(def('window', 'high'))).toBe('worst-high');
    expect(rankOrder(def('window'))).toBe('most');
  });

  it('orders AQIs 35, 160, 88 and a silent station as 160, 88, 35, then the silent one', () => {
    const rows = [
      { code: 'a', v: 35 },
      { code: 'b', v: 160 },
      { code: 'c', v: null },
      { code: 'd', v: 88 },
    ];
    expect(rankBy(rows, (r) => r.v, 'worst-high').map((r) => r.code)).toEqual(['b', 'd', 'a', 'c']);
    // An on-time rate of 92 %, 71 % and 99 %: 71 % is the worst.
    expect(rankBy([92, 71, 99], (v) => v, 'worst-low')).toEqual([71, 92, 99]);
    // Ties keep the profile's order.
    expect(rankBy(['x', 'y'], () => 5, 'most')).toEqual(['x', 'y']);
  });

  it('says how many rows are hidden, giving up one row for the "+N" line', () => {
    expect(rowsShown(12, 12)).toEqual({ shown: 12, hidden: 0 });
    expect(rowsShown(12, 20)).toEqual({ shown: 12, hidden: 0 });
    // Room for 7 of 12: 6 rows and "+6".
    expect(rowsShown(12, 7)).toEqual({ shown: 6, hidden: 6 });
    expect(rowsShown(3, 0)).toEqual({ shown: 0, hidden: 3 });
  });
});

describe('divisions without the places a figure is read from', () => {
  const place = (type: string, division: string) => ({ type, division });
  const profile = {
    divisions: [{ code: '430502' }, { code: '430503' }, { code: '430528' }],
    sites: [place('scenic', '430528'), place('scenic', '430503'), place('hospital', '430502')],
    devices: [place('camera', '430502')],
    deviceFleets: [place('sensor', '430528')],
  } as unknown as Parameters<typeof divisionsWithout>[1];

  it('names the kind of place: visitors and capacity use from scenic areas, gauges from theirs, event counts from none', () => {
    expect(placeKindOf({ compute: { kind: 'window' }, split: { by: 'place', places: 'scenic' } } as unknown as MetricDef)).toBe('scenic');
    expect(placeKindOf({ compute: { kind: 'capacity_use' } } as unknown as MetricDef)).toBe('scenic');
    expect(placeKindOf({ compute: { kind: 'gauge_ratio', places: 'hotel' } } as unknown as MetricDef)).toBe('hotel');
    expect(placeKindOf({ compute: { kind: 'window' }, split: { by: 'type', types: ['a'] } } as unknown as MetricDef)).toBeUndefined();
  });

  it('finds a district with a hospital and a camera but no scenic area, and none for a figure of events', () => {
    expect([...divisionsWithout('scenic', profile)]).toEqual(['430502']);
    expect([...divisionsWithout('camera', profile)]).toEqual(['430503', '430528']);
    expect([...divisionsWithout('sensor', profile)]).toEqual(['430502', '430503']);
    expect(divisionsWithout(undefined, profile).size).toBe(0);
  });
});
