import { POLICE_INCIDENT_TYPES } from '@cw/contracts';
import { locate } from './city.ts';
import { countEvents, type CountSource, type KindSource, type SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { cumulative, pick } from './poisson.ts';
import type { CalendarDay } from './calendar.ts';
import { bump, DayShape, MINUTE, within, type WeekFactors } from './rhythm.ts';

/**
 * 公共安全: 110 incidents, fire alarms and traffic accidents, per division. (Crowd alerts
 * come from the scenic-area model in tourism.ts, device alarms from devices.ts.)
 *
 * Per weight unit per day, so that Shaoyang (≈11.4 units) sees ≈300 incidents, ≈10 fire
 * alarms and ≈20 accidents a day.
 */

const POLICE_PER_UNIT = 26;
const FIRE_PER_UNIT = 0.88;
const ACCIDENTS_PER_UNIT = 1.9;
/**
 * Share of accidents that are 较大 (3–9 deaths): ≈1 in 7 000, so about one a year among
 * Shaoyang's ≈7 000 recorded accidents (estimate: Hunan records roughly ten such road
 * accidents a year over its 14 prefectures).
 */
const MAJOR_ACCIDENT_SHARE = 1 / 7000;
/** Most fire alarms are automatic systems tripping on dust, steam or faults. */
const FALSE_ALARM_SHARE = 0.8;

// 110: quiet before dawn, steady by day, peaking in the evening (disputes, drinking, fights).
const POLICE_WEEK: WeekFactors = [1.1, 0.95, 0.95, 0.95, 1, 1.05, 1.15];
/** On public holidays: crowds, drinking at family gatherings, lost children and disputes at scenic areas (estimate, a little above a Saturday). */
const POLICE_HOLIDAY = 1.25;
const POLICE_SHAPE = new DayShape((h) => 0.3 + 0.35 * within(h, 8, 24) + 0.7 * bump(h, 21, 2) + 0.25 * bump(h, 0.5, 1.2) + 0.2 * bump(h, 11, 2));
/** Incident mix (POLICE_INCIDENT_TYPES order): criminal, public_order, traffic, fire, help, dispute, other. */
const POLICE_MIX = cumulative([0.08, 0.12, 0.2, 0.02, 0.25, 0.2, 0.13]);
/** At night fights and disturbances make up more of the calls. */
const POLICE_MIX_NIGHT = cumulative([0.1, 0.22, 0.15, 0.02, 0.18, 0.25, 0.08]);

// Fires: cooking hours and heating in the evening.
const FIRE_SHAPE = new DayShape((h) => 0.5 + 0.3 * within(h, 8, 22) + 0.5 * bump(h, 12, 1.5) + 0.6 * bump(h, 18.5, 1.5));

// Accidents: commuting peaks, a long midday, late-night drink driving; rain raises them.
const ACCIDENT_WEEK: WeekFactors = [0.95, 1, 1, 1, 1, 1.05, 0.95];
/** Holidays by position in the run: the first and last days are the travel peaks on the roads (estimate). */
const ACCIDENT_HOLIDAY = { first: 1.5, middle: 1.15, last: 1.4 } as const;
const ACCIDENT_SHAPE = new DayShape((h) => 0.2 + 0.5 * within(h, 7, 22) + bump(h, 8, 1) + bump(h, 18, 1.2) + 0.3 * bump(h, 23, 1.2));

export function safetySources(ctx: SimContext): KindSource[] {
  const { city, clock, weather } = ctx;
  const slot = 10 * MINUTE;
  const src = (kind: string, key: number, perDay: (day: CalendarDay) => number, shape: DayShape, factor?: (ts: number) => number): CountSource => ({
    stream: Stream.of(ctx.seed, keyOf(kind), key),
    slotMs: slot,
    perDay,
    shape: () => shape,
    dayNoise: 0.15,
    drift: 0.2,
    ...(factor ? { factor } : {}),
  });
  const police = city.divisions.map((d) => ({ d, s: src('police.incident', d.key, (day) => POLICE_PER_UNIT * d.weight * (day.run ? POLICE_HOLIDAY : POLICE_WEEK[day.like]), POLICE_SHAPE) }));
  const fire = city.divisions.map((d) => ({ d, s: src('fire.alarm', d.key, () => FIRE_PER_UNIT * d.weight, FIRE_SHAPE) }));
  const wet = (ts: number) => 0.8 + 0.9 * weather.rain(ts);
  const accidents = city.divisions.map((d) => ({ d, s: src('traffic.accident', d.key, (day) => ACCIDENTS_PER_UNIT * d.weight * (day.run ? ACCIDENT_HOLIDAY[day.run.position] : ACCIDENT_WEEK[day.like]), ACCIDENT_SHAPE, wet) }));

  return [
    {
      kind: 'police.incident',
      emit(from, to, out) {
        for (const { d, s } of police) {
          countEvents(ctx, s, from, to, (ts, k, i) => {
            const h = clock.hour(ts);
            const mix = h >= 22 || h < 4 ? POLICE_MIX_NIGHT : POLICE_MIX;
            const type = POLICE_INCIDENT_TYPES[pick(s.stream.u3(k, i, 1), mix)]!;
            const location = locate(d, s.stream.u3(k, i, 2), s.stream.u3(k, i, 3), s.stream.u3(k, i, 4));
            out.push({ kind: 'police.incident', id: `police.incident:${d.code}:${ts}:${i}`, ts, division: d.code, type, location, values: {} });
          });
        }
      },
    },
    {
      kind: 'fire.alarm',
      emit(from, to, out) {
        for (const { d, s } of fire) {
          countEvents(ctx, s, from, to, (ts, k, i) => {
            const type = s.stream.u3(k, i, 1) < FALSE_ALARM_SHARE ? 'false_alarm' : 'confirmed';
            const location = locate(d, s.stream.u3(k, i, 2), s.stream.u3(k, i, 3), s.stream.u3(k, i, 4));
            out.push({ kind: 'fire.alarm', id: `fire.alarm:${d.code}:${ts}:${i}`, ts, division: d.code, type, location, values: {} });
          });
        }
      },
    },
    {
      kind: 'traffic.accident',
      emit(from, to, out) {
        for (const { d, s } of accidents) {
          countEvents(ctx, s, from, to, (ts, k, i) => {
            // Most recorded accidents hurt nobody or one person; deaths are rare.
            const r = s.stream.u3(k, i, 1);
            let injured = r < 0.55 ? 0 : r < 0.85 ? 1 : r < 0.95 ? 2 : 3 + Math.floor(s.stream.u3(k, i, 5) * 4);
            let deaths = s.stream.u3(k, i, 6) < 0.015 ? 1 : 0;
            // A 较大 accident (3–9 deaths, a bus or a van off the road): about once a year in the city.
            const major = s.stream.u3(k, i, 7);
            if (major < MAJOR_ACCIDENT_SHARE) {
              deaths = 3 + Math.floor((major / MAJOR_ACCIDENT_SHARE) * 4);
              injured = 6 + Math.floor(s.stream.u3(k, i, 5) * 12);
            }
            const location = locate(d, s.stream.u3(k, i, 2), s.stream.u3(k, i, 3), s.stream.u3(k, i, 4));
            out.push({ kind: 'traffic.accident', id: `traffic.accident:${d.code}:${ts}:${i}`, ts, division: d.code, location, values: { injured, deaths } });
          });
        }
      },
    },
  ];
}
