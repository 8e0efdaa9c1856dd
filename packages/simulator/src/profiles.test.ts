import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cityProfileSchema, rawEventSchema, type CityProfile } from '@cw/contracts';
import { ALL_KINDS, busRoutes, createSimulator } from './index.ts';

/**
 * The city profiles the simulator runs on: valid, self-consistent, every place inside its
 * own division's boundary. Example City exists to show a city is configuration, not code.
 */

type Ring = [number, number][];
interface Feature {
  id?: string | number;
  properties?: { adcode?: string; name?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const root = new URL('../../../profiles/', import.meta.url);
function load(name: string): { profile: CityProfile; features: Feature[] } {
  const profile = cityProfileSchema.parse(JSON.parse(fs.readFileSync(new URL(`${name}/profile.json`, root), 'utf8')));
  const geo = JSON.parse(fs.readFileSync(new URL(`${name}/divisions.geojson`, root), 'utf8')) as { type: string; features: Feature[] };
  expect(geo.type).toBe('FeatureCollection');
  return { profile, features: geo.features };
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inFeature(f: Feature, [x, y]: [number, number]): boolean {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polygons.some(([outer, ...holes]) => inRing(x, y, outer!) && !holes.some((h) => inRing(x, y, h)));
}
/** The divisions whose boundary contains the point. */
const containing = (features: Feature[], p: [number, number]) => features.filter((f) => inFeature(f, p)).map((f) => String(f.id));

describe.each(['shaoyang', 'example-city'])('profile %s', (name) => {
  const { profile, features } = load(name);

  it('has one boundary per division, keyed by code', () => {
    expect(features.map((f) => String(f.id)).sort()).toEqual(profile.divisions.map((d) => d.code).sort());
    for (const f of features) expect(f.properties?.adcode).toBe(String(f.id));
  });

  it('places every division centre, station, site and device inside its own division only', () => {
    const places = [
      ...profile.divisions.map((d) => ({ id: d.code, division: d.code, location: d.center })),
      ...profile.airStations,
      ...profile.sites,
      ...profile.devices,
    ];
    const wrong = places.filter((p) => containing(features, p.location).join() !== p.division).map((p) => `${p.id}: ${containing(features, p.location).join() || 'outside'}`);
    expect(wrong).toEqual([]);
  });

  it('has unique ids, capacities on scenic areas and target classes on water sections', () => {
    const ids = [...profile.sites, ...profile.devices].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of profile.sites) {
      expect(s.capacity !== undefined, s.id).toBe(s.type === 'scenic');
      expect(s.targetClass !== undefined, s.id).toBe(s.type === 'water_section');
    }
    for (const type of ['hall', 'hospital', 'scenic', 'hotel', 'water_section'] as const) expect(profile.sites.some((s) => s.type === type), type).toBe(true);
    expect(profile.devices.some((d) => d.type === 'camera')).toBe(true);
  });

  it('produces valid events of every kind with sources in the city, from every division', () => {
    const sim = createSimulator(profile, { seed: 42, airIntervalMs: 60_000 });
    const events = [...sim.eventsBetween(Date.UTC(2026, 10, 24, 16), Date.UTC(2026, 10, 25, 16)), ...sim.eventsBetween(Date.UTC(2026, 10, 27, 16), Date.UTC(2026, 10, 28, 16))];
    const invalid = events.filter((e) => !rawEventSchema.safeParse(e).success);
    expect(invalid.slice(0, 3)).toEqual([]);
    const kinds = new Set(events.map((e) => e.kind));
    // Rare kinds (a few a day city-wide) may be missing from two days of a small city.
    const rare = ['fire.alarm', 'crowd.alert', 'device.alarm', 'traffic.accident', 'utility.fault'];
    for (const kind of ALL_KINDS.filter((k) => !rare.includes(k))) expect(kinds.has(kind), kind).toBe(true);
    expect(new Set(events.map((e) => e.division))).toEqual(new Set(profile.divisions.map((d) => d.code)));
  });
});

describe('the case category tree (小类) as profile data', () => {
  const day = (profile: CityProfile) => createSimulator(profile, { seed: 7 }).reportsBetween(Date.UTC(2026, 10, 24, 16), Date.UTC(2026, 10, 25, 16));

  it('gives Shaoyang the issue 12 examples: 暴露垃圾 1 working day, 道路不洁 5 working hours, 违法搭建 15 working days', () => {
    const tree = load('shaoyang').profile.caseCategories;
    const limit = (zh: string) => {
      const s = tree.find((x) => x.name.zh === zh);
      return s && `${s.category} ${s.handling.amount} ${s.handling.unit}`;
    };
    expect(limit('暴露垃圾')).toBe('city_appearance 1 working_days');
    expect(limit('道路不洁')).toBe('city_appearance 5 working_hours');
    expect(limit('违法搭建')).toBe('construction 15 working_days');
  });

  it.each(['shaoyang', 'example-city'])('has %s report the sub-categories of its own tree, each under its category', (name) => {
    const { profile } = load(name);
    const byId = new Map(profile.caseCategories.map((s) => [s.id, s]));
    const reports = day(profile).map((r) => r.report);
    const withSub = reports.filter((r) => r.subCategory !== undefined);
    expect(withSub.length).toBeGreaterThan(0);
    for (const r of withSub) {
      expect(byId.get(r.subCategory!)?.category, r.subCategory).toBe(r.category);
      expect(r.title).toContain(byId.get(r.subCategory!)!.name.zh);
    }
    // A category the city has no sub-categories for is reported without one.
    const covered = new Set(profile.caseCategories.map((s) => s.category));
    for (const r of reports) expect(r.subCategory !== undefined).toBe(covered.has(r.category));
  });

  it('refuses a tree with a duplicate id or a fractional number of working days', () => {
    const { profile } = load('example-city');
    const [first] = profile.caseCategories;
    expect(cityProfileSchema.safeParse({ ...profile, caseCategories: [first, first] }).success).toBe(false);
    const fractional = { ...first!, handling: { amount: 1.5, unit: 'working_days' } };
    expect(cityProfileSchema.safeParse({ ...profile, caseCategories: [fractional] }).success).toBe(false);
    expect(cityProfileSchema.safeParse({ ...profile, caseCategories: [{ ...first!, handling: { amount: 1.5, unit: 'working_hours' } }] }).success).toBe(true);
  });
});

describe('who registers and closes (dispatchRoles)', () => {
  it('takes centre roles only, and only for register and check_pass', () => {
    const { profile } = load('example-city');
    const parse = (dispatchRoles: unknown) => cityProfileSchema.safeParse({ ...profile, dispatchRoles }).success;
    expect(parse({ register: ['shift_leader'], check_pass: ['shift_leader', 'leader'] })).toBe(true);
    expect(parse({ register: ['department'] })).toBe(false);
    expect(parse({ register: [] })).toBe(false);
    expect(parse({ dispatch: ['leader'] })).toBe(false);
  });
});

describe('Shaoyang profile data', () => {
  const { profile } = load('shaoyang');
  const sites = (type: string) => profile.sites.filter((s) => s.type === type);

  it('has a service hall per division plus the 市民之家', () => {
    expect(sites('hall')).toHaveLength(13);
    for (const d of profile.divisions) expect(sites('hall').some((h) => h.division === d.code), d.code).toBe(true);
    const home = sites('hall').find((h) => h.name.zh.includes('市民之家'));
    expect(['430502', '430511']).toContain(home?.division);
  });

  it('has the city hospitals in the urban districts and a 人民医院 in every county', () => {
    expect(sites('hospital').length).toBeGreaterThanOrEqual(13);
    const urban = ['430502', '430503', '430511'];
    for (const name of ['邵阳市中心医院', '邵阳学院附属第一医院', '邵阳市第二人民医院', '邵阳市中医医院']) {
      expect(urban, name).toContain(sites('hospital').find((h) => h.name.zh === name)?.division);
    }
    for (const d of profile.divisions.filter((d) => !urban.includes(d.code))) {
      expect(sites('hospital').some((h) => h.division === d.code && h.name.zh.endsWith('人民医院')), d.code).toBe(true);
    }
  });

  it('has the scenic areas in their real divisions with capacities', () => {
    const scenic = new Map(sites('scenic').map((s) => [s.id, s]));
    expect(scenic.get('scenic-langshan')).toMatchObject({ division: '430528', capacity: 40_000 });
    expect(scenic.get('scenic-nanshan')?.division).toBe('430529');
    expect(scenic.get('scenic-yunshan')?.division).toBe('430581');
    expect(scenic.get('scenic-wugang-old-town')?.division).toBe('430581');
    expect(scenic.get('scenic-baishuidong')?.division).toBe('430522');
    expect(scenic.get('scenic-huxingshan')?.division).toBe('430524');
    expect(scenic.get('scenic-caie')).toMatchObject({ division: '430503', capacity: 10_000 });
    expect(scenic.get('scenic-tangtian')?.division).toBe('430523');
    expect(scenic.get('scenic-yihuiyuan')).toMatchObject({ division: '430582', capacity: 10_000 });
    // No sourced scenic area or visitor figure was found for 双清区 and 北塔区 (README).
    expect([...scenic.values()].filter((s) => s.division === '430502' || s.division === '430511')).toEqual([]);
  });

  it('has two hotels, five cameras and three sensors per division, and about 12 water sections', () => {
    for (const d of profile.divisions) {
      expect(sites('hotel').filter((s) => s.division === d.code), d.code).toHaveLength(2);
      expect(profile.devices.filter((x) => x.division === d.code && x.type === 'camera'), d.code).toHaveLength(5);
      expect(profile.devices.filter((x) => x.division === d.code && x.type !== 'camera'), d.code).toHaveLength(3);
    }
    expect(new Set(profile.devices.map((x) => x.type))).toEqual(new Set(['camera', 'water_level', 'smoke', 'manhole', 'noise', 'gas']));
    expect(sites('water_section').length).toBeGreaterThanOrEqual(10);
    for (const w of sites('water_section')) expect([2, 3]).toContain(w.targetClass);
  });

  it('gets about 40 bus routes, more in the urban districts', () => {
    const routes = busRoutes(profile);
    expect(routes.length).toBeGreaterThanOrEqual(36);
    expect(routes.length).toBeLessThanOrEqual(45);
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(routes.filter((r) => r.division === '430502').length).toBeGreaterThan(routes.filter((r) => r.division === '430524').length);
  });
});

describe('Shaoyang magnitudes', () => {
  const { profile } = load('shaoyang');

  it('gives every division its census population, adding up to the city bulletin total (6 563 520)', () => {
    for (const d of profile.divisions) expect(d.population).toBeGreaterThan(100_000);
    const total = profile.divisions.reduce((n, d) => n + (d.population ?? 0), 0);
    expect(Math.abs(total - 6_563_520)).toBeLessThan(100);
    const by = (zh: string) => profile.divisions.find((d) => d.name.zh === zh)!.population;
    // Published figures, by hand: 隆回县 1 009 778, 大祥区 362 289, 城步 227 911.
    expect(by('隆回县')).toBe(1_009_778);
    expect(by('大祥区')).toBe(362_289);
    expect(by('城步苗族自治县')).toBe(227_911);
  });

  it("assesses the city's air at the five urban stations only", () => {
    const national = profile.airStations.filter((s) => s.national).map((s) => s.division);
    expect(national).toHaveLength(5);
    expect(new Set(national)).toEqual(new Set(['430502', '430503', '430511']));
  });

  it('opens every hall 09:00–12:00 and 13:30–17:30 and marks only 市民之家 as serving the city', () => {
    const halls = profile.sites.filter((s) => s.type === 'hall');
    for (const h of halls) expect(h.openingHours).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }]);
    expect(halls.filter((h) => h.servesCity).map((h) => h.id)).toEqual(['hall-shaoyang']);
  });
});
