import { VISITOR_ORIGINS, type Site } from '@cw/contracts';
import type { CalendarDay } from './calendar.ts';
import type { KindSource, SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { normalCdf } from './poisson.ts';
import { HOUR, MINUTE, smoothstep, type Dow } from './rhythm.ts';
import { poissonSlots, reports } from './timing.ts';

/**
 * 全域旅游: scenic-area gate counts by visitor origin, crowd alerts at busy scenic areas,
 * and hotel room censuses.
 *
 * Visitors are modelled per scenic area, origin and local day as cumulative curves: the
 * day's arrivals V enter along a normal curve centred mid-morning, and each leaves after a
 * typical stay D, so exits are the entry curve shifted by D. Gate batches are differences
 * of the rounded curves, so exits never exceed entries, the day's entries and exits are
 * equal, and the number inside (entries − exits so far today) peaks around midday and is
 * back to zero well before midnight — whatever the report interval.
 */

const GATE_INTERVAL = 5 * MINUTE;
const HOTEL_INTERVAL = HOUR;

/** Peak share of capacity inside at once on a typical day, Sunday first: weekends are busy. */
const PEAK_OCCUPANCY = [0.16, 0.05, 0.045, 0.045, 0.05, 0.07, 0.2] as const;
/**
 * Holidays as multiples of an ordinary Saturday's peak occupancy (estimates; see the
 * profile's README). Golden weeks (国庆, 劳动节) peak on days 2–4 at 4×: the first day is
 * partly spent on the road, the last on the way home. 春节 starts with the reunion days at
 * home (除夕, 初一) and fills the scenic areas from 初二, less than 国庆. A 小长假 is a busy
 * weekend.
 */
const HOLIDAY_VISITORS = {
  golden_week: (day: number, last: boolean) => (last ? 1.2 : day === 1 ? 3 : day <= 4 ? 4 : 2.5),
  spring_festival: (day: number, last: boolean) => (last ? 1 : day <= 3 ? 0.5 : 2.5),
  short_break: (_day: number, last: boolean) => (last ? 1.2 : 2),
} as const;
/**
 * Expected peak occupancy is capped below capacity: a scenic area must not admit more than
 * its approved maximum (旅游法 art. 45) and stops selling tickets as it fills; the cap leaves
 * room for the day's noise, so those inside never exceed capacity.
 */
const PEAK_OCCUPANCY_CAP = 0.8;
/** Nightly hotel occupancy by the night's weekday (Sunday night first): business vs tourist towns. */
const HOTEL_NIGHTS = [0.5, 0.62, 0.66, 0.66, 0.62, 0.78, 0.84] as const;
const RESORT_NIGHTS = [0.45, 0.45, 0.48, 0.48, 0.55, 0.86, 0.92] as const;

/** Expected peak occupancy of a day, before noise, weather and the cap. */
function typicalOccupancy(day: CalendarDay): number {
  return day.run ? PEAK_OCCUPANCY[6] * HOLIDAY_VISITORS[day.run.season](day.run.day, day.run.position === 'last') : PEAK_OCCUPANCY[day.like];
}

/** Which ordinary night a night is like: nights inside a holiday fill like Saturday's, the last one empties like Sunday's. */
function nightLike(day: CalendarDay): Dow {
  if (!day.run) return day.like;
  return day.run.position === 'last' ? 0 : 6;
}

interface Scenic {
  site: Site;
  capacity: number;
  s: Stream;
  /** Typical stay, hours. */
  stay: number;
  /** Spread of arrival times, hours. */
  sigma: number;
  shares: number[];
  /** Per origin, entry and exit: the noise that bunches arrivals and departures. */
  bunching: [Stream, Stream][];
  phase: number;
}

export function tourismSources(ctx: SimContext): KindSource[] {
  const { city, clock, calendar, weather, seed } = ctx;
  const scenic: Scenic[] = city.sites.scenic.map((site) => {
    const s = Stream.of(seed, keyOf('scenic'), keyOf(site.id));
    const capacity = site.capacity ?? 5000;
    const local = 0.3 + 0.15 * s.u1(-1);
    const province = 0.3 + 0.1 * s.u1(-2);
    const overseas = 0.01 + 0.03 * s.u1(-3);
    return {
      site,
      capacity,
      s,
      // Big mountain areas keep visitors most of the day; small sites for a couple of hours.
      stay: 2.5 + 2.5 * Math.min(1, capacity / 40_000),
      sigma: 1.5 + 0.3 * s.u1(-4),
      shares: [local, province, 1 - local - province - overseas, overseas],
      bunching: VISITOR_ORIGINS.map((_, o) => [s.child(o, 0), s.child(o, 1)] as [Stream, Stream]),
      phase: Math.floor(s.u1(-5) * (GATE_INTERVAL / 1000)) * 1000,
    };
  });

  /** Visitors expected on local day `day` (all origins). */
  const dayVisitors = (a: Scenic, day: number) => {
    const noon = clock.dayStart(day) + 12 * HOUR;
    const peakFraction = 2 * normalCdf(a.stay / (2 * a.sigma)) - 1;
    const occupancy = typicalOccupancy(calendar.day(day)) * (0.75 + 0.5 * a.s.u2(day, -1)) * (1 - 0.45 * weather.rain(noon));
    return (a.capacity * Math.min(PEAK_OCCUPANCY_CAP, occupancy)) / peakFraction;
  };
  /** Rounded cumulative entries (or exits) of one origin since local midnight of `day`, at instant t (may be the next midnight). */
  const cumulative = (a: Scenic, o: number, day: number, t: number, exits: boolean) => {
    const v = dayVisitors(a, day) * a.shares[o]! * (0.9 + 0.2 * a.s.u3(day, o, -2));
    const mu = 10 + 0.6 * (a.s.u2(day, -3) - 0.5);
    const h = (t - clock.dayStart(day)) / HOUR;
    // Arrivals bunch and thin out a little around the smooth curve (|d shift/dt| < 1, so still monotone).
    const shift = 0.1 * a.bunching[o]![exits ? 1 : 0].smooth(t, 30 * MINUTE);
    return Math.round(v * normalCdf((h + shift - (exits ? a.stay : 0) - mu) / a.sigma));
  };
  /** Entries (or exits) of one origin in (from, to]. */
  const between = (a: Scenic, o: number, from: number, to: number, exits: boolean) => {
    let total = 0;
    let t = from;
    while (t < to) {
      const day = clock.day(t);
      const end = Math.min(to, clock.dayStart(day + 1));
      total += cumulative(a, o, day, end, exits) - cumulative(a, o, day, t, exits);
      t = end;
    }
    return total;
  };
  const inside = (a: Scenic, t: number) => {
    const day = clock.day(t);
    let n = 0;
    for (let o = 0; o < VISITOR_ORIGINS.length; o++) n += cumulative(a, o, day, t, false) - cumulative(a, o, day, t, true);
    return n;
  };

  const hotels = city.sites.hotel.map((site) => {
    const s = Stream.of(seed, keyOf('hotel'), keyOf(site.id));
    const urban = city.division.get(site.division)!.urban;
    return {
      site,
      s,
      rooms: Math.round(urban ? 150 + 170 * s.u1(-1) : 60 + 120 * s.u1(-1)),
      nights: city.touristDivisions.has(site.division) ? RESORT_NIGHTS : HOTEL_NIGHTS,
      tourist: city.touristDivisions.has(site.division),
      phase: Math.floor(s.u1(-2) * 300) * 1000,
    };
  });

  return [
    {
      kind: 'tourism.gate',
      emit(from, to, out) {
        for (const a of scenic) {
          reports(from, to, GATE_INTERVAL, a.phase, ctx.coarse ? HOUR : 0, (ts, prev) => {
            for (let o = 0; o < VISITOR_ORIGINS.length; o++) {
              const type = VISITOR_ORIGINS[o]!;
              const entries = between(a, o, prev, ts, false);
              const exits = between(a, o, prev, ts, true);
              const id = `tourism.gate:${a.site.id}:${type}:${ts}${ctx.coarse ? ':h' : ''}`;
              out.push({ kind: 'tourism.gate', id, ts, division: a.site.division, site: a.site.id, type, values: { entries, exits } });
            }
          });
        }
      },
    },
    {
      kind: 'crowd.alert',
      emit(from, to, out) {
        for (const a of scenic) {
          const s = a.s.child(keyOf('crowd.alert'));
          // Hot spots (viewpoints, gates, plank roads) crowd once the area is past ~10 % of capacity.
          const expected = (t0: number, t1: number) => {
            const ratio = inside(a, (t0 + t1) / 2) / a.capacity;
            return ratio > 0.1 ? 0.07 * ((ratio - 0.1) / 0.1) : 0;
          };
          poissonSlots(from, to, 10 * MINUTE, s, expected, (ts, k, i) => {
            const ratio = inside(a, ts) / a.capacity;
            const density = Math.round(Math.min(20, 1.2 + 16 * ratio + 1.5 * s.u3(k, i, 1)) * 10) / 10;
            out.push({ kind: 'crowd.alert', id: `crowd.alert:${a.site.id}:${ts}:${i}`, ts, division: a.site.division, site: a.site.id, values: { density } });
          });
        }
      },
    },
    {
      kind: 'tourism.hotel',
      emit(from, to, out) {
        for (const h of hotels) {
          /** Occupancy of the night starting on local day `day`. */
          const night = (day: number) => {
            const wet = h.tourist ? 1 - 0.2 * weather.rain(clock.dayStart(day) + 15 * HOUR) : 1;
            return Math.min(0.98, Math.max(0.15, h.nights[nightLike(calendar.day(day))] * wet * (0.92 + 0.16 * h.s.u2(day, -3))));
          };
          reports(from, to, HOTEL_INTERVAL, h.phase, 0, (ts) => {
            const day = clock.day(ts);
            const hour = clock.hour(ts);
            const last = night(day - 1);
            // Check-out by noon (a third stay on), check-in through the afternoon and evening.
            const midday = 0.3 * last + 0.1 * night(day);
            const occ = hour < 13 ? last + (midday - last) * smoothstep(hour, 10.5, 13) : midday + (night(day) - midday) * smoothstep(hour, 14, 22);
            const occupied = Math.min(h.rooms, Math.round(h.rooms * occ * (1 + 0.02 * h.s.smooth(ts, 3 * HOUR))));
            out.push({ kind: 'tourism.hotel', id: `tourism.hotel:${h.site.id}:${ts}`, ts, division: h.site.division, site: h.site.id, values: { occupied, rooms: h.rooms } });
          });
        }
      },
    },
  ];
}
