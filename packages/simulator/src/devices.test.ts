import { describe, expect, it } from 'vitest';
import { cityProfileSchema, type RawEvent } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { offlineThreshold, waterLevelAlarmFactor } from './devices.ts';
import { Weather } from './rhythm.ts';
import { createSimulator } from './simulator.ts';

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Status = Extract<RawEvent, { kind: 'device.status' }>;

describe('the offline threshold of a device', () => {
  it('rises in heavy rain, at night and in a division-wide outage', () => {
    // A camera on a dry day at 10:00: the base threshold (98 % online).
    expect(offlineThreshold('camera', 0, 10, 0)).toBeCloseTo(-0.896, 10);
    // Heavy rain (1) at 20:00: −0.896 + 0.06 + 0.015 = −0.821.
    expect(offlineThreshold('camera', 1, 20, 0)).toBeCloseTo(-0.821, 10);
    // 07:00 counts as night, 08:00 as day; half rain adds 0.03.
    expect(offlineThreshold('manhole', 0.5, 7, 0)).toBeCloseTo(-0.8331 + 0.03 + 0.015, 10);
    expect(offlineThreshold('manhole', 0, 8, 0)).toBeCloseTo(-0.8331, 10);
    // The division's network noise below −0.975: 0.3 more, a large share of the fleet offline.
    expect(offlineThreshold('camera', 0, 10, -0.98)).toBeCloseTo(-0.596, 10);
    expect(offlineThreshold('camera', 0, 10, -0.97)).toBeCloseTo(-0.896, 10);
  });
});

describe('flood risk: water-level (积水) alarms', () => {
  it('grow with the square of the rain, from a small dry-weather share', () => {
    // 0.02 + 5 r²: dry 0.02; half rain 0.02 + 1.25 = 1.27; a downpour 5.02 (× 0.25 a day per gauge).
    expect(waterLevelAlarmFactor(0)).toBeCloseTo(0.02, 10);
    expect(waterLevelAlarmFactor(0.5)).toBeCloseTo(1.27, 10);
    expect(waterLevelAlarmFactor(1)).toBeCloseTo(5.02, 10);
  });

  it.each([20261127, 42])('cluster in the rainy season and in rain over a simulated year (seed %i)', (seed) => {
    const jan1 = Date.UTC(2026, 0, 1) - 8 * HOUR;
    const sim = createSimulator(profile, { seed, kinds: ['device.alarm'] });
    const weather = new Weather(seed);
    const byMonth = new Array<number>(12).fill(0);
    let wet = 0;
    let all = 0;
    for (let d = 0; d < 365; d++) {
      for (const e of sim.eventsBetween(jan1 + d * DAY, jan1 + (d + 1) * DAY)) {
        if (e.kind !== 'device.alarm' || e.type !== 'water_level') continue;
        byMonth[new Date(e.ts + 8 * HOUR).getUTCMonth()]!++;
        all++;
        if (weather.rain(e.ts) > 0) wet++;
      }
    }
    // April–July (梅雨) against November–February, four months each: the mean of r² is about
    // three times higher in the rainy season, so well over 1.5 times the alarms.
    const rainy = byMonth[3]! + byMonth[4]! + byMonth[5]! + byMonth[6]!;
    const winter = byMonth[10]! + byMonth[11]! + byMonth[0]! + byMonth[1]!;
    expect(rainy).toBeGreaterThan(1.5 * winter);
    // Dry hours give 0.02 of a downpour's rate: most alarms fall while it rains.
    expect(wet / all).toBeGreaterThan(0.8);
  });
});

describe('device status from the simulator', () => {
  const fleets = new Map(profile.deviceFleets.map((f) => [f.id, f]));
  const named = new Set(profile.devices.map((d) => d.id));

  it('sizes the inventory at city scale: ≈15 000 cameras and several hundred sensors', () => {
    const cameras = profile.deviceFleets.filter((f) => f.type === 'camera').reduce((a, f) => a + f.count, 0) + profile.devices.filter((d) => d.type === 'camera').length;
    const sensors = profile.deviceFleets.filter((f) => f.type !== 'camera').reduce((a, f) => a + f.count, 0) + profile.devices.filter((d) => d.type !== 'camera').length;
    // 邵阳天网: 4 355 cameras by the end of 2016 and 11 000 more in 2017 (profile README).
    expect(cameras).toBe(4355 + 11000);
    // Per urban district 20 + 40 + 30 + 8 + 15 = 113, per county 10 + 15 + 15 + 3 + 5 = 48: 3 × 113 + 9 × 48.
    expect(sensors).toBe(771);
  });

  it('sends each fleet’s share online every 5 minutes, and named devices only on a change or the hourly heartbeat', () => {
    const sim = createSimulator(profile, { seed: 7, kinds: ['device.status'] });
    const from = Date.UTC(2026, 11, 7, 2);
    const events = sim.eventsBetween(from, from + HOUR) as Status[];
    const fromFleets = events.filter((e) => fleets.has(e.site));
    // 12 divisions × 6 types = 72 fleets, 12 reports each in an hour.
    expect(fleets.size).toBe(72);
    expect(fromFleets.length).toBe(72 * 12);
    for (const e of fromFleets) {
      expect(e.values.online).toBeGreaterThanOrEqual(0);
      expect(e.values.online).toBeLessThanOrEqual(1);
    }
    // 96 named devices: one heartbeat each in the hour, plus the few that changed (not 96 × 12).
    const fromNamed = events.filter((e) => named.has(e.site));
    expect(new Set(fromNamed.map((e) => e.site)).size).toBe(96);
    expect(fromNamed.length).toBeLessThan(96 + 20);
    // No event per device per tick: 15 000 cameras give under a thousand events an hour.
    expect(events.length).toBeLessThan(1000);
  });

  it('reports every change of a named device: its state between two reports is the state of the last one', () => {
    const sim = createSimulator(profile, { seed: 7, kinds: ['device.status'] });
    const from = Date.UTC(2026, 11, 1);
    const events = (sim.eventsBetween(from, from + 3 * DAY) as Status[]).filter((e) => named.has(e.site));
    const coarse = createSimulator(profile, { seed: 7, kinds: ['device.status'], detail: 'coarse' });
    const hourly = (coarse.eventsBetween(from, from + 3 * DAY) as Status[]).filter((e) => named.has(e.site));
    // The coarse (hourly) states agree with the fine stream's last report at or before them.
    const last = new Map<string, Status[]>();
    for (const e of events) {
      const list = last.get(e.site) ?? [];
      list.push(e);
      last.set(e.site, list);
    }
    let changes = 0;
    for (const list of last.values()) for (let i = 1; i < list.length; i++) if (list[i]!.values.online !== list[i - 1]!.values.online) changes++;
    expect(changes).toBeGreaterThan(0);
    for (const h of hourly) {
      const before = (last.get(h.site) ?? []).filter((e) => e.ts <= h.ts).at(-1);
      if (before !== undefined) expect(h.values.online).toBe(before.values.online);
    }
  });

  it('keeps the city’s cameras a few percent offline, more after heavy rain', () => {
    const seed = 20261127;
    const sim = createSimulator(profile, { seed, kinds: ['device.status'], detail: 'coarse' });
    const weather = new Weather(seed);
    const from = Date.UTC(2026, 4, 1);
    const byHour = new Map<number, { up: number; all: number }>();
    for (const e of sim.eventsBetween(from, from + 30 * DAY) as Status[]) {
      const f = fleets.get(e.site);
      if (f?.type !== 'camera') continue;
      const h = Math.floor(e.ts / HOUR);
      const b = byHour.get(h) ?? { up: 0, all: 0 };
      b.up += e.values.online * f.count;
      b.all += f.count;
      byHour.set(h, b);
    }
    const hours = [...byHour].map(([h, b]) => ({ rain: weather.rain(h * HOUR + HOUR / 2), share: b.up / b.all }));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The 雪亮工程 goal is 98 % of key public-area cameras working; a month of May averages 95–99 %.
    const all = mean(hours.map((x) => x.share));
    expect(all).toBeGreaterThan(0.95);
    expect(all).toBeLessThan(0.99);
    const wet = hours.filter((x) => x.rain > 0.6).map((x) => x.share);
    const dry = hours.filter((x) => x.rain === 0).map((x) => x.share);
    expect(wet.length).toBeGreaterThan(10);
    expect(mean(wet)).toBeLessThan(mean(dry));
  });
});
