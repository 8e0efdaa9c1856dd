import { UTILITY_TYPES, type Site } from '@cw/contracts';
import { locate, type DivisionModel } from './city.ts';
import { countEvents, type KindSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { cumulative, normalQuantile, pick, poisson } from './poisson.ts';
import { bump, DAY, DayShape, expectedBetween, HOUR, MINUTE, within, type DailyRate, type WeekFactors } from './rhythm.ts';
import { reports } from './timing.ts';

/**
 * 民生服务: hospital outpatient batches and bed censuses, bus trips, and water, power and
 * gas supply faults.
 */

/** Outpatient visits on a working day at a hospital in an urban district / a county (≈30 000 a day in Shaoyang). */
const OUTPATIENT_URBAN = 2600;
const OUTPATIENT_COUNTY = 1500;
/** Beds per hospital of average size. */
const BEDS_URBAN = 1300;
const BEDS_COUNTY = 700;
/** Supply faults per weight unit per day (≈15 a day in Shaoyang). */
const FAULTS_PER_UNIT = 1.25;

/** HIS batch interval: outpatient registrations are uploaded every 10 minutes. */
const OUTPATIENT_INTERVAL = 10 * MINUTE;
const BEDS_INTERVAL = 30 * MINUTE;

// Outpatients: mornings above all, a shorter afternoon clinic, a trickle of emergencies.
const OUTPATIENT_WEEK: WeekFactors = [0.5, 1.15, 1.05, 1, 1, 0.95, 0.6];
const OUTPATIENT_SHAPE = new DayShape(
  (h) => 0.03 + within(h, 7.5, 11.8) * (0.5 + 0.6 * bump(h, 9.3, 1.2)) + within(h, 14, 17.5) * (0.45 + 0.15 * bump(h, 15, 1)) + 0.1 * within(h, 18, 21),
);
/** Admissions early in the week, discharges before the weekend: occupancy shifts, Sunday first. */
const BEDS_WEEK = [-0.03, 0.01, 0.03, 0.03, 0.01, -0.01, -0.03] as const;

// Buses: 06:00–21:00 departures, commuter peaks.
const BUS_WEEK: WeekFactors = [0.8, 1, 1, 1, 1, 1.05, 0.85];
const FIRST_DEPARTURE = 6 * 60;
const LAST_DEPARTURE = 21 * 60;

// Faults: daytime works damage pipes and cables; power peaks with the evening load.
const FAULT_SHAPE = new DayShape((h) => 0.4 + 0.6 * within(h, 8, 20) + 0.3 * bump(h, 19, 1.5));
const FAULT_MIX = cumulative([0.4, 0.45, 0.15]); // water, power, gas (UTILITY_TYPES order)
/** Median households cut off by one fault, by type. */
const FAULT_HOUSEHOLDS = { water: 250, power: 150, gas: 40 } as const;

interface Hospital {
  site: Site;
  division: DivisionModel;
  /** Outpatient batch draws, and the two drifts of bed occupancy. */
  visits: Stream;
  bedsSlow: Stream;
  bedsFast: Stream;
  size: number;
  phase: number;
  rate: DailyRate;
}

export function livelihoodSources(ctx: SimContext): KindSource[] {
  const { city, clock, seed } = ctx;
  const hospitals: Hospital[] = city.sites.hospital.map((site) => {
    const division = city.division.get(site.division)!;
    const stream = Stream.of(seed, keyOf('health'), keyOf(site.id));
    const size = 0.7 + 0.6 * stream.u1(-1);
    const perDay = size * (division.urban ? OUTPATIENT_URBAN : OUTPATIENT_COUNTY);
    return {
      site,
      division,
      visits: stream.child(1),
      bedsSlow: stream.child(2),
      bedsFast: stream.child(3),
      size,
      phase: Math.floor(stream.u1(-2) * OUTPATIENT_INTERVAL / 1000) * 1000,
      rate: { perDay: (day) => perDay * OUTPATIENT_WEEK[ctx.calendar.day(day).like] * (0.92 + 0.16 * stream.u2(day, -3)), shape: () => OUTPATIENT_SHAPE },
    };
  });

  const routes = city.routes.map((r) => {
    const division = city.division.get(r.division)!;
    const s = Stream.of(seed, keyOf('transit'), keyOf(r.id));
    return {
      ...r,
      s,
      headway: (division.urban ? 8 + Math.floor(s.u1(-1) * 5) : 10 + Math.floor(s.u1(-1) * 6)) * MINUTE,
      offset: Math.floor(s.u1(-2) * 10) * MINUTE,
      duration: (30 + Math.floor(s.u1(-3) * 30)) * MINUTE,
      base: (division.urban ? 34 : 26) * (0.8 + 0.4 * s.u1(-4)),
    };
  });

  const faults = city.divisions.map((d) => ({
    d,
    s: {
      stream: Stream.of(seed, keyOf('utility.fault'), d.key),
      slotMs: 10 * MINUTE,
      perDay: () => FAULTS_PER_UNIT * d.weight,
      shape: () => FAULT_SHAPE,
      dayNoise: 0.2,
      factor: (ts: number) => 0.75 + 1.2 * ctx.weather.rain(ts),
    },
  }));

  return [
    {
      kind: 'health.outpatient',
      emit(from, to, out) {
        for (const h of hospitals) {
          // Each 10-minute batch is a Poisson draw; a coarse report sums the batches it stands for.
          const batch = (ts: number) => poisson(h.visits.u1(Math.round((ts - h.phase) / OUTPATIENT_INTERVAL)), expectedBetween(clock, h.rate, ts - OUTPATIENT_INTERVAL, ts));
          reports(from, to, OUTPATIENT_INTERVAL, h.phase, ctx.coarse ? HOUR : 0, (ts, prev) => {
            let visits = 0;
            if (ctx.coarse) reports(prev, ts, OUTPATIENT_INTERVAL, h.phase, 0, (t) => (visits += batch(t)));
            else visits = batch(ts);
            out.push({ kind: 'health.outpatient', id: `health.outpatient:${h.site.id}:${ts}${ctx.coarse ? ':h' : ''}`, ts, division: h.division.code, site: h.site.id, values: { visits } });
          });
        }
      },
    },
    {
      kind: 'health.beds',
      emit(from, to, out) {
        for (const h of hospitals) {
          const total = Math.round(h.size * (h.division.urban ? BEDS_URBAN : BEDS_COUNTY));
          reports(from, to, BEDS_INTERVAL, h.phase, 0, (ts) => {
            const like = ctx.calendar.day(clock.day(ts)).like;
            const hour = clock.hour(ts);
            // Discharges late morning, admissions through the afternoon; slow drift over days.
            const occupancy =
              0.86 + 0.045 * h.bedsSlow.smooth(ts, 3 * DAY) + BEDS_WEEK[like] - 0.015 * bump(hour, 12, 1.5) + 0.01 * bump(hour, 18, 2) + 0.008 * h.bedsFast.smooth(ts, 2 * HOUR);
            const occupied = Math.round(total * Math.min(0.97, Math.max(0.72, occupancy)));
            out.push({ kind: 'health.beds', id: `health.beds:${h.site.id}:${ts}`, ts, division: h.division.code, site: h.site.id, values: { occupied, total } });
          });
        }
      },
    },
    {
      kind: 'transit.trip',
      emit(from, to, out) {
        for (const r of routes) {
          // A trip is reported by the fare system when it ends: departure + running time.
          const lastDay = clock.day(to - r.duration);
          for (let day = clock.day(from - r.duration); day <= lastDay; day++) {
            const like = ctx.calendar.day(day).like;
            const first = clock.dayStart(day) + FIRST_DEPARTURE * MINUTE + r.offset;
            const trips = Math.floor((LAST_DEPARTURE * MINUTE - FIRST_DEPARTURE * MINUTE - r.offset) / r.headway) + 1;
            const j0 = Math.max(0, Math.floor((from - r.duration - first) / r.headway));
            const j1 = Math.min(trips - 1, Math.floor((to - r.duration - first) / r.headway));
            for (let j = j0; j <= j1; j++) {
              const departure = first + j * r.headway;
              const ts = departure + r.duration;
              if (ts <= from || ts > to) continue;
              const h = clock.hour(departure);
              const rush = 0.6 + 0.9 * bump(h, 7.6, 0.8) + 0.8 * bump(h, 17.6, 1) + 0.2 * bump(h, 12, 1.5);
              const mean = r.base * rush * BUS_WEEK[like] * (1 + 0.15 * r.s.smooth(departure, 3 * HOUR));
              out.push({ kind: 'transit.trip', id: `transit.trip:${r.id}:${ts}`, ts, division: r.division, route: r.id, values: { boardings: poisson(r.s.u2(day, j), mean) } });
            }
          }
        }
      },
    },
    {
      kind: 'utility.fault',
      emit(from, to, out) {
        for (const { d, s } of faults) {
          countEvents(ctx, s, from, to, (ts, k, i) => {
            const type = UTILITY_TYPES[pick(s.stream.u3(k, i, 1), FAULT_MIX)]!;
            const z = Math.max(-2.5, Math.min(2.5, normalQuantile(s.stream.u3(k, i, 2))));
            const households = Math.round(FAULT_HOUSEHOLDS[type] * Math.exp(z));
            const location = locate(d, s.stream.u3(k, i, 3), s.stream.u3(k, i, 4), s.stream.u3(k, i, 5));
            out.push({ kind: 'utility.fault', id: `utility.fault:${d.code}:${ts}:${i}`, ts, division: d.code, type, location, values: { households } });
          });
        }
      },
    },
  ];
}
