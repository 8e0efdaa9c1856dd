import { Stream } from './noise.ts';

/**
 * Local time and daily rhythms. Every rate in the simulator is "so many per day" times a
 * day shape (when in the day those happen), so daily totals are set in one place and the
 * shape only moves them around the clock.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const MINUTES_PER_DAY = 1440;

/** Day of week, 0 = Sunday … 6 = Saturday (as Date#getDay). */
export type Dow = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Local civil time for a fixed UTC offset (the supported zones have no DST). */
export class LocalClock {
  readonly offsetMs: number;

  constructor(utcOffsetMinutes: number) {
    this.offsetMs = utcOffsetMinutes * MINUTE;
  }

  /** Local day number (days since 1970-01-01 local). */
  day(ts: number): number {
    return Math.floor((ts + this.offsetMs) / DAY);
  }

  /** UTC instant of local midnight starting `day`. */
  dayStart(day: number): number {
    return day * DAY - this.offsetMs;
  }

  /** Minutes since local midnight, fractional. */
  minuteOfDay(ts: number): number {
    const local = ts + this.offsetMs;
    return (local - Math.floor(local / DAY) * DAY) / MINUTE;
  }

  hour(ts: number): number {
    return this.minuteOfDay(ts) / 60;
  }

  /** 1970-01-01 was a Thursday. */
  dow(day: number): Dow {
    return ((((day + 4) % 7) + 7) % 7) as Dow;
  }
}

/** Gaussian bump centred on `centre` hours, `width` hours wide (1 σ). */
export function bump(hour: number, centre: number, width: number): number {
  const z = (hour - centre) / width;
  return Math.exp(-0.5 * z * z);
}

/** 1 inside [start, end) hours, 0 outside. */
export function within(hour: number, start: number, end: number): number {
  return hour >= start && hour < end ? 1 : 0;
}

/** Smooth 0 → 1 between `a` and `b`. */
export function smoothstep(x: number, a: number, b: number): number {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
}

/**
 * A day shape: how a daily total spreads over the 24 local hours, sampled per minute and
 * normalised so the whole day sums to 1. Lookups are table reads, which keeps the
 * per-slot cost of a rate tiny.
 */
export class DayShape {
  private readonly cum = new Float64Array(MINUTES_PER_DAY + 1);
  private readonly rel = new Float64Array(MINUTES_PER_DAY);
  /** Highest minute density relative to the day's mean minute. */
  readonly peak: number;

  constructor(fn: (hour: number) => number) {
    const raw = new Float64Array(MINUTES_PER_DAY);
    let sum = 0;
    for (let m = 0; m < MINUTES_PER_DAY; m++) {
      raw[m] = Math.max(0, fn((m + 0.5) / 60));
      sum += raw[m]!;
    }
    if (!(sum > 0)) throw new Error('day shape is zero all day');
    let peak = 0;
    for (let m = 0; m < MINUTES_PER_DAY; m++) {
      this.cum[m + 1] = this.cum[m]! + raw[m]! / sum;
      this.rel[m] = (raw[m]! / sum) * MINUTES_PER_DAY;
      peak = Math.max(peak, this.rel[m]!);
    }
    this.cum[MINUTES_PER_DAY] = 1;
    this.peak = peak;
  }

  /** Share of the day's total between local minutes a < b (0 ≤ a, b ≤ 1440). */
  between(a: number, b: number): number {
    return this.cumAt(b) - this.cumAt(a);
  }

  /** Density at a local minute relative to the day's mean (0 = nothing happens then). */
  density(minute: number): number {
    return this.rel[Math.min(MINUTES_PER_DAY - 1, Math.max(0, Math.floor(minute)))]!;
  }

  /** Density relative to the peak, 0…1: how busy this minute is. */
  load(minute: number): number {
    return this.density(minute) / this.peak;
  }

  private cumAt(m: number): number {
    if (m <= 0) return 0;
    if (m >= MINUTES_PER_DAY) return 1;
    const i = Math.floor(m);
    const lo = this.cum[i]!;
    return lo + (this.cum[i + 1]! - lo) * (m - i);
  }
}

/** A rate given as a daily total spread by a day shape, both by local day. */
export interface DailyRate {
  perDay(day: number): number;
  shape(day: number): DayShape;
}

/** Expected number of events in (a, b], splitting at local midnights. */
export function expectedBetween(clock: LocalClock, rate: DailyRate, a: number, b: number): number {
  let total = 0;
  let t = a;
  while (t < b) {
    const day = clock.day(t);
    const start = clock.dayStart(day);
    const end = Math.min(b, start + DAY);
    const perDay = rate.perDay(day);
    if (perDay > 0) total += perDay * rate.shape(day).between((t - start) / MINUTE, (end - start) / MINUTE);
    t = end;
  }
  return total;
}

/** Multipliers by day of week, Sunday first. */
export type WeekFactors = readonly [number, number, number, number, number, number, number];

const YEAR = 365.2425 * DAY;

/**
 * A seasonal curve: 12 mid-month values, January first, interpolated linearly through the
 * year. The year is taken as 365.2425 days from 1970, which is within a day of the calendar:
 * plenty for seasons, and pure arithmetic on the hot path.
 */
export function seasonal(table: readonly number[], ts: number): number {
  const x = (((ts / YEAR) % 1) + 1) % 1 * 12 - 0.5;
  const i = Math.floor(x);
  const a = table[(i + 12) % 12]!;
  const b = table[(i + 13) % 12]!;
  return a + (b - a) * (x - i);
}

/**
 * How wet each month is, 0…1, January first: Hunan's rainy season runs April–July, with the
 * 梅雨 peak in May and June; winter is driest (shape of the monthly rainfall of a central Hunan
 * city; estimate, see the profile README).
 */
const WETNESS = [0.35, 0.45, 0.6, 0.8, 1, 1, 0.75, 0.6, 0.45, 0.4, 0.4, 0.3];

/**
 * City-wide weather: rain, 0 (dry) … 1 (heavy), drifting over hours to days, more often in
 * the rainy season. Wet spells raise accidents, supply faults and water-level alarms (flood
 * risk) and keep tourists away.
 */
export class Weather {
  private readonly slow: Stream;
  private readonly fast: Stream;

  constructor(seed: number) {
    this.slow = Stream.of(seed, 0x5a17, 1);
    this.fast = Stream.of(seed, 0x5a17, 2);
  }

  rain(ts: number): number {
    const n = 0.7 * this.slow.smooth(ts, 14 * HOUR) + 0.3 * this.fast.smooth(ts, 3 * HOUR);
    // The wettest months rain past the 0.25 mark; the driest need a stronger spell (0.46).
    const threshold = 0.55 - 0.3 * seasonal(WETNESS, ts);
    return Math.min(1, Math.max(0, (n - threshold) / 0.5));
  }
}
