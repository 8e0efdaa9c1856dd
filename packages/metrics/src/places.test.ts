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
