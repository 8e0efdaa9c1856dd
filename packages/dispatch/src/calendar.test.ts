import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  addWorkingDays,
  addWorkingHours,
  createWorkingCalendar,
  isWorkingDay,
  workingMsBetween,
} from './calendar.ts';
import { at, local } from './testing.ts';

const plain = createWorkingCalendar({ utcOffsetMinutes: 480 });
const newYearOff = createWorkingCalendar({ utcOffsetMinutes: 480, holidays: ['2027-01-01'] });
/** A National Day break shaped like 2025's: 1–8 October off, Sunday 28 September and Saturday 11 October worked. */
const nationalDay = createWorkingCalendar({
  utcOffsetMinutes: 480,
  holidays: ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}`),
  workdays: ['2025-09-28', '2025-10-11'],
});

const plusHours = (cal: typeof plain, iso: string, h: number) => local(addWorkingHours(cal, at(iso), h));
const plusDays = (cal: typeof plain, iso: string, d: number) => local(addWorkingDays(cal, at(iso), d));

describe('addWorkingHours', () => {
  it('counts the morning and afternoon periods and skips the lunch break', () => {
    expect(plusHours(plain, '2026-12-08T09:30+08:00', 2)).toBe('2026-12-08T11:30+08:00');
    expect(plusHours(plain, '2026-12-08T11:00+08:00', 2)).toBe('2026-12-08T14:30+08:00');
    expect(plusHours(plain, '2026-12-08T11:45+08:00', 0.5)).toBe('2026-12-08T13:45+08:00');
    // Using up the morning exactly ends at noon, not at 13:30.
    expect(plusHours(plain, '2026-12-08T10:00+08:00', 2)).toBe('2026-12-08T12:00+08:00');
  });

  it('carries over nights and weekends and starts outside hours at the next opening', () => {
    expect(plusHours(plain, '2026-12-04T16:00+08:00', 2)).toBe('2026-12-07T09:30+08:00'); // Fri → Mon
    expect(plusHours(plain, '2026-12-05T10:00+08:00', 1)).toBe('2026-12-07T10:00+08:00'); // Sat → Mon
    expect(plusHours(plain, '2026-12-08T12:30+08:00', 1)).toBe('2026-12-08T14:30+08:00'); // from lunch
    expect(plusHours(plain, '2026-12-08T20:00+08:00', 1)).toBe('2026-12-09T10:00+08:00'); // from the evening
    expect(plusHours(plain, '2026-12-08T07:00+08:00', 7)).toBe('2026-12-08T17:30+08:00');
    expect(plusHours(plain, '2026-12-04T17:30+08:00', 7)).toBe('2026-12-07T17:30+08:00');
    expect(plusHours(plain, '2026-12-05T10:00+08:00', 0)).toBe('2026-12-05T10:00+08:00');
  });

  it('skips holidays and counts adjusted working days', () => {
    expect(plusHours(nationalDay, '2025-09-30T17:00+08:00', 2)).toBe('2025-10-09T10:30+08:00');
    expect(plusHours(nationalDay, '2025-10-11T17:00+08:00', 2)).toBe('2025-10-13T10:30+08:00');
    // From Saturday to the worked Sunday.
    expect(plusHours(nationalDay, '2025-09-27T10:00+08:00', 1)).toBe('2025-09-28T10:00+08:00');
  });

  it('applies the configured offset, not the machine time zone', () => {
    const utc = createWorkingCalendar({ utcOffsetMinutes: 0 });
    // 16:00 in Shaoyang is 08:00 UTC: before opening on a UTC working day.
    expect(addWorkingHours(utc, at('2026-12-04T16:00+08:00'), 2)).toBe(at('2026-12-04T11:00Z'));
  });
});

describe('addWorkingDays', () => {
  it('starts counting on the next day and ends at close of business', () => {
    // A complaint signed for on Friday 4 December 2026 at 16:00 with 15 working days.
    expect(plusDays(plain, '2026-12-04T16:00+08:00', 15)).toBe('2026-12-25T17:30+08:00');
    expect(plusDays(plain, '2026-12-04T09:00+08:00', 1)).toBe('2026-12-07T17:30+08:00');
    expect(plusDays(plain, '2026-12-05T10:00+08:00', 1)).toBe('2026-12-07T17:30+08:00');
    expect(plusDays(plain, '2026-12-08T23:59+08:00', 1)).toBe('2026-12-09T17:30+08:00');
    expect(plusDays(plain, '2026-12-08T10:00+08:00', 0)).toBe('2026-12-08T10:00+08:00');
  });

  it('skips public holidays', () => {
    expect(plusDays(plain, '2026-12-21T10:00+08:00', 10)).toBe('2027-01-04T17:30+08:00');
    expect(plusDays(newYearOff, '2026-12-21T10:00+08:00', 10)).toBe('2027-01-05T17:30+08:00');
  });

  it('counts adjusted working days on weekends', () => {
    expect(plusDays(nationalDay, '2025-09-26T16:00+08:00', 1)).toBe('2025-09-28T17:30+08:00');
    expect(plusDays(nationalDay, '2025-09-30T15:00+08:00', 3)).toBe('2025-10-11T17:30+08:00');
  });

  it('ends at the end of the last configured period', () => {
    const summer = createWorkingCalendar({
      utcOffsetMinutes: 480,
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
    });
    expect(summer.dayMs).toBe(7.5 * HOUR_MS);
    expect(plusDays(summer, '2026-12-04T17:00+08:00', 1)).toBe('2026-12-07T18:00+08:00');
    expect(plusHours(summer, '2026-12-04T17:00+08:00', 2)).toBe('2026-12-07T09:00+08:00');
  });
});

describe('workingMsBetween', () => {
  it('counts only working periods of working days', () => {
    const between = (a: string, b: string) => workingMsBetween(plain, at(a), at(b)) / HOUR_MS;
    expect(between('2026-12-04T16:00+08:00', '2026-12-07T10:00+08:00')).toBe(2.5);
    expect(between('2026-12-08T11:00+08:00', '2026-12-08T14:00+08:00')).toBe(1.5);
    expect(between('2026-12-08T14:00+08:00', '2026-12-08T11:00+08:00')).toBe(-1.5);
    expect(between('2026-12-08T12:10+08:00', '2026-12-08T13:20+08:00')).toBe(0);
    expect(between('2026-12-07T00:00+08:00', '2026-12-14T00:00+08:00')).toBe(35);
  });

  it('follows holidays and adjusted working days', () => {
    // 29 and 30 September, 9, 10 and 11 October: five working days.
    const ms = workingMsBetween(nationalDay, at('2025-09-29T00:00+08:00'), at('2025-10-13T00:00+08:00'));
    expect(ms).toBe(35 * HOUR_MS);
  });
});

describe('working days', () => {
  it('are Monday to Friday, minus holidays, plus adjusted days', () => {
    const working = (iso: string) => isWorkingDay(nationalDay, at(iso));
    expect(working('2025-09-29T12:00+08:00')).toBe(true); // Monday
    expect(working('2025-09-27T12:00+08:00')).toBe(false); // Saturday
    expect(working('2025-09-28T12:00+08:00')).toBe(true); // adjusted Sunday
    expect(working('2025-10-01T12:00+08:00')).toBe(false); // holiday Wednesday
    expect(working('2025-10-11T12:00+08:00')).toBe(true); // adjusted Saturday
    // Local midnight decides the day: 23:30 UTC on a Friday is Saturday morning in Shaoyang.
    expect(isWorkingDay(plain, at('2025-09-26T23:30Z'))).toBe(false);
    expect(isWorkingDay(plain, at('2025-09-28T23:30Z'))).toBe(true);
  });
});

describe('createWorkingCalendar', () => {
  it('refuses inconsistent configurations', () => {
    const make = (extra: object) => () => createWorkingCalendar({ utcOffsetMinutes: 480, ...extra });
    const overlapping = [
      { start: '09:00', end: '12:00' },
      { start: '11:00', end: '17:00' },
    ];
    expect(make({ periods: overlapping })).toThrow(/overlapping/);
    expect(make({ periods: [{ start: '12:00', end: '09:00' }] })).toThrow(/ascending/);
    expect(make({ periods: [] })).toThrow(/at least one/);
    expect(make({ periods: [{ start: '09:00', end: '25:00' }] })).toThrow(/25:00/);
    expect(make({ holidays: ['2026-02-30'] })).toThrow(/2026-02-30/);
    expect(make({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toThrow(/both/);
    expect(() => createWorkingCalendar({ utcOffsetMinutes: 15 * 60 })).toThrow(/offset/);
  });
});
