import { describe, expect, it } from 'vitest';
import { cityProfileSchema, type RawEvent, type RawEventKind, type RawEventOf } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { createSimulator } from './simulator.ts';

/**
 * Daily volumes and rhythms for Shaoyang (≈6.5 million people), computed from the raw
 * events of whole simulated local days. Bounds are the brief's orders of magnitude with
 * room for day-to-day noise and weather.
 */

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
/** Local midnights (UTC+8): Wednesday 2026-11-25, Saturday 2026-11-28, Sunday 2026-11-29. */
const WED = Date.UTC(2026, 10, 24, 16);
const SAT = Date.UTC(2026, 10, 27, 16);
const SUN = SAT + DAY;
const SEEDS = [42, 20261127];

const ofKind = <K extends RawEventKind>(events: RawEvent[], kind: K) => events.filter((e): e is RawEventOf<K> => e.kind === kind);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const localHour = (ts: number) => (((ts + 8 * HOUR) % DAY) + DAY) % DAY / HOUR;
const between = (events: RawEvent[], from: number, to: number) => events.filter((e) => e.ts > from && e.ts <= to);

const count = (profileType: string) => profile.sites.filter((s) => s.type === profileType).length;
const day = (seed: number, start: number) => createSimulator(profile, { seed, airIntervalMs: 60_000 }).eventsBetween(start, start + DAY);

describe.each(SEEDS)('a working day in Shaoyang (seed %i)', (seed) => {
  const events = day(seed, WED);

  it('has about 2500 applications, 60 % online, as many completions, mostly on time', () => {
    const received = ofKind(events, 'gov.received');
    expect(received.length).toBeGreaterThan(1800);
    expect(received.length).toBeLessThan(3300);
    const online = sum(received.map((e) => e.values.online)) / received.length;
    expect(online).toBeGreaterThan(0.5);
    expect(online).toBeLessThan(0.7);
    // Hall applications carry their hall; online ones carry none.
    for (const e of received) expect(e.site === undefined).toBe(e.values.online === 1);
    const completed = ofKind(events, 'gov.completed');
    expect(completed.length).toBeGreaterThan(1800);
    expect(completed.length).toBeLessThan(3500);
    const onTime = sum(completed.map((e) => e.values.onTime)) / completed.length;
    expect(onTime).toBeGreaterThan(0.965);
    expect(onTime).toBeLessThan(0.995);
  });

  it('spreads calls and incidents by census population: 邵东市 (1.04 million) far above 北塔区 (0.13 million)', () => {
    const byDivision = (kind: 'hotline.call' | 'police.incident', code: string) => events.filter((e) => e.kind === kind && e.division === code).length;
    // Weights by hand: 邵东 1 038 400 × 0.9 / 550 000 ≈ 1.70 units, 北塔 125 000 × 1.5 / 550 000 ≈ 0.34:
    // about 5 times as many calls (≈300 against ≈60 at 175 calls per unit).
    const calls = byDivision('hotline.call', '430582') / byDivision('hotline.call', '430511');
    expect(calls).toBeGreaterThan(3.5);
    expect(calls).toBeLessThan(7.5);
    const hotline = ofKind(events, 'hotline.call');
    const perDivision = profile.divisions.map((d) => ({ code: d.code, n: hotline.filter((e) => e.division === d.code).length })).sort((a, b) => b.n - a.n);
    // The two million-people divisions lead; the smallest district is among the last three.
    expect(perDivision.slice(0, 2).map((x) => x.code).sort()).toEqual(['430524', '430582']);
    expect(perDivision.slice(-3).map((x) => x.code)).toContain('430511');
  });

  it('puts the municipal 市民之家 ahead of the urban districts\' halls, and 北塔区 (where it stands) not first in applications', () => {
    const received = ofKind(events, 'gov.received');
    const atHall = (id: string) => received.filter((e) => e.site === id).length;
    // 0.7 × the urban districts' ≈2.2 units ≈ 1.5 units: ≈115 a working day, against ≈74 at 大祥区's hall and ≈25 at 北塔区's.
    const municipal = atHall('hall-shaoyang');
    for (const id of ['hall-430502', 'hall-430503', 'hall-430511']) expect(municipal).toBeGreaterThan(atHall(id));
    // With 市本级 (hall ≈115, online 0.3 × 2.2 units × 132 ≈ 87), 北塔区 counts ≈270 applications a working day, behind 邵东市 and 隆回县 (≈350 each).
    const byDivision = profile.divisions.map((d) => ({ code: d.code, n: received.filter((e) => e.division === d.code).length })).sort((a, b) => b.n - a.n);
    expect(byDivision[0]!.code).not.toBe('430511');
    const online = (code: string) => received.filter((e) => e.division === code && e.values.online === 1).length / received.filter((e) => e.division === code).length;
    // 网办率 of 北塔区 like a county's (its own online + 市本级 online against its two halls), not swamped by the municipal hall.
    expect(online('430511')).toBeGreaterThan(0.45);
  });

  it('has about 1500 ratings, about 99 % good', () => {
    const ratings = ofKind(events, 'gov.rating');
    expect(ratings.length).toBeGreaterThan(1000);
    expect(ratings.length).toBeLessThan(2200);
    const good = sum(ratings.map((e) => e.values.good)) / ratings.length;
    expect(good).toBeGreaterThan(0.975);
    expect(good).toBeLessThan(0.999);
  });

  it('has about 2000 hotline calls, 90–97 % answered', () => {
    const calls = ofKind(events, 'hotline.call');
    expect(calls.length).toBeGreaterThan(1500);
    expect(calls.length).toBeLessThan(2700);
    const answered = sum(calls.map((e) => e.values.answered)) / calls.length;
    expect(answered).toBeGreaterThan(0.9);
    expect(answered).toBeLessThan(0.97);
  });

  it('has about 300 police incidents, 10 fire alarms (mostly false), 20 accidents, 15 supply faults', () => {
    const police = ofKind(events, 'police.incident');
    expect(police.length).toBeGreaterThan(200);
    expect(police.length).toBeLessThan(420);
    const fire = ofKind(events, 'fire.alarm');
    expect(fire.length).toBeGreaterThan(2);
    expect(fire.length).toBeLessThan(25);
    expect(fire.filter((e) => e.type === 'false_alarm').length).toBeGreaterThanOrEqual(fire.length / 2);
    const accidents = ofKind(events, 'traffic.accident').length;
    expect(accidents).toBeGreaterThan(7);
    expect(accidents).toBeLessThan(45);
    const faults = ofKind(events, 'utility.fault').length;
    expect(faults).toBeGreaterThan(3);
    expect(faults).toBeLessThan(40);
  });

  it('has about 30 000 outpatient visits in 10-minute batches and 75–95 % bed occupancy', () => {
    const batches = ofKind(events, 'health.outpatient');
    expect(batches).toHaveLength(count('hospital') * 144);
    const visits = sum(batches.map((e) => e.values.visits));
    expect(visits).toBeGreaterThan(22_000);
    expect(visits).toBeLessThan(40_000);
    const beds = ofKind(events, 'health.beds');
    expect(beds).toHaveLength(count('hospital') * 48);
    for (const e of beds) {
      expect(e.values.occupied / e.values.total).toBeGreaterThanOrEqual(0.72);
      expect(e.values.occupied / e.values.total).toBeLessThanOrEqual(0.97);
    }
  });

  it('runs ~40 bus routes about every 10 minutes from 06:00 to 21:00 with 20–60 boardings a trip', () => {
    const trips = ofKind(events, 'transit.trip');
    const routes = new Set(trips.map((e) => e.route));
    expect(routes.size).toBeGreaterThanOrEqual(36);
    expect(routes.size).toBeLessThanOrEqual(45);
    expect(trips.length / routes.size).toBeGreaterThan(55);
    expect(trips.length / routes.size).toBeLessThan(115);
    const perTrip = sum(trips.map((e) => e.values.boardings)) / trips.length;
    expect(perTrip).toBeGreaterThan(20);
    expect(perTrip).toBeLessThan(60);
    // Reported at trip end: first departures at 06:00 take at least half an hour.
    for (const e of trips) {
      expect(localHour(e.ts)).toBeGreaterThanOrEqual(6.5);
      expect(localHour(e.ts)).toBeLessThanOrEqual(22);
    }
  });

  it('reports fleets every 5 minutes and named devices hourly or on a change, cameras about 97 % online, a few alarms', () => {
    const status = ofKind(events, 'device.status');
    const fleets = new Map(profile.deviceFleets.map((f) => [f.id, f]));
    const fromFleets = status.filter((e) => fleets.has(e.site));
    expect(fromFleets).toHaveLength(profile.deviceFleets.length * 288);
    // Each named device: 24 hourly heartbeats, plus its changes (a few a day at most).
    const fromNamed = status.filter((e) => !fleets.has(e.site));
    expect(fromNamed.length).toBeGreaterThanOrEqual(profile.devices.length * 24);
    expect(fromNamed.length).toBeLessThan(profile.devices.length * 30);
    let up = 0;
    let all = 0;
    for (const e of fromFleets) {
      const f = fleets.get(e.site)!;
      if (f.type !== 'camera') continue;
      up += e.values.online * f.count;
      all += f.count;
    }
    expect(up / all).toBeGreaterThan(0.94);
    expect(up / all).toBeLessThan(0.995);
    expect(ofKind(events, 'device.alarm').length).toBeLessThan(20);
  });

  it('reports hall queues, hotels, water sections and air at their cadence', () => {
    const queue = ofKind(events, 'gov.queue');
    // Every 2 minutes through 3 + 4 opening hours, both closing instants included.
    expect(queue).toHaveLength(count('hall') * (91 + 121));
    for (const e of queue) {
      expect(e.values.waiting).toBeLessThanOrEqual(60);
      expect(e.values.waitMin).toBeLessThanOrEqual(40);
    }
    expect(Math.max(...queue.map((e) => e.values.waiting))).toBeGreaterThan(25);
    expect(ofKind(events, 'tourism.hotel')).toHaveLength(count('hotel') * 24);
    const water = ofKind(events, 'water.section');
    expect(water).toHaveLength(count('water_section') * 6);
    expect(ofKind(events, 'air.reading')).toHaveLength(profile.airStations.length * 1440);
  });

  it('has few visitors and no crowd alerts at scenic areas mid-week', () => {
    const gates = ofKind(events, 'tourism.gate');
    expect(gates).toHaveLength(count('scenic') * 4 * 288);
    const entries = sum(gates.map((e) => e.values.entries));
    expect(entries).toBeGreaterThan(2000);
    expect(entries).toBeLessThan(12_000);
    expect(sum(gates.map((e) => e.values.exits))).toBe(entries);
    expect(ofKind(events, 'crowd.alert').length).toBeLessThanOrEqual(1);
  });
});

describe.each(SEEDS)('a weekend day in Shaoyang (seed %i)', (seed) => {
  const sat = day(seed, SAT);
  const sun = day(seed, SUN);
  const wed = day(seed, WED);

  it('closes the halls: online applications only, fewer of them, no queue readings', () => {
    for (const events of [sat, sun]) {
      const received = ofKind(events, 'gov.received');
      expect(received.filter((e) => e.site !== undefined)).toEqual([]);
      expect(received.length).toBeGreaterThan(250);
      expect(received.length).toBeLessThan(900);
      expect(ofKind(events, 'gov.queue')).toEqual([]);
      expect(ofKind(events, 'gov.completed').length).toBeLessThan(400);
    }
  });

  it('keeps the hotline, police and buses running at weekend levels', () => {
    const calls = ofKind(sat, 'hotline.call').length;
    expect(calls).toBeGreaterThan(1100);
    expect(calls).toBeLessThan(ofKind(wed, 'hotline.call').length);
    expect(ofKind(sat, 'police.incident').length).toBeGreaterThan(220);
    expect(ofKind(sat, 'police.incident').length).toBeLessThan(480);
    expect(ofKind(sat, 'transit.trip').length).toBe(ofKind(wed, 'transit.trip').length);
    const visits = (events: RawEvent[]) => sum(ofKind(events, 'health.outpatient').map((e) => e.values.visits));
    expect(visits(sat)).toBeLessThan(0.8 * visits(wed));
    expect(visits(sat)).toBeGreaterThan(0.4 * visits(wed));
  });

  it('fills the scenic areas: several times the weekday visitors, crowd alerts on busy days', () => {
    const entries = (events: RawEvent[]) => sum(ofKind(events, 'tourism.gate').map((e) => e.values.entries));
    expect(entries(sat)).toBeGreaterThan(2.5 * entries(wed));
    expect(entries(sat)).toBeLessThan(60_000);
    const alerts = ofKind([...sat, ...sun], 'crowd.alert');
    expect(alerts.length).toBeLessThan(25);
    for (const a of alerts) expect(a.values.density).toBeGreaterThan(2);
  });

  it('fills hotels on Saturday night more than on a Wednesday night', () => {
    const at2am = (events: RawEvent[]) => sum(ofKind(events, 'tourism.hotel').filter((e) => Math.floor(localHour(e.ts)) === 2).map((e) => e.values.occupied));
    // 02:00 Sunday is Saturday night; 02:00 Thursday is Wednesday night.
    expect(at2am(sun)).toBeGreaterThan(1.1 * at2am(day(seed, WED + DAY)));
  });
});

describe('rhythms', () => {
  const seed = 42;
  const week = createSimulator(profile, { seed, kinds: ['gov.received', 'gov.queue', 'hotline.call', 'police.incident', 'health.outpatient'] }).eventsBetween(SUN - 6 * DAY, SUN + DAY);

  it('takes hall applications only Mon–Fri 09:00–12:00 and 13:30–17:30', () => {
    const atHalls = ofKind(week, 'gov.received').filter((e) => e.site !== undefined);
    expect(atHalls.length).toBeGreaterThan(3000);
    for (const e of atHalls) {
      const h = localHour(e.ts - 1);
      const dow = new Date(e.ts + 8 * HOUR).getUTCDay();
      expect(dow, new Date(e.ts).toISOString()).not.toBe(0);
      expect(dow).not.toBe(6);
      expect((h >= 9 && h < 12) || (h >= 13.5 && h < 17.5), `${h}`).toBe(true);
    }
    // Specifically: nothing at 03:00 and nothing on Sunday.
    expect(atHalls.filter((e) => Math.floor(localHour(e.ts)) === 3)).toEqual([]);
    expect(between(atHalls, SUN, SUN + DAY)).toEqual([]);
  });

  it('queues peak mid-morning and are empty at closing', () => {
    const queue = ofKind(week, 'gov.queue');
    const meanWaiting = (from: number, to: number) => {
      const xs = queue.filter((e) => localHour(e.ts) >= from && localHour(e.ts) < to).map((e) => e.values.waiting);
      return sum(xs) / xs.length;
    };
    expect(meanWaiting(10, 11)).toBeGreaterThan(1.5 * meanWaiting(16.5, 17.5));
    expect(meanWaiting(10, 11)).toBeGreaterThan(1.5 * meanWaiting(9, 9.5));
    const closing = queue.filter((e) => localHour(e.ts) === 12 || localHour(e.ts) === 17.5);
    expect(closing.length).toBe(count('hall') * 2 * 5);
    for (const e of closing) expect(e.values.waiting).toBe(0);
  });

  it('rings the hotline most at 09–11 and 14–17, police most in the evening, outpatients in the morning', () => {
    const inHours = (events: RawEvent[], from: number, to: number) => events.filter((e) => localHour(e.ts) >= from && localHour(e.ts) < to).length;
    const calls = ofKind(week, 'hotline.call');
    expect(inHours(calls, 9, 11)).toBeGreaterThan(5 * inHours(calls, 2, 4));
    expect(inHours(calls, 14, 17) / 3).toBeGreaterThan(2 * (inHours(calls, 19, 22) / 3));
    const police = ofKind(week, 'police.incident');
    expect(inHours(police, 19, 23)).toBeGreaterThan(2 * inHours(police, 3, 7));
    expect(inHours(police, 19, 23)).toBeGreaterThan(1.3 * inHours(police, 9, 13));
    const visits = (from: number, to: number) => sum(ofKind(week, 'health.outpatient').filter((e) => localHour(e.ts - 1) >= from && localHour(e.ts - 1) < to).map((e) => e.values.visits));
    expect(visits(8, 11)).toBeGreaterThan(10 * visits(0, 3));
    expect(visits(8, 11)).toBeGreaterThan(1.5 * visits(14, 17));
  });

  it('has visitors inside scenic areas near 0 at 04:00, many at 13:00 on a Saturday, none left at midnight', () => {
    const gates = ofKind(createSimulator(profile, { seed, kinds: ['tourism.gate'] }).eventsBetween(SAT, SAT + DAY), 'tourism.gate');
    const insideAt = (hour: number, site?: string) =>
      sum(gates.filter((e) => e.ts <= SAT + hour * HOUR && (site === undefined || e.site === site)).map((e) => e.values.entries - e.values.exits));
    const capacity = sum(profile.sites.filter((s) => s.type === 'scenic').map((s) => s.capacity ?? 0));
    expect(insideAt(4)).toBeLessThan(0.002 * capacity);
    expect(insideAt(13)).toBeGreaterThan(0.08 * capacity);
    expect(insideAt(13, 'scenic-langshan')).toBeGreaterThan(2500);
    expect(insideAt(13, 'scenic-langshan')).toBeLessThan(40_000);
    expect(insideAt(24)).toBe(0);
    // Entries in the morning, exits in the afternoon; never more out than in.
    const flow = (from: number, to: number, field: 'entries' | 'exits') => sum(gates.filter((e) => e.ts > SAT + from * HOUR && e.ts <= SAT + to * HOUR).map((e) => e.values[field]));
    expect(flow(7, 12, 'entries')).toBeGreaterThan(2 * flow(7, 12, 'exits'));
    expect(flow(14, 19, 'exits')).toBeGreaterThan(2 * flow(14, 19, 'entries'));
    for (let t = SAT; t <= SAT + DAY; t += 5 * MINUTE) expect(insideAt((t - SAT) / HOUR)).toBeGreaterThanOrEqual(0);
  });
});

describe.each(SEEDS)('holidays in Shaoyang, 2026 (seed %i)', (seed) => {
  const sim = createSimulator(profile, { seed, kinds: ['gov.received', 'gov.queue', 'tourism.gate', 'police.incident'] });
  const on = (date: string) => {
    const start = Date.parse(`${date}T00:00:00+08:00`);
    return sim.eventsBetween(start, start + DAY);
  };
  const golden = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map(on);
  const wed = on('2026-11-25');
  const saturdays = ['2026-11-21', '2026-11-28'].map(on);
  const atHalls = (events: RawEvent[]) => ofKind(events, 'gov.received').filter((e) => e.site !== undefined).length;
  const online = (events: RawEvent[]) => ofKind(events, 'gov.received').filter((e) => e.site === undefined).length;
  const entries = (events: RawEvent[]) => sum(ofKind(events, 'tourism.gate').map((e) => e.values.entries));
  const saturday = sum(saturdays.map(entries)) / saturdays.length;

  it('works the 调休 Saturday 10-10 like a weekday: halls take as many applications and queue', () => {
    const adjusted = on('2026-10-10');
    expect(atHalls(adjusted)).toBeGreaterThan(0.8 * atHalls(wed));
    expect(atHalls(adjusted)).toBeLessThan(1.25 * atHalls(wed));
    expect(ofKind(adjusted, 'gov.queue')).toHaveLength(count('hall') * (91 + 121));
  });

  it('closes the halls through 国庆 10-01 to 10-07, with only a trickle of online applications', () => {
    for (const events of golden) {
      expect(atHalls(events)).toBe(0);
      expect(ofKind(events, 'gov.queue')).toEqual([]);
      expect(online(events)).toBeGreaterThan(50);
      expect(online(events)).toBeLessThan(0.25 * online(wed));
    }
  });

  it('fills the scenic areas on 10-02 to 10-04 at several times an ordinary Saturday', () => {
    // The model puts days 2–4 at 4× a Saturday, capped below capacity; the weather of the
    // days compared moves the ratio (4.5× and 5.0× for these seeds).
    const peak = golden.slice(1, 4).map(entries);
    for (const day of peak) expect(day).toBeGreaterThan(2.5 * saturday);
    expect(sum(peak) / 3).toBeGreaterThan(3 * saturday);
    expect(sum(peak) / 3).toBeLessThan(6 * saturday);
    // The first day is partly spent on the road, the last on the way home.
    expect(entries(golden[0]!)).toBeLessThan(Math.max(...peak));
    expect(entries(golden[6]!)).toBeLessThan(0.5 * Math.min(...peak));
    // Ordinary Saturdays are well above a weekday.
    expect(saturday).toBeGreaterThan(2.5 * entries(wed));
  });

  it('never has more people inside a scenic area than its capacity', () => {
    for (const events of golden) {
      const gates = ofKind(events, 'tourism.gate');
      for (const site of profile.sites.filter((s) => s.type === 'scenic')) {
        let inside = 0;
        let most = 0;
        for (const e of gates) {
          if (e.site !== site.id) continue;
          inside += e.values.entries - e.values.exits;
          most = Math.max(most, inside);
        }
        expect(most, site.id).toBeLessThanOrEqual(site.capacity!);
        expect(inside, site.id).toBe(0);
      }
    }
  });

  it('raises 110 incidents through the holiday', () => {
    const police = (events: RawEvent[]) => ofKind(events, 'police.incident').length;
    expect(sum(golden.map(police)) / golden.length).toBeGreaterThan(1.15 * police(wed));
  });

  it('keeps 春节 quiet at scenic areas on the reunion days and busy from 初二', () => {
    // 2026-02-16 is 除夕, 2026-02-19 初三.
    expect(entries(on('2026-02-16'))).toBeLessThan(0.5 * entries(on('2026-02-19')));
    expect(entries(on('2026-02-19'))).toBeGreaterThan(2 * saturday);
  });
});

describe('rare events over a simulated year', () => {
  it('has about one 较大 traffic accident (3 or more deaths) a year, not one a week', () => {
    const sim = createSimulator(profile, { seed: 20261127, kinds: ['traffic.accident'] });
    const start = Date.UTC(2026, 0, 1) - 8 * HOUR;
    let accidents = 0;
    let major = 0;
    for (let d = 0; d < 365; d++) {
      for (const e of sim.eventsBetween(start + d * DAY, start + (d + 1) * DAY)) {
        accidents++;
        if (e.kind === 'traffic.accident' && e.values.deaths >= 3) major++;
      }
    }
    // ≈20 a day; 1 in 7 000 of them major: expect ≈1, and a Poisson draw of mean 1 stays ≤ 5.
    expect(accidents).toBeGreaterThan(5000);
    expect(accidents).toBeLessThan(10000);
    expect(major).toBeLessThanOrEqual(5);
  });
});

describe('hall queue readings follow the profile opening hours', () => {
  it('reports only inside 09:00–12:00 and 13:30–17:30 on a working day, and nothing on a Saturday', () => {
    const sim = createSimulator(profile, { seed: 42, kinds: ['gov.queue'] });
    const wed = sim.eventsBetween(WED, WED + DAY);
    expect(wed.length).toBeGreaterThan(0);
    for (const e of wed) {
      const h = localHour(e.ts);
      // The closing instant itself carries the last reading (the queue at zero).
      expect((h >= 9 && h <= 12) || (h >= 13.5 && h <= 17.5)).toBe(true);
    }
    expect(sim.eventsBetween(SAT, SAT + DAY)).toEqual([]);
  });
});
