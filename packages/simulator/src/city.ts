import type { CityProfile, Device, DeviceFleet, Division, Site, SiteType } from '@cw/contracts';
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
  /** Devices reported as groups: per division and type, the share online. */
  fleets: DeviceFleet[];
  routes: BusRoute[];
  /**
   * Tourist counties, whose hotels fill up at weekends: counties (not urban districts) whose
   * scenic areas hold at least TOURIST_CAPACITY_SHARE of their residents at once, or, without
   * a census population, any county with a scenic area. A big county with one scenic area
   * (隆回, 邵东) or an urban district keeps business hotels, busiest mid-week.
   */
  touristDivisions: Set<string>;
  /** Weight of the urban districts together: what a municipal site (servesCity) serves. */
  urbanWeight: number;
}

const URBAN_WEIGHT = 1.4;
const COUNTY_WEIGHT = 0.8;
/**
 * With a census population: weight units per resident. One unit ≈ 550 000 residents of a
 * county; a resident of an urban district counts 1.5/0.9 ≈ 1.7 times (services, calls and
 * incidents concentrate in the city proper). Shaoyang's 6.56 million then make ≈11.6 units,
 * the order of the former uniform weights (≈11.4), so the city's totals stay calibrated.
 */
const PEOPLE_PER_UNIT = 550_000;
const URBAN_PER_HEAD = 1.5;
const COUNTY_PER_HEAD = 0.9;
/** Scenic capacity per resident that makes a county a tourist county (新宁 7 %, 新邵 1.4 %; 隆回 0.6 %). */
const TOURIST_CAPACITY_SHARE = 0.01;
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
    // A profile without populations gets plausible, seeded division sizes instead.
    const weight = d.population !== undefined ? (d.population / PEOPLE_PER_UNIT) * (urban ? URBAN_PER_HEAD : COUNTY_PER_HEAD) : (urban ? URBAN_WEIGHT : COUNTY_WEIGHT) * jitter;
    return { code: d.code, key, urban, weight, anchors: [[d.center[0], d.center[1]]] };
  });
  const division = new Map(divisions.map((d) => [d.code, d]));
  const places: { division: string; location: [number, number] }[] = [...profile.sites, ...profile.devices, ...profile.airStations];
  for (const p of places) division.get(p.division)?.anchors.push([p.location[0], p.location[1]]);
  const sites: Record<SiteType, Site[]> = { hall: [], hospital: [], scenic: [], hotel: [], water_section: [] };
  // Sites in divisions the profile does not know would produce events the server refuses.
  for (const site of profile.sites) if (division.has(site.division)) sites[site.type].push(site);
  const scenicCapacity = new Map<string, number>();
  for (const site of sites.scenic) scenicCapacity.set(site.division, (scenicCapacity.get(site.division) ?? 0) + (site.capacity ?? 0));
  const touristDivisions = new Set(
    profile.divisions
      .filter((d) => !division.get(d.code)!.urban && scenicCapacity.has(d.code))
      .filter((d) => d.population === undefined || scenicCapacity.get(d.code)! >= TOURIST_CAPACITY_SHARE * d.population)
      .map((d) => d.code),
  );
  return {
    divisions,
    division,
    sites,
    devices: profile.devices.filter((d) => division.has(d.division)),
    fleets: profile.deviceFleets.filter((f) => division.has(f.division)),
    routes: busRoutes(profile),
    touristDivisions,
    urbanWeight: divisions.filter((d) => d.urban).reduce((a, d) => a + d.weight, 0),
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
