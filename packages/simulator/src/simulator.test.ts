import { describe, expect, it } from 'vitest';
import { airReadingSchema, cityProfileSchema, rawEventSchema, type RawEvent, type RawEventKind, type RawEventOf } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { ALL_KINDS, createSimulator, type SimulatorOptions } from './simulator.ts';

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 27, 0, 0, 0); // 08:00 in Shaoyang
/** Local midnight starting Wednesday 2026-11-25 and Saturday 2026-11-28 (UTC+8). */
const WED = Date.UTC(2026, 10, 24, 16);
const SAT = Date.UTC(2026, 10, 27, 16);
/** Local midnight starting Thursday 2026-10-01, the first day of 国庆. */
const HOLIDAY = Date.UTC(2026, 8, 30, 16);

const ofKind = <K extends RawEventKind>(events: RawEvent[], kind: K) => events.filter((e): e is RawEventOf<K> => e.kind === kind);

/** Irregular call lengths, from 1 ms to an hour, as a live loop and a backfill might use. */
const CHUNKS = [1, 999, 1000, 59_000, 7 * 60_000 + 13, HOUR, 4 * 60_000];
function chunked(options: SimulatorOptions, from: number, to: number): RawEvent[] {
  const sim = createSimulator(profile, options);
  const out: RawEvent[] = [];
  for (let t = from, i = 0; t < to; i++) {
    const end = Math.min(to, t + CHUNKS[i % CHUNKS.length]!);
    out.push(...sim.eventsBetween(t, end));
    t = end;
  }
  return out;
}

describe('simulator', () => {
  it('is deterministic for a seed, whatever the call pattern', () => {
    const a = createSimulator(profile, { seed: 42 }).eventsBetween(T0, T0 + HOUR);
    const sim = createSimulator(profile, { seed: 42 });
    const b = [...sim.eventsBetween(T0, T0 + 1234), ...sim.eventsBetween(T0 + 1234, T0 + HOUR / 2), ...sim.eventsBetween(T0 + HOUR / 2, T0 + HOUR)];
    expect(b).toEqual(a);
    const other = createSimulator(profile, { seed: 43 }).eventsBetween(T0, T0 + HOUR);
    expect(other).not.toEqual(a);
  });

  it.each([
    ['a working day', WED],
    ['a Saturday', SAT],
    ['a public holiday', HOLIDAY],
  ])('gives every kind the same events in one call or in hundreds of chunks (%s)', (_, day) => {
    const options = { seed: 42, airIntervalMs: 60_000 };
    const whole = createSimulator(profile, options).eventsBetween(day, day + DAY);
    const parts = chunked(options, day, day + DAY);
    expect(parts.length).toBe(whole.length);
    expect(parts).toEqual(whole);
    // The comparison only means something if the rare kinds are in it too.
    const kinds = new Set(whole.map((e) => e.kind));
    const expected = ALL_KINDS.filter((k) => !(day !== WED && k === 'gov.queue') && !(day === WED && k === 'crowd.alert'));
    expect([...kinds].sort()).toEqual([...expected].sort());
  });

  it('is chunk-independent in coarse detail too', () => {
    const options = { seed: 5, detail: 'coarse' as const };
    const whole = createSimulator(profile, options).eventsBetween(SAT, SAT + DAY);
    expect(chunked(options, SAT, SAT + DAY)).toEqual(whole);
  });

  it('depends on the seed for every kind', () => {
    const a = createSimulator(profile, { seed: 1, airIntervalMs: 60_000 }).eventsBetween(WED, WED + DAY);
    const b = createSimulator(profile, { seed: 2, airIntervalMs: 60_000 }).eventsBetween(WED, WED + DAY);
    for (const kind of ALL_KINDS.filter((k) => k !== 'crowd.alert')) {
      expect(ofKind(a, kind), kind).not.toEqual(ofKind(b, kind));
    }
  });

  it('emits only valid raw events, in order, inside the range, with unique ids', () => {
    for (const day of [WED, SAT]) {
      const from = day + 1;
      const to = day + DAY - 1;
      const events = createSimulator(profile, { seed: 42, airIntervalMs: 60_000 }).eventsBetween(from, to);
      const problems: string[] = [];
      const ids = new Set<string>();
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        const parsed = rawEventSchema.safeParse(e);
        if (!parsed.success) problems.push(`${JSON.stringify(e)}: ${parsed.error.message}`);
        if (!(e.ts > from && e.ts <= to)) problems.push(`${e.id} out of range`);
        if (i > 0 && e.ts < events[i - 1]!.ts) problems.push(`${e.id} out of order`);
        if (e.id === undefined) problems.push(`${e.kind} without id`);
        else ids.add(e.id);
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(ids.size).toBe(events.length);
    }
  });

  it('names only sites, devices and stations of the profile, in their own division', () => {
    const places = new Map<string, string>([...profile.sites, ...profile.devices, ...profile.deviceFleets, ...profile.airStations].map((p) => [p.id, p.division]));
    const events = createSimulator(profile, { seed: 42, airIntervalMs: 60_000 }).eventsBetween(SAT, SAT + DAY);
    for (const e of events) {
      const place = 'site' in e ? e.site : 'station' in e ? e.station : undefined;
      if (place !== undefined) expect(places.get(place), `${e.kind} ${place}`).toBe(e.division);
    }
  });

  it('has events from every division, for every kind a division has sources for', () => {
    const events = createSimulator(profile, { seed: 42, airIntervalMs: 60_000 }).eventsBetween(WED, WED + DAY);
    const perDivision = (kind: RawEventKind) => new Set(events.filter((e) => e.kind === kind).map((e) => e.division));
    const all = profile.divisions.map((d) => d.code).sort();
    const everywhere = ['air.reading', 'water.section', 'gov.received', 'gov.completed', 'gov.rating', 'gov.queue', 'hotline.call'] as const;
    const everywhereToo = ['police.incident', 'device.status', 'health.outpatient', 'health.beds', 'transit.trip', 'tourism.hotel'] as const;
    for (const kind of [...everywhere, ...everywhereToo]) {
      expect([...perDivision(kind)].sort(), kind).toEqual(all);
    }
    const scenic = new Set(profile.sites.filter((s) => s.type === 'scenic').map((s) => s.division));
    expect(perDivision('tourism.gate')).toEqual(scenic);
  });

  it('honours the kinds option', () => {
    const events = createSimulator(profile, { seed: 1, kinds: ['hotline.call', 'transit.trip'] }).eventsBetween(WED, WED + DAY);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['hotline.call', 'transit.trip']));
  });

  it('scales counted events with the scale option, leaving periodic reports alone', () => {
    const base = createSimulator(profile, { seed: 3, kinds: ['gov.received', 'health.beds'] }).eventsBetween(WED, WED + DAY);
    const double = createSimulator(profile, { seed: 3, kinds: ['gov.received', 'health.beds'], scale: 2 }).eventsBetween(WED, WED + DAY);
    const ratio = ofKind(double, 'gov.received').length / ofKind(base, 'gov.received').length;
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
    expect(ofKind(double, 'health.beds')).toEqual(ofKind(base, 'health.beds'));
  });

  it('returns nothing for an empty or inverted range', () => {
    const sim = createSimulator(profile, { seed: 1 });
    expect(sim.eventsBetween(T0, T0)).toEqual([]);
    expect(sim.eventsBetween(T0 + HOUR, T0)).toEqual([]);
  });
});

describe('air readings', () => {
  it('emits valid raw readings from every station at the configured interval', () => {
    const events = createSimulator(profile, { seed: 1, airIntervalMs: 60_000, kinds: ['air.reading'] }).eventsBetween(T0, T0 + HOUR);
    expect(events).toHaveLength(profile.airStations.length * 60);
    for (const e of events) {
      expect(airReadingSchema.safeParse(e).success).toBe(true);
      expect(e.ts).toBeGreaterThan(T0);
      expect(e.ts).toBeLessThanOrEqual(T0 + HOUR);
    }
    const divisions = new Set(events.map((e) => e.division));
    expect(divisions.size).toBe(12);
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts).toBeGreaterThanOrEqual(events[i - 1]!.ts);
  });

  it('has a plausible daily rhythm: afternoon ozone above night-time ozone', () => {
    const sim = createSimulator(profile, { seed: 7, airIntervalMs: 600_000, kinds: ['air.reading'] });
    let night = 0;
    let afternoon = 0;
    for (let day = 0; day < 14; day++) {
      // 03:00 and 15:00 local = 19:00 and 07:00 UTC.
      const base = T0 + day * 24 * HOUR;
      night += mean(ofKind(sim.eventsBetween(base - 5 * HOUR - 1, base - 5 * HOUR + 600_000), 'air.reading').map((e) => e.values.o3!));
      afternoon += mean(ofKind(sim.eventsBetween(base + 7 * HOUR - 1, base + 7 * HOUR + 600_000), 'air.reading').map((e) => e.values.o3!));
    }
    expect(afternoon).toBeGreaterThan(night * 1.5);
  });

  it('keeps concentrations in a realistic range', () => {
    const events = ofKind(createSimulator(profile, { seed: 3, airIntervalMs: 3_600_000, kinds: ['air.reading'] }).eventsBetween(T0, T0 + 60 * 24 * HOUR), 'air.reading');
    const pm25 = events.map((e) => e.values.pm25!);
    expect(Math.min(...pm25)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pm25)).toBeLessThan(400);
    expect(mean(pm25)).toBeGreaterThan(15);
    expect(mean(pm25)).toBeLessThan(90);
  });
});

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
