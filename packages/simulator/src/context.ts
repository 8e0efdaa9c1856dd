import type { CityProfile, RawEvent, RawEventKind } from '@cw/contracts';
import type { CalendarDay, SimCalendar } from './calendar.ts';
import type { CityModel } from './city.ts';
import type { Stream } from './noise.ts';
import { expectedBetween, HOUR, type DailyRate, type DayShape, type LocalClock, type Weather } from './rhythm.ts';
import { poissonSlots } from './timing.ts';

/** What every domain model gets: the city, its clock, calendar and weather, and the options. */
export interface SimContext {
  profile: CityProfile;
  seed: number;
  city: CityModel;
  clock: LocalClock;
  calendar: SimCalendar;
  weather: Weather;
  /** Report batch and gauge sources less often (see SimulatorOptions.detail). */
  coarse: boolean;
  /** Multiplier on the rates of counted events. */
  scale: number;
}

/** A generator of one event kind: appends its events in (from, to] to `out`, unsorted. */
export interface KindSource {
  kind: RawEventKind;
  emit(from: number, to: number, out: RawEvent[]): void;
}

/** A source of counted events: a daily total spread by a day shape, with day-to-day noise. */
export interface CountSource {
  /** Keyed per kind and source; slot draws and event attributes come from it. */
  stream: Stream;
  slotMs: number;
  /** Expected events on a typical day of this kind (before noise and scale). */
  perDay(day: CalendarDay): number;
  shape(day: CalendarDay): DayShape;
  /** Day-to-day spread, ± this fraction. */
  dayNoise?: number;
  /** Drift within the day, ± this fraction, over a couple of hours. */
  drift?: number;
  /** Extra multiplier by instant (e.g. weather), evaluated at slot midpoints. */
  factor?: (ts: number) => number;
  /** Drop events that land where the day shape is zero (a closed hall), whatever the slot alignment. */
  strictHours?: boolean;
}

/**
 * Emits the counted events of one source in (from, to]: Poisson counts per slot whose mean
 * follows the source's daily total and rhythm. `emit(ts, slot, i)` builds the event; its
 * attributes should come from `source.stream.u3(slot, i, n)`.
 */
export function countEvents(ctx: SimContext, source: CountSource, from: number, to: number, emit: (ts: number, slot: number, i: number) => void): void {
  const dayNoise = source.dayNoise ?? 0.1;
  const drift = source.drift ?? 0.15;
  const rate: DailyRate = {
    perDay: (day) => {
      const base = source.perDay(ctx.calendar.day(day));
      return base > 0 ? base * ctx.scale * (1 - dayNoise + 2 * dayNoise * source.stream.u2(day, -7)) : 0;
    },
    shape: (day) => source.shape(ctx.calendar.day(day)),
  };
  const expected = (a: number, b: number) => {
    const e = expectedBetween(ctx.clock, rate, a, b);
    if (!(e > 0)) return 0;
    const mid = (a + b) / 2;
    return e * (1 + drift * source.stream.smooth(mid, 2 * HOUR)) * (source.factor ? source.factor(mid) : 1);
  };
  const keep = source.strictHours
    ? (ts: number, slot: number, i: number) => {
        if (source.shape(ctx.calendar.day(ctx.clock.day(ts - 1))).density(ctx.clock.minuteOfDay(ts - 1)) > 0) emit(ts, slot, i);
      }
    : emit;
  poissonSlots(from, to, source.slotMs, source.stream, expected, keep);
}
