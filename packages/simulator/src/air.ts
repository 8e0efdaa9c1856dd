import type { AirReading, AirStation, CityProfile } from '@cw/contracts';
import type { KindSource, SimContext } from './context.ts';
import { keyOf, Stream, unit } from './noise.ts';
import { DAY, HOUR, MINUTE, seasonal } from './rhythm.ts';
import { reports } from './timing.ts';

/** Typical late-autumn levels for a Hunan prefecture (µg/m³; CO mg/m³), urban core. */
const URBAN_BASE = { pm25: 48, pm10: 78, so2: 9, no2: 30, co: 0.9, o3: 58 };

/**
 * Monthly mean PM2.5 at the urban stations (µg/m³, January first), before episodes: winter
 * inversions and heating-season haze, clean wet summers. Estimate, shaped by Hunan's
 * published monthly means (May 27, June 19, July 15, November 38 µg/m³ in 2023) with
 * winter months above November; see the profile README.
 */
const PM25_MONTHLY = [64, 52, 40, 33, 27, 19, 15, 17, 24, 32, 42, 58];
/**
 * O₃ relative to URBAN_BASE by month: photochemistry peaks from late spring to early autumn
 * (Hunan's monthly O₃ figures run 130–143 µg/m³ in May–June against ~110 in November).
 */
/** How strongly stagnation episodes pile PM2.5 up, by month: inversions are strongest in deep winter. */
const EPISODE_MONTHLY = [1.25, 1.05, 0.75, 0.55, 0.45, 0.35, 0.35, 0.35, 0.45, 0.6, 0.75, 1.1];
const O3_MONTHLY = [0.75, 0.9, 1.1, 1.35, 1.65, 1.7, 1.5, 1.65, 1.8, 1.5, 1.15, 0.85];

/** Rush-hour shape for traffic pollutants: peaks near 08:00 and 19:00 local time. */
function trafficShape(hour: number): number {
  return 0.75 + 0.35 * peak(hour, 8, 1.5) + 0.45 * peak(hour, 19.5, 2.2) - 0.2 * peak(hour, 14, 2.5);
}

function peak(h: number, centre: number, width: number): number {
  const d = h - centre;
  return Math.exp(-(d * d) / (2 * width * width));
}

/** Photochemical ozone: low at night, highest mid-afternoon. */
function ozoneShape(hour: number): number {
  const s = Math.max(0, Math.sin(((hour - 7) / 13) * Math.PI));
  return 0.35 + 1.1 * s * Math.sqrt(s);
}

export interface AirModel {
  reading(station: AirStation, ts: number): AirReading;
}

interface StationNoise {
  /** Per pollutant k = 1…6: station drift (40 min) and division drift (3 h). */
  station: Stream[];
  division: Stream[];
  pm10Ratio: number;
}

/**
 * Air-quality readings per station: a division baseline (urban districts dirtier than the
 * mountain counties), daily rhythm, city-wide weather episodes lasting hours to days, and
 * local drift. The noise streams are keyed once per station, which keeps a reading cheap.
 */
export function airModel(profile: CityProfile, seed: number): AirModel {
  const offset = profile.utcOffsetMinutes * 60_000;
  const divisionFactor = new Map<string, number>();
  for (const d of profile.divisions) {
    const stations = profile.airStations.filter((s) => s.division === d.code).length;
    // Divisions with several stations are the dense urban core.
    const urban = stations > 1 ? 1 : 0.55 + 0.35 * unit(seed, keyOf(d.code), 1);
    divisionFactor.set(d.code, urban);
  }
  const weatherSlow = Stream.of(seed, 7);
  const weatherFast = Stream.of(seed, 8);
  // Stagnation episodes over days (haze in winter, photochemical smog on hot still days).
  const episodes = Stream.of(seed, 9);
  const sunny = Stream.of(seed, 10);
  const noise = new Map<string, StationNoise>();
  const noiseOf = (station: AirStation) => {
    let n = noise.get(station.id);
    if (n === undefined) {
      const sk = keyOf(station.id);
      const dk = keyOf(station.division);
      const ks = [1, 2, 3, 4, 5, 6];
      n = { station: ks.map((k) => Stream.of(seed, sk, k)), division: ks.map((k) => Stream.of(seed, dk, k)), pm10Ratio: 1.45 + 0.25 * unit(seed, sk, 2) };
      noise.set(station.id, n);
    }
    return n;
  };
  return {
    reading(station, ts) {
      const hour = ((((ts + offset) % DAY) + DAY) % DAY) / HOUR;
      const n = noiseOf(station);
      const base = divisionFactor.get(station.division) ?? 0.7;
      // Regional weather: stagnant air raises everything together across the city.
      // An episode only ever adds: a few days of still air pile pollution up (up to ×3.5 in January).
      const episode = Math.max(0, episodes.smooth(ts, 3 * DAY));
      const weather = Math.exp(0.45 * weatherSlow.smooth(ts, 9 * HOUR) + 0.25 * weatherFast.smooth(ts, 31 * HOUR) + seasonal(EPISODE_MONTHLY, ts) * episode ** 1.5);
      const local = (k: number) => Math.exp(0.18 * n.station[k - 1]!.smooth(ts, 40 * MINUTE) + 0.1 * n.division[k - 1]!.smooth(ts, 3 * HOUR));
      const traffic = trafficShape(hour);
      // Winter raises the combustion pollutants with PM2.5, a little.
      const season = seasonal(PM25_MONTHLY, ts);
      const combustion = 0.75 + 0.25 * (season / URBAN_BASE.pm25);
      const pm25 = season * base * weather * local(1) * (0.6 + 0.4 * traffic);
      // Ozone: a sunny, still afternoon builds it; rain washes it out.
      const photo = seasonal(O3_MONTHLY, ts) * Math.exp(0.4 * sunny.smooth(ts, 2 * DAY) + 0.3 * episode);
      const values = {
        pm25: round(pm25, 0),
        pm10: round(pm25 * n.pm10Ratio * local(2), 0),
        so2: round(URBAN_BASE.so2 * base * combustion * local(3) * (0.8 + 0.2 * weather), 0),
        no2: round(URBAN_BASE.no2 * base * combustion * traffic * local(4) * (0.7 + 0.3 * weather), 0),
        co: round(URBAN_BASE.co * base * combustion * (0.7 + 0.3 * traffic) * local(5) * (0.8 + 0.2 * weather), 2),
        o3: round(URBAN_BASE.o3 * photo * (0.8 + 0.4 * (1 - base)) * ozoneShape(hour) * local(6), 0),
      };
      return { kind: 'air.reading', id: `${station.id}@${ts}`, ts, division: station.division, station: station.id, values };
    },
  };
}

/** Air readings from every station every `intervalMs` (hourly when coarse), each station on its own phase. */
export function airSources(ctx: SimContext, intervalMs: number): KindSource[] {
  const air = airModel(ctx.profile, ctx.seed);
  const divisions = new Set(ctx.profile.divisions.map((d) => d.code));
  // Each station reports on its own phase so readings do not all land on the same instant.
  const stations = ctx.profile.airStations
    .filter((s) => divisions.has(s.division))
    .map((s) => ({ station: s, phase: Math.floor(unit(ctx.seed, keyOf(s.id), 99) * intervalMs) }));
  return [
    {
      kind: 'air.reading',
      emit(from, to, out) {
        for (const { station, phase } of stations) reports(from, to, intervalMs, phase, ctx.coarse ? HOUR : 0, (ts) => out.push(air.reading(station, ts)));
      },
    },
  ];
}

function round(x: number, decimals: 0 | 2): number {
  const f = decimals === 0 ? 1 : 100;
  return Math.max(0, Math.round(x * f) / f);
}
