import { createWorkingCalendar, isHolidayDate, isWorkingDay, type WorkingCalendar } from '@cw/dispatch';
import type { CityProfile } from '@cw/contracts';
import { DAY, LocalClock, type Dow } from './rhythm.ts';

/**
 * The city's calendar as the simulator needs it: what kind of day a local day is, and where
 * it sits in a holiday. Which days are worked comes from dispatch's working calendar (the
 * profile's `holidays` and `workdays`), so case time limits and simulated volumes agree.
 */

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';
export type RunPosition = 'first' | 'middle' | 'last';
/** 春节 and the other long breaks (国庆, 劳动节) change the city differently from a 3-day 小长假. */
export type HolidaySeason = 'spring_festival' | 'golden_week' | 'short_break';

export interface HolidayRun {
  /** 1-based day within the run of days off. */
  day: number;
  length: number;
  /** First and last days are travel days; a one-day holiday is too short to travel for and counts as middle. */
  position: RunPosition;
  season: HolidaySeason;
  /** The break comes from the statutory fallback: its year's State Council notice is not in the profile, so no 调休 is known. */
  provisional?: true;
}

export interface CalendarDay {
  kind: DayKind;
  dow: Dow;
  /**
   * The ordinary day of the week whose rhythm this day follows: a holiday rests like a
   * Sunday, a 调休 weekend day works like mid-week, and the first working day after a
   * holiday catches up on the backlog like a Monday.
   */
  like: Dow;
  run?: HolidayRun;
}

/** Runs this long or longer are the long breaks (春节 9 days, 国庆 7–8, 劳动节 5 in 2026). */
const LONG_RUN = 5;
/** No break is longer than this; bounds the search for a run's ends. */
const MAX_RUN = 16;

export class SimCalendar {
  private readonly working: WorkingCalendar;
  private readonly clock: LocalClock;
  private readonly cache = new Map<number, CalendarDay>();

  constructor(profile: Pick<CityProfile, 'utcOffsetMinutes' | 'holidays' | 'workdays'> & Partial<Pick<CityProfile, 'holidayFallback'>>) {
    this.working = createWorkingCalendar({
      utcOffsetMinutes: profile.utcOffsetMinutes,
      holidays: profile.holidays,
      workdays: profile.workdays,
      ...(profile.holidayFallback === undefined ? {} : { fallback: profile.holidayFallback }),
    });
    this.clock = new LocalClock(profile.utcOffsetMinutes);
  }

  /** The calendar day of local day number `day` (days since 1970-01-01 local). */
  day(day: number): CalendarDay {
    let d = this.cache.get(day);
    if (!d) {
      d = this.classify(day);
      this.cache.set(day, d);
    }
    return d;
  }

  private works(day: number): boolean {
    return isWorkingDay(this.working, this.clock.dayStart(day));
  }

  private classify(day: number): CalendarDay {
    const dow = this.clock.dow(day);
    const weekend = dow === 0 || dow === 6;
    if (this.works(day)) {
      const back = this.run(day - 1) !== undefined;
      return weekend ? { kind: 'adjusted_workday', dow, like: back ? 1 : 3 } : { kind: 'workday', dow, like: back ? 1 : dow };
    }
    const run = this.run(day);
    return run ? { kind: 'holiday', dow, like: 0, run } : { kind: 'weekend', dow, like: dow };
  }

  /**
   * A run is a stretch of consecutive days off with at least one public holiday in it, so
   * a weekend joined to a holiday is part of the break even when the profile lists only
   * the weekdays.
   */
  private run(day: number): HolidayRun | undefined {
    if (this.works(day)) return undefined;
    let first = day;
    while (day - first < MAX_RUN && !this.works(first - 1)) first--;
    let last = day;
    while (last - day < MAX_RUN && !this.works(last + 1)) last++;
    let holiday = false;
    for (let d = first; d <= last && !holiday; d++) holiday = isHolidayDate(this.working, d);
    if (!holiday) return undefined;
    const length = last - first + 1;
    const position: RunPosition = length > 1 && day === first ? 'first' : length > 1 && day === last ? 'last' : 'middle';
    const festivals = new Set<string>();
    for (let d = first; d <= last; d++) {
      const festival = this.working.provisional.get(d);
      if (festival) festivals.add(festival);
    }
    let season: HolidaySeason;
    if (festivals.size > 0) {
      // A provisional break is as long as the statutory days and the weekend allow (春节 4–5
      // days, 国庆 3–5), so it is told by its festival rather than by its length.
      season = festivals.has('spring_festival') ? 'spring_festival' : festivals.has('national_day') || festivals.has('labour_day') ? 'golden_week' : 'short_break';
    } else {
      // A long break starting in January or February is 春节 (元旦 breaks are short).
      const month = new Date(first * DAY).getUTCMonth() + 1;
      season = length < LONG_RUN ? 'short_break' : month <= 2 ? 'spring_festival' : 'golden_week';
    }
    return { day: day - first + 1, length, position, season, ...(festivals.size > 0 ? { provisional: true as const } : {}) };
  }
}
