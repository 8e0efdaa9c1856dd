import { statutoryHolidays, type Festival } from './statutory.ts';

/**
 * A working calendar: which local days are working days and which hours of them count.
 * Instants are ms since the Unix epoch; local time is UTC plus a fixed offset, so the result
 * never depends on the machine's time zone.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface WorkingPeriod {
  /** Local "HH:MM". */
  start: string;
  /** Local "HH:MM", after start; "24:00" is allowed. */
  end: string;
}

export interface WorkingCalendarConfig {
  /** Local time = UTC + this; Shaoyang is +480. */
  utcOffsetMinutes: number;
  /** Working periods of a working day, ascending and not overlapping. */
  periods?: readonly WorkingPeriod[];
  /** Public holidays "YYYY-MM-DD": not working days even on a weekday. */
  holidays?: readonly string[];
  /** Adjusted working days (调休) "YYYY-MM-DD": working days even on a weekend. */
  workdays?: readonly string[];
  /**
   * 'cn-statutory': a year in which `holidays` lists no date has the PRC's statutory public
   * holidays (statutory.ts), marked provisional, and no 调休, until its State Council notice
   * is added to the list.
   */
  fallback?: 'cn-statutory';
}

/** Years the provisional fallback covers; a simulated or SLA date outside them is far-fetched. */
const FALLBACK_YEARS = [2000, 2099] as const;

/** 09:00–12:00 and 13:30–17:30: seven working hours with a lunch break. */
export const DEFAULT_WORKING_PERIODS: readonly WorkingPeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** A validated calendar; build it once with createWorkingCalendar and pass it around. */
export interface WorkingCalendar {
  readonly offsetMs: number;
  /** [start, end) of each working period in ms after local midnight, ascending. */
  readonly periods: readonly (readonly [number, number])[];
  /** Working ms in one working day. */
  readonly dayMs: number;
  /** Local day numbers (days since 1970-01-01). */
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
  /** Statutory holidays of years the lists leave out (`fallback`), not yet officially scheduled. */
  readonly provisional: ReadonlyMap<number, Festival>;
}

function parseClock(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h * 60 + min > 24 * 60) throw new RangeError(`invalid time of day "${text}"`);
  return (h * 60 + min) * MINUTE_MS;
}

function parseDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls over out-of-range parts (02-30 → 03-02); the round trip catches that.
    if (new Date(ms).toISOString().slice(0, 10) === text) return ms / DAY_MS;
  }
  throw new RangeError(`invalid date "${text}", expected YYYY-MM-DD`);
}

export function createWorkingCalendar(config: WorkingCalendarConfig): WorkingCalendar {
  const { utcOffsetMinutes } = config;
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new RangeError(`invalid UTC offset ${utcOffsetMinutes} min`);
  }
  const periods = (config.periods ?? DEFAULT_WORKING_PERIODS).map(
    (p) => [parseClock(p.start), parseClock(p.end)] as const,
  );
  if (periods.length === 0) throw new RangeError('a working day needs at least one working period');
  periods.forEach(([start, end], i) => {
    const prevEnd = i > 0 ? periods[i - 1]![1] : 0;
    if (end <= start || start < prevEnd) {
      throw new RangeError('working periods must be non-empty, ascending and not overlapping');
    }
  });
  const holidays = new Set((config.holidays ?? []).map(parseDate));
  const workdays = new Set((config.workdays ?? []).map(parseDate));
  const both = (config.workdays ?? []).find((date) => holidays.has(parseDate(date)));
  if (both) throw new RangeError(`${both} is both a holiday and an adjusted working day`);
  const provisional = new Map<number, Festival>();
  if (config.fallback === 'cn-statutory') {
    const listed = new Set((config.holidays ?? []).map((date) => Number(date.slice(0, 4))));
    for (let year = FALLBACK_YEARS[0]; year <= FALLBACK_YEARS[1]; year++) {
      if (listed.has(year)) continue;
      // 中秋 can fall on a 国庆 day (2028-10-03); the day stays 国庆's.
      for (const { day, festival } of statutoryHolidays(year)) if (!provisional.has(day)) provisional.set(day, festival);
    }
  } else if (config.fallback !== undefined) {
    throw new RangeError(`unknown holiday fallback "${String(config.fallback)}"`);
  }
  return {
    offsetMs: utcOffsetMinutes * MINUTE_MS,
    periods,
    dayMs: periods.reduce((sum, [start, end]) => sum + end - start, 0),
    holidays,
    workdays,
    provisional,
  };
}

const localDay = (cal: WorkingCalendar, t: number) => Math.floor((t + cal.offsetMs) / DAY_MS);
const dayStart = (cal: WorkingCalendar, day: number) => day * DAY_MS - cal.offsetMs;

function isWorkingDate(cal: WorkingCalendar, day: number): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day) || cal.provisional.has(day)) return false;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

/** Whether local day `day` (days since 1970-01-01) is a public holiday, listed or provisional. */
export function isHolidayDate(cal: WorkingCalendar, day: number): boolean {
  return cal.holidays.has(day) || cal.provisional.has(day);
}

/** Whether the local day containing `t` is a working day. */
export function isWorkingDay(cal: WorkingCalendar, t: number): boolean {
  return isWorkingDate(cal, localDay(cal, t));
}

/**
 * The instant when `ms` of working time have passed after `t`. A deadline that uses up a
 * period exactly lands on the period's end (12:00), not on the next start (13:30).
 */
export function addWorkingTime(cal: WorkingCalendar, t: number, ms: number): number {
  if (!(ms >= 0)) throw new RangeError(`working time to add must be ≥ 0, got ${ms}`);
  if (ms === 0) return t;
  let left = ms;
  for (let day = localDay(cal, t); ; day++) {
    if (!isWorkingDate(cal, day)) continue;
    const base = dayStart(cal, day);
    for (const [ps, pe] of cal.periods) {
      const from = Math.max(t, base + ps);
      const to = base + pe;
      if (from >= to) continue;
      if (left <= to - from) return from + left;
      left -= to - from;
    }
  }
}

export function addWorkingHours(cal: WorkingCalendar, t: number, hours: number): number {
  return addWorkingTime(cal, t, Math.round(hours * HOUR_MS));
}

/**
 * The end of the last working period of the `days`-th working day after the local day of `t`.
 * The starting day does not count, as in Chinese law on periods counted in days (期间开始的
 * 当日不计入): a case received on Friday afternoon with 1 working day is due Monday at close.
 */
export function addWorkingDays(cal: WorkingCalendar, t: number, days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be an integer ≥ 0, got ${days}`);
  if (days === 0) return t;
  let day = localDay(cal, t);
  for (let counted = 0; counted < days; ) {
    day++;
    if (isWorkingDate(cal, day)) counted++;
  }
  return dayStart(cal, day) + cal.periods[cal.periods.length - 1]![1];
}

/** Working ms between two instants; negative when `b` is before `a`. */
export function workingMsBetween(cal: WorkingCalendar, a: number, b: number): number {
  if (b < a) return -workingMsBetween(cal, b, a);
  let total = 0;
  for (let day = localDay(cal, a), last = localDay(cal, b); day <= last; day++) {
    if (!isWorkingDate(cal, day)) continue;
    const base = dayStart(cal, day);
    for (const [ps, pe] of cal.periods) {
      const from = Math.max(a, base + ps);
      const to = Math.min(b, base + pe);
      if (to > from) total += to - from;
    }
  }
  return total;
}
