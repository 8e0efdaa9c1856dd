import type { Site } from '@cw/contracts';
import { round, type DivisionModel } from './city.ts';
import { countEvents, type CountSource, type KindSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import type { CalendarDay } from './calendar.ts';
import { bump, DayShape, HOUR, MINUTE, smoothstep, within, type WeekFactors } from './rhythm.ts';
import { localPhase, reports } from './timing.ts';

/**
 * 政务服务: applications received and completed (at halls and online), 好差评 ratings, hall
 * queues, and the 12345 hotline.
 *
 * Daily totals are per activity-weight unit (see city.ts); Shaoyang's twelve divisions sum
 * to about 11.4 units, which gives ≈2500 applications on a working day (60 % online),
 * about as many completions, ≈1500 ratings and ≈2000 hotline calls.
 */

/** Online applications per weight unit on a working day (≈1500 city-wide in Shaoyang). */
const ONLINE_PER_UNIT = 132;
/** Hall applications per hall per working day, times its weight (≈1 040 over Shaoyang's 13 halls). */
const HALL_PER_UNIT = 75;
/** Share of completed applications whose applicant leaves a 好差评 rating. */
const RATING_SHARE = 0.58;
/** 12345 calls per weight unit on a working day (≈2000 city-wide). */
const HOTLINE_PER_UNIT = 175;
/** Hall queue at its busiest, in an urban hall (people waiting). */
const QUEUE_PEAK = 42;

const SLOT = 5 * MINUTE;

// Halls open on working days (调休 weekend days included, closed on public holidays) 09:00–12:00
// and 13:30–17:30; the morning is busiest, with a rush at opening. A day follows the week
// factors of the weekday it behaves like (CalendarDay.like).
const HALL_WEEK: WeekFactors = [0, 1.15, 1, 1, 1, 0.9, 0];
const HALL_SHAPE = new DayShape((h) =>
  within(h, 9, 12) * (0.6 + 0.5 * bump(h, 10.3, 0.8) + 0.25 * bump(h, 9.1, 0.25)) + within(h, 13.5, 17.5) * (0.5 + 0.3 * bump(h, 15.2, 0.9)),
);
/**
 * People waiting, relative to the hall's busiest moment: a crowd at opening, building to a
 * peak mid-morning; a smaller afternoon wave.
 */
const QUEUE_SHAPE = (h: number) => within(h, 9, 12) * (0.3 + 0.7 * bump(h, 10.4, 0.75)) + within(h, 13.5, 17.5) * (0.2 + 0.5 * bump(h, 15.2, 0.8));
/** Opening hours as [open, close] local minutes, for queue readings when the profile gives none. */
const HALL_SESSIONS: readonly [number, number][] = [
  [9 * 60, 12 * 60],
  [13.5 * 60, 17.5 * 60],
];

// Online applications: round the clock, mostly office hours, a smaller evening bump; quieter at weekends.
const ONLINE_WEEK: WeekFactors = [0.3, 1.08, 1, 1, 1, 0.95, 0.35];
/** On public holidays, half a Sunday: people are away or with family (estimate). */
const ONLINE_HOLIDAY = 0.15;
const ONLINE_SHAPE = new DayShape((h) => 0.05 + 0.95 * bump(h, 10, 1.5) + 0.8 * bump(h, 15.3, 1.6) + 0.45 * bump(h, 20.8, 1.3));

// Back-office completion of online applications: working hours, a trickle of automatic
// approvals otherwise; weekly totals balance the week's online receipts.
const BACKOFFICE_WEEK: WeekFactors = [0.1, 1.1, 1.1, 1.1, 1.1, 1.1, 0.1];
const BACKOFFICE_SHAPE = new DayShape((h) => 0.02 + within(h, 8.5, 12) * (0.8 + 0.3 * bump(h, 10.5, 1)) + within(h, 13.5, 18) * (0.8 + 0.4 * bump(h, 16.5, 0.8)));

// 12345: busiest 09–11 and 14–17, staffed around the clock.
const HOTLINE_WEEK: WeekFactors = [0.75, 1.05, 1, 1, 1, 1, 0.8];
const HOTLINE_SHAPE = new DayShape((h) => 0.04 + 0.12 * within(h, 7, 23) + bump(h, 10, 1.1) + 0.9 * bump(h, 15.5, 1.3) + 0.35 * bump(h, 20.3, 1.4));

/** Time limits (hours) of application types, with their shares: 即办件 and 承诺件 of 3, 5 and 10 days. */
const LIMITS = [
  { hours: 1, share: 0.55 },
  { hours: 72, share: 0.2 },
  { hours: 120, share: 0.17 },
  { hours: 240, share: 0.08 },
];

/**
 * A municipal hall (servesCity) weighs this share of the urban districts together: city-level
 * items (市本级) for the city's residents (estimate, so that it is the busiest urban hall).
 */
const MUNICIPAL_HALL_SHARE = 0.7;
/** The municipal online channel: smaller, many city-level items go through the provincial platform (estimate). */
const MUNICIPAL_ONLINE_SHARE = 0.3;

interface Channel {
  /** Source key for ids: a hall's site id or `<division>/online`. */
  src: string;
  division: DivisionModel;
  site?: Site;
  /** Activity weight: the division's, or the urban districts' for a municipal hall (servesCity). */
  weight: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function governmentSources(ctx: SimContext): KindSource[] {
  const { city } = ctx;
  const seed = ctx.seed;
  const halls: Channel[] = city.sites.hall.map((site) => {
    const division = city.division.get(site.division)!;
    return { src: site.id, division, site, weight: site.servesCity ? MUNICIPAL_HALL_SHARE * city.urbanWeight : division.weight };
  });
  const online: Channel[] = city.divisions.map((division) => ({ src: `${division.code}/online`, division, weight: division.weight }));
  // The municipal level (市本级) has its own online channel beside its hall: the city bureaus'
  // 一网通办 applications, counted where the municipal hall stands.
  for (const hall of halls) if (hall.site?.servesCity) online.push({ src: `${hall.src}/online`, division: hall.division, weight: MUNICIPAL_ONLINE_SHARE * city.urbanWeight });
  const both = [...halls, ...online];

  // Per-division service quality: a few divisions run a little behind the others.
  const quality = new Map(city.divisions.map((d) => [d.code, Stream.of(seed, 0x90c, d.key).u1(0)]));
  const onTimeRate = (c: Channel) => 0.975 + 0.02 * quality.get(c.division.code)!;
  const goodRate = (c: Channel) => 0.982 + 0.015 * quality.get(c.division.code)!;

  const source = (kind: string, c: Channel, perDay: (day: CalendarDay) => number, shape: DayShape): CountSource => ({
    stream: Stream.of(seed, keyOf(kind), keyOf(c.src)),
    slotMs: SLOT,
    perDay,
    shape: () => shape,
    strictHours: c.site !== undefined,
  });
  const hallDay = (c: Channel) => (day: CalendarDay) => HALL_PER_UNIT * c.weight * HALL_WEEK[day.like];
  const onlineDay = (c: Channel) => (day: CalendarDay) => ONLINE_PER_UNIT * c.weight * (day.kind === 'holiday' ? ONLINE_HOLIDAY : ONLINE_WEEK[day.like]);
  const completedDay = (c: Channel) => (day: CalendarDay) => ONLINE_PER_UNIT * c.weight * BACKOFFICE_WEEK[day.like];

  const received = both.map((c) => ({ c, s: source('gov.received', c, c.site ? hallDay(c) : onlineDay(c), c.site ? HALL_SHAPE : ONLINE_SHAPE) }));
  const completed = both.map((c) => ({ c, s: source('gov.completed', c, c.site ? hallDay(c) : completedDay(c), c.site ? HALL_SHAPE : BACKOFFICE_SHAPE) }));
  const rated = both.map((c) => {
    const perDay = c.site ? hallDay(c) : completedDay(c);
    return { c, s: source('gov.rating', c, (day) => RATING_SHARE * perDay(day), c.site ? HALL_SHAPE : ONLINE_SHAPE) };
  });
  const hotline = city.divisions.map((division) => ({
    division,
    s: {
      stream: Stream.of(seed, keyOf('hotline.call'), division.key),
      slotMs: SLOT,
      perDay: (day: CalendarDay) => HOTLINE_PER_UNIT * division.weight * HOTLINE_WEEK[day.like],
      shape: () => HOTLINE_SHAPE,
    } satisfies CountSource,
  }));
  const hotlineLoad = Stream.of(seed, keyOf('hotline.load'));

  const site = (c: Channel) => (c.site ? { site: c.site.id } : {});
  const queueOffset = localPhase(ctx.clock.offsetMs, 2 * MINUTE);

  return [
    {
      kind: 'gov.received',
      emit(from, to, out) {
        for (const { c, s } of received) {
          const online = c.site ? 0 : 1;
          countEvents(ctx, s, from, to, (ts, _k, i) => {
            out.push({ kind: 'gov.received', id: `gov.received:${c.src}:${ts}:${i}`, ts, division: c.division.code, ...site(c), values: { online } });
          });
        }
      },
    },
    {
      kind: 'gov.completed',
      emit(from, to, out) {
        for (const { c, s } of completed) {
          const onTime = onTimeRate(c);
          countEvents(ctx, s, from, to, (ts, k, i) => {
            // Most hall applications are 即办件 done on the spot; online ones skew to 承诺件.
            let u = s.stream.u3(k, i, 1);
            if (!c.site) u = 0.35 + 0.65 * u;
            let limit = LIMITS[LIMITS.length - 1]!.hours;
            for (const l of LIMITS) {
              if (u < l.share) {
                limit = l.hours;
                break;
              }
              u -= l.share;
            }
            const late = s.stream.u3(k, i, 2) >= onTime ? 1 : 0;
            const r = s.stream.u3(k, i, 3);
            const hours = late ? limit * (1.05 + 0.6 * r) : limit * (0.08 + 0.9 * r);
            out.push({
              kind: 'gov.completed',
              id: `gov.completed:${c.src}:${ts}:${i}`,
              ts,
              division: c.division.code,
              ...site(c),
              values: { onTime: late ? 0 : 1, hours: round(hours, 2) },
            });
          });
        }
      },
    },
    {
      kind: 'gov.rating',
      emit(from, to, out) {
        for (const { c, s } of rated) {
          const good = goodRate(c);
          countEvents(ctx, s, from, to, (ts, k, i) => {
            out.push({ kind: 'gov.rating', id: `gov.rating:${c.src}:${ts}:${i}`, ts, division: c.division.code, ...site(c), values: { good: s.stream.u3(k, i, 1) < good ? 1 : 0 } });
          });
        }
      },
    },
    {
      kind: 'gov.queue',
      emit(from, to, out) {
        // Readings every 2 minutes on the local clock while a hall is open (10 minutes when
        // coarse), including the closing instant, when the last number has been called.
        const interval = ctx.coarse ? 10 * MINUTE : 2 * MINUTE;
        const phase = ctx.coarse ? localPhase(ctx.clock.offsetMs, interval) : queueOffset;
        for (const c of halls) {
          const size = c.weight / 1.4;
          // The profile's opening hours say when a hall reports (the metrics read them as "closed" outside).
          const sessions = c.site?.openingHours?.map((p) => [minutes(p.start), minutes(p.end)] as const) ?? HALL_SESSIONS;
          const wobble = Stream.of(seed, keyOf('gov.queue'), keyOf(c.src));
          reports(from, to, interval, phase, 0, (ts) => {
            const week = HALL_WEEK[ctx.calendar.day(ctx.clock.day(ts)).like];
            if (week === 0) return;
            const m = Math.round(ctx.clock.minuteOfDay(ts));
            const session = sessions.find(([open, close]) => m >= open && m <= close);
            if (!session) return;
            // No new tickets in the last quarter-hour: the queue drains to zero by closing.
            const taper = smoothstep(session[1] - m, 0, 15);
            const load = QUEUE_SHAPE(m / 60);
            const w = 1 + 0.25 * wobble.smooth(ts, 25 * MINUTE);
            const waiting = Math.min(60, Math.round(QUEUE_PEAK * size * load ** 1.3 * week * w * taper));
            const waitMin = waiting > 0 ? round(Math.min(40, 2 + waiting * (0.55 + 0.1 * wobble.smooth(ts, 40 * MINUTE))), 1) : 0;
            out.push({ kind: 'gov.queue', id: `gov.queue:${c.src}:${ts}`, ts, division: c.division.code, site: c.src, values: { waiting, waitMin } });
          });
        }
      },
    },
    {
      kind: 'hotline.call',
      emit(from, to, out) {
        for (const { division, s } of hotline) {
          countEvents(ctx, s, from, to, (ts, k, i) => {
            const like = ctx.calendar.day(ctx.clock.day(ts)).like;
            // The busier the lines, the more callers give up and the longer the wait.
            const load = HOTLINE_SHAPE.load(ctx.clock.minuteOfDay(ts)) * HOTLINE_WEEK[like] * (1 + 0.3 * hotlineLoad.smooth(ts, 2 * HOUR));
            const answered = s.stream.u3(k, i, 1) < 0.985 - 0.085 * load ? 1 : 0;
            const r = s.stream.u3(k, i, 2);
            const waitSec = answered ? Math.round(-Math.log(1 - r) * (6 + 40 * load * load)) : Math.round(20 + 100 * r);
            out.push({ kind: 'hotline.call', id: `hotline.call:${division.code}:${ts}:${i}`, ts, division: division.code, values: { answered, waitSec } });
          });
        }
      },
    },
  ];
}
