import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, isHolidayDate, isWorkingDay } from './calendar.ts';
import { statutoryHolidays } from './statutory.ts';
import { at } from './testing.ts';

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('statutory public holidays (Decree No. 795, from 2025)', () => {
  it('2027: 元旦, 春节 from 除夕 (5 February), 清明, 劳动节, 端午, 中秋, 国庆', () => {
    // Written out from the decree and the lunar dates: 除夕 5 Feb, 初一 6 Feb (Saturday) to 初三 8 Feb.
    expect(statutoryHolidays(2027).map(({ day, festival }) => `${dateOf(day)} ${festival}`)).toEqual([
      '2027-01-01 new_year',
      '2027-02-05 spring_festival',
      '2027-02-06 spring_festival',
      '2027-02-07 spring_festival',
      '2027-02-08 spring_festival',
      '2027-04-05 qingming',
      '2027-05-01 labour_day',
      '2027-05-02 labour_day',
      '2027-06-09 dragon_boat',
      '2027-09-15 mid_autumn',
      '2027-10-01 national_day',
      '2027-10-02 national_day',
      '2027-10-03 national_day',
    ]);
  });

  it('keeps the fixed-date holidays only in years without lunar dates', () => {
    expect(statutoryHolidays(2031).map(({ day }) => dateOf(day))).toEqual(['2031-01-01', '2031-05-01', '2031-05-02', '2031-10-01', '2031-10-02', '2031-10-03']);
  });
});

describe('the cn-statutory fallback of a working calendar', () => {
  const cal = createWorkingCalendar({ utcOffsetMinutes: 480, holidays: ['2026-10-01'], workdays: ['2026-10-10'], fallback: 'cn-statutory' });

  it('applies to years the lists leave out, with no 调休', () => {
    expect(isWorkingDay(cal, at('2027-01-01T10:00+08:00'))).toBe(false); // 元旦, a Friday
    expect(isWorkingDay(cal, at('2027-02-05T10:00+08:00'))).toBe(false); // 除夕, a Friday
    expect(isWorkingDay(cal, at('2027-02-08T10:00+08:00'))).toBe(false); // 初三, a Monday
    expect(isWorkingDay(cal, at('2027-02-09T10:00+08:00'))).toBe(true); // 初四: no bridging day is guessed
    expect(isWorkingDay(cal, at('2027-02-20T10:00+08:00'))).toBe(false); // a Saturday: no 调休 is guessed
    expect(cal.provisional.get(dayOf('2027-10-03'))).toBe('national_day');
    expect(isHolidayDate(cal, dayOf('2027-06-09'))).toBe(true);
  });

  it('leaves a listed year to its lists', () => {
    // 2026 lists only 1 October: 2 October is a working Friday, and 1 May is not added.
    expect(isWorkingDay(cal, at('2026-10-02T10:00+08:00'))).toBe(true);
    expect(isWorkingDay(cal, at('2026-05-01T10:00+08:00'))).toBe(true);
    expect(cal.provisional.has(dayOf('2026-05-01'))).toBe(false);
  });

  it('leaves 中秋 on a 国庆 day to 国庆 (2028-10-03)', () => {
    expect(cal.provisional.get(dayOf('2028-10-03'))).toBe('national_day');
  });

  it('is off unless asked for, and refuses an unknown rule', () => {
    const plain = createWorkingCalendar({ utcOffsetMinutes: 480, holidays: [] });
    expect(plain.provisional.size).toBe(0);
    expect(isWorkingDay(plain, at('2027-02-08T10:00+08:00'))).toBe(true);
    expect(() => createWorkingCalendar({ utcOffsetMinutes: 480, fallback: 'us-federal' as 'cn-statutory' })).toThrow(/unknown holiday fallback "us-federal"/);
  });
});
