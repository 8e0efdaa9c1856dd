import type { CityProfile, Device, Division, Site, SiteType } from '@cw/contracts';
import { keyOf, Stream } from './noise.ts';

/**
 * What the simulator derives from a city profile: which divisions are urban, how busy each
 * one is, where things can happen, and the bus network. Everything comes from the profile
 * and the seed, so another city needs only another profile.
 */

export type LonLat = [number, number];

export interface DivisionModel {
  code: string;
  key: number;
  urban: boolean;
  /**
   * Activity weight: 1 unit ≈ an average Chinese county-level division; urban districts
   * count more per head (services, calls and incidents concentrate there). Daily rates are
   * given per unit, so a city's totals scale with its divisions.
   */
  weight: number;
  /** Known places in the division (centre, sites, devices, stations) where incidents can be placed. */
  anchors: LonLat[];
}

export interface BusRoute {
  id: string;
  division: string;
}

export interface CityModel {
  divisions: DivisionModel[];
  division: Map<string, DivisionModel>;
  sites: Record<SiteType, Site[]>;
  devices: Device[];
  routes: BusRoute[];
  /** Divisions with a scenic area (their hotels fill up at weekends). */
  touristDivisions: Set<string>;
}

const URBAN_WEIGHT = 1.4;
const COUNTY_WEIGHT = 0.8;
/** Bus routes per division when the city does not say otherwise. */
const URBAN_ROUTES = 8;
const COUNTY_ROUTES = 2;

/**
 * Urban district (市辖区) or county-level division (县, 县级市)? Chinese division names say
 * so: districts end in 区. The English name is the fallback for other cities.
 */
export function isUrban(d: Division): boolean {
  return d.name.zh.endsWith('区') || /\bdistrict\b/i.test(d.name.en);
}

/**
 * The simulated bus network: route ids `route-1` … numbered through the divisions in
 * profile order, more routes in urban districts. Independent of the seed, so a screen can
 * list the routes from the profile alone.
 */
export function busRoutes(profile: Pick<CityProfile, 'divisions'>): BusRoute[] {
  const out: BusRoute[] = [];
  for (const d of profile.divisions) {
    const n = isUrban(d) ? URBAN_ROUTES : COUNTY_ROUTES;
    for (let i = 0; i < n; i++) out.push({ id: `route-${out.length + 1}`, division: d.code });
  }
  return out;
}

export function cityModel(profile: CityProfile, seed: number): CityModel {
  const s = Stream.of(seed, 0xc17);
  const divisions = profile.divisions.map((d): DivisionModel => {
    const key = keyOf(d.code);
    const urban = isUrban(d);
    const jitter = urban ? 0.85 + 0.3 * s.u2(key, 1) : 0.75 + 0.5 * s.u2(key, 1);
    return { code: d.code, key, urban, weight: (urban ? URBAN_WEIGHT : COUNTY_WEIGHT) * jitter, anchors: [[d.center[0], d.center[1]]] };
  });
  const division = new Map(divisions.map((d) => [d.code, d]));
  const places: { division: string; location: [number, number] }[] = [...profile.sites, ...profile.devices, ...profile.airStations];
  for (const p of places) division.get(p.division)?.anchors.push([p.location[0], p.location[1]]);
  const sites: Record<SiteType, Site[]> = { hall: [], hospital: [], scenic: [], hotel: [], water_section: [] };
  // Sites in divisions the profile does not know would produce events the server refuses.
  for (const site of profile.sites) if (division.has(site.division)) sites[site.type].push(site);
  return {
    divisions,
    division,
    sites,
    devices: profile.devices.filter((d) => division.has(d.division)),
    routes: busRoutes(profile),
    touristDivisions: new Set(sites.scenic.map((x) => x.division)),
  };
}

/**
 * A plausible incident location: one of the division's known places, moved by up to
 * ~300 m, so points land in town and on the map rather than in the middle of nowhere.
 */
export function locate(d: DivisionModel, u1: number, u2: number, u3: number): [number, number] {
  const a = d.anchors[Math.min(d.anchors.length - 1, Math.floor(u1 * d.anchors.length))]!;
  return [round(a[0] + (u2 - 0.5) * 0.006, 5), round(a[1] + (u3 - 0.5) * 0.006, 5)];
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
