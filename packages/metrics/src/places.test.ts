import { describe, expect, it } from 'vitest';
import { PlaceIndex } from './places.ts';

const hall = { id: 'hall-a', type: 'hall' as const, name: { zh: '大厅', en: 'Hall' }, division: 'd1', location: [0, 0] as [number, number], openingHours: [{ start: '09:00', end: '17:30' }] };
const at = (iso: string) => Date.parse(iso);

describe('opening hours on provisional holidays', () => {
  it('shut a hall on a statutory holiday of a year the profile does not list, only with the fallback', () => {
    const listed = { sites: [hall], devices: [], utcOffsetMinutes: 480, holidays: ['2026-10-01'], workdays: [] };
    const withFallback = new PlaceIndex({ ...listed, holidayFallback: 'cn-statutory' });
    const without = new PlaceIndex(listed);
    const place = withFallback.in('d1', 'hall')[0]!;
    // Friday 5 February 2027 is 除夕, 10:00 in Shaoyang.
    expect(withFallback.isOpen(place, at('2027-02-05T10:00+08:00'))).toBe(false);
    expect(without.isOpen(place, at('2027-02-05T10:00+08:00'))).toBe(true);
    // Tuesday 9 February 2027 (初四) is a working day either way.
    expect(withFallback.isOpen(place, at('2027-02-09T10:00+08:00'))).toBe(true);
  });
});

describe('places in a scope', () => {
  const site = (id: string, division: string) => ({ ...hall, id, division, openingHours: undefined });
  const index = new PlaceIndex({
    sites: [site('hall-a', '430502'), site('hall-b', '430503'), site('hall-c', '430502')],
    devices: [{ id: 'cam-1', type: 'camera', name: { zh: '摄像头', en: 'Camera' }, division: '430502', location: [0, 0] }],
  });
  const ids = (scope: string, kind: 'hall' | 'camera') => index.in(scope, kind).map((p) => p.id);

  it('lists a kind in the city, in a division in profile order, and in one place’s own scope', () => {
    expect(ids('city', 'hall')).toEqual(['hall-a', 'hall-b', 'hall-c']);
    expect(ids('430502', 'hall')).toEqual(['hall-a', 'hall-c']);
    expect(ids('430503', 'hall')).toEqual(['hall-b']);
    expect(ids('site:hall-b', 'hall')).toEqual(['hall-b']);
    expect(ids('430502', 'camera')).toEqual(['cam-1']);
  });

  it('finds nothing in a scope or of a kind it does not hold', () => {
    expect(ids('430511', 'hall')).toEqual([]);
    expect(ids('site:hall-z', 'hall')).toEqual([]);
    expect(ids('site:cam-1', 'hall')).toEqual([]);
    expect(ids('430503', 'camera')).toEqual([]);
  });
});
