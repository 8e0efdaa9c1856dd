import type { AirReading, AirStation, CityProfile } from '@cw/contracts';
import { keyOf, smoothNoise, unit } from './noise.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Typical late-autumn levels for a Hunan prefecture (µg/m³; CO mg/m³), urban core. */
const URBAN_BASE = { pm25: 48, pm10: 78, so2: 9, no2: 30, co: 0.9, o3: 58 };

/** Rush-hour shape for traffic pollutants: peaks near 08:00 and 19:00 local time. */
function trafficShape(hour: number): number {
  const peak = (h: number, centre: number, width: number) => Math.exp(-((h - centre) ** 2) / (2 * width * width));
  return 0.75 + 0.35 * peak(hour, 8, 1.5) + 0.45 * peak(hour, 19.5, 2.2) - 0.2 * peak(hour, 14, 2.5);
}

/** Photochemical ozone: low at night, highest mid-afternoon. */
function ozoneShape(hour: number): number {
  return 0.35 + 1.1 * Math.max(0, Math.sin(((hour - 7) / 13) * Math.PI)) ** 1.5;
}

export interface AirModel {
  reading(station: AirStation, ts: number): AirReading;
}

/**
 * Air-quality readings per station: a division baseline (urban districts dirtier than the
 * mountain counties), daily rhythm, city-wide weather episodes lasting hours to days, and
 * local drift.
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
  return {
    reading(station, ts) {
      const hour = (((ts + offset) % DAY) + DAY) % DAY / HOUR;
      const sk = keyOf(station.id);
      const dk = keyOf(station.division);
      const base = divisionFactor.get(station.division) ?? 0.7;
      // Regional weather: stagnant air raises everything together across the city.
      const weather = Math.exp(0.45 * smoothNoise(ts, 9 * HOUR, seed, 7) + 0.25 * smoothNoise(ts, 31 * HOUR, seed, 8));
      const local = (k: number) => Math.exp(0.18 * smoothNoise(ts, 40 * 60_000, seed, sk, k) + 0.1 * smoothNoise(ts, 3 * HOUR, seed, dk, k));
      const traffic = trafficShape(hour);
      const pm25 = URBAN_BASE.pm25 * base * weather * local(1) * (0.6 + 0.4 * traffic);
      const values = {
        pm25: round(pm25, 0),
        pm10: round(pm25 * (1.45 + 0.25 * unit(seed, sk, 2)) * local(2), 0),
        so2: round(URBAN_BASE.so2 * base * local(3) * (0.8 + 0.2 * weather), 0),
        no2: round(URBAN_BASE.no2 * base * traffic * local(4) * (0.7 + 0.3 * weather), 0),
        co: round(URBAN_BASE.co * base * (0.7 + 0.3 * traffic) * local(5) * (0.8 + 0.2 * weather), 2),
        o3: round(URBAN_BASE.o3 * (0.8 + 0.4 * (1 - base)) * ozoneShape(hour) * local(6) / Math.sqrt(weather), 0),
      };
      return { kind: 'air.reading', id: `${station.id}@${ts}`, ts, division: station.division, station: station.id, values };
    },
  };
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.max(0, Math.round(x * f) / f);
}
