import { describe, expect, it } from 'vitest';
import { cityProfileSchema } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { SimCalendar, type CalendarDay } from './calendar.ts';

const profile = cityProfileSchema.parse(profileJson);
const shaoyang = new SimCalendar(profile);
/** Local day number of a date. */
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const on = (date: string, cal = shaoyang): CalendarDay => cal.day(dayOf(date));

describe('the 2026 calendar of Shaoyang (State Council notice for 2026)', () => {
  it.each([
    // 国庆 1–7 October, Sunday 20 September and Saturday 10 October worked.
    ['2026-09-20', { kind: 'adjusted_workday', dow: 0, like: 3 }],
    ['2026-09-30', { kind: 'workday', dow: 3, like: 3 }],
    ['2026-10-01', { kind: 'holiday', dow: 4, like: 0, run: { day: 1, length: 7, position: 'first', season: 'golden_week' } }],
    ['2026-10-04', { kind: 'holiday', dow: 0, like: 0, run: { day: 4, length: 7, position: 'middle', season: 'golden_week' } }],
    ['2026-10-07', { kind: 'holiday', dow: 3, like: 0, run: { day: 7, length: 7, position: 'last', season: 'golden_week' } }],
    // Back at work on a Thursday: the backlog of a week off makes it a Monday.
    ['2026-10-08', { kind: 'workday', dow: 4, like: 1 }],
    ['2026-10-10', { kind: 'adjusted_workday', dow: 6, like: 3 }],
    ['2026-10-11', { kind: 'weekend', dow: 0, like: 0 }],
    // 春节 15–23 February (腊月二十八 to 初七), Saturdays 14 and 28 February worked.
    ['2026-02-14', { kind: 'adjusted_workday', dow: 6, like: 3 }],
    ['2026-02-15', { kind: 'holiday', dow: 0, like: 0, run: { day: 1, length: 9, position: 'first', season: 'spring_festival' } }],
    ['2026-02-23', { kind: 'holiday', dow: 1, like: 0, run: { day: 9, length: 9, position: 'last', season: 'spring_festival' } }],
    ['2026-02-28', { kind: 'adjusted_workday', dow: 6, like: 3 }],
    // 元旦 1–3 January, Sunday 4 January worked; 清明 4–6 April.
    ['2026-01-01', { kind: 'holiday', dow: 4, like: 0, run: { day: 1, length: 3, position: 'first', season: 'short_break' } }],
    // Worked Sunday straight after the break: a Monday's backlog.
    ['2026-01-04', { kind: 'adjusted_workday', dow: 0, like: 1 }],
    ['2026-04-06', { kind: 'holiday', dow: 1, like: 0, run: { day: 3, length: 3, position: 'last', season: 'short_break' } }],
    // 劳动节 1–5 May, Saturday 9 May worked.
    ['2026-05-03', { kind: 'holiday', dow: 0, like: 0, run: { day: 3, length: 5, position: 'middle', season: 'golden_week' } }],
    ['2026-05-09', { kind: 'adjusted_workday', dow: 6, like: 3 }],
    // Ordinary days.
    ['2026-11-25', { kind: 'workday', dow: 3, like: 3 }],
    ['2026-11-28', { kind: 'weekend', dow: 6, like: 6 }],
  ] as const)('%s', (date, expected) => {
    expect(on(date)).toEqual(expected);
  });
});

describe('years without a State Council notice in the profile (statutory fallback)', () => {
  const provisional = { provisional: true } as const;
  it.each([
    // 元旦 2027 is a Friday: with the weekend, 1–3 January.
    ['2026-12-31', { kind: 'workday', dow: 4, like: 4 }],
    ['2027-01-01', { kind: 'holiday', dow: 5, like: 0, run: { day: 1, length: 3, position: 'first', season: 'short_break', ...provisional } }],
    ['2027-01-04', { kind: 'workday', dow: 1, like: 1 }],
    // 春节 2027: 除夕 Friday 5 February to 初三 Monday 8 February; no bridging days or 调休 guessed.
    ['2027-02-04', { kind: 'workday', dow: 4, like: 4 }],
    ['2027-02-05', { kind: 'holiday', dow: 5, like: 0, run: { day: 1, length: 4, position: 'first', season: 'spring_festival', ...provisional } }],
    ['2027-02-06', { kind: 'holiday', dow: 6, like: 0, run: { day: 2, length: 4, position: 'middle', season: 'spring_festival', ...provisional } }],
    ['2027-02-08', { kind: 'holiday', dow: 1, like: 0, run: { day: 4, length: 4, position: 'last', season: 'spring_festival', ...provisional } }],
    ['2027-02-09', { kind: 'workday', dow: 2, like: 1 }],
    ['2027-02-13', { kind: 'weekend', dow: 6, like: 6 }],
    // 清明 Monday 5 April, with the weekend before it.
    ['2027-04-03', { kind: 'holiday', dow: 6, like: 0, run: { day: 1, length: 3, position: 'first', season: 'short_break', ...provisional } }],
    // 劳动节 1–2 May is a weekend: a two-day Golden Week until the notice says otherwise.
    ['2027-05-02', { kind: 'holiday', dow: 0, like: 0, run: { day: 2, length: 2, position: 'last', season: 'golden_week', ...provisional } }],
    ['2027-05-03', { kind: 'workday', dow: 1, like: 1 }],
    // 中秋 Wednesday 15 September, alone.
    ['2027-09-15', { kind: 'holiday', dow: 3, like: 0, run: { day: 1, length: 1, position: 'middle', season: 'short_break', ...provisional } }],
    // 国庆 Friday 1 to Sunday 3 October.
    ['2027-10-02', { kind: 'holiday', dow: 6, like: 0, run: { day: 2, length: 3, position: 'middle', season: 'golden_week', ...provisional } }],
    ['2027-10-04', { kind: 'workday', dow: 1, like: 1 }],
  ] as const)('%s', (date, expected) => {
    expect(on(date)).toEqual(expected);
  });

  it('does not touch 2026, which the notice covers', () => {
    expect(on('2026-10-01').run?.provisional).toBeUndefined();
    expect(on('2026-10-08')).toEqual({ kind: 'workday', dow: 4, like: 1 });
  });
});

describe('holiday runs', () => {
  it('join the weekend next to a holiday even when the profile lists only the weekday', () => {
    const cal = new SimCalendar({ utcOffsetMinutes: 480, holidays: ['2027-01-01'], workdays: [] });
    // Friday 1 January 2027 and the weekend after it: a three-day break.
    expect(on('2027-01-01', cal).run).toEqual({ day: 1, length: 3, position: 'first', season: 'short_break' });
    expect(on('2027-01-03', cal)).toEqual({ kind: 'holiday', dow: 0, like: 0, run: { day: 3, length: 3, position: 'last', season: 'short_break' } });
    expect(on('2027-01-04', cal)).toEqual({ kind: 'workday', dow: 1, like: 1 });
    expect(on('2027-01-09', cal)).toEqual({ kind: 'weekend', dow: 6, like: 6 });
  });

  it('count a lone holiday between working days as a middle day', () => {
    const cal = new SimCalendar({ utcOffsetMinutes: 480, holidays: ['2026-12-09'], workdays: [] });
    expect(on('2026-12-09', cal).run).toEqual({ day: 1, length: 1, position: 'middle', season: 'short_break' });
    // Any day back at work after a holiday catches up like a Monday.
    expect(on('2026-12-10', cal)).toEqual({ kind: 'workday', dow: 4, like: 1 });
  });

  it('refuse a day listed as both a holiday and a working day', () => {
    expect(() => new SimCalendar({ utcOffsetMinutes: 480, holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toThrow(/both a holiday and an adjusted working day/);
  });
});
