import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_LEVELS, cityProfileSchema } from '@cw/contracts';
import { metricById } from '@cw/metrics';

/**
 * The emergency sections of the city profiles: plans name real departments, sub-types and
 * metrics, cover every level, and every reference resource lies inside its own division.
 */

type Ring = [number, number][];
interface Feature {
  id: string | number;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

const root = new URL('../../../../profiles/', import.meta.url);
const load = (name: string) => ({
  profile: cityProfileSchema.parse(JSON.parse(fs.readFileSync(new URL(`${name}/profile.json`, root), 'utf8'))),
  features: (JSON.parse(fs.readFileSync(new URL(`${name}/divisions.geojson`, root), 'utf8')) as { features: Feature[] }).features,
});

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const containing = (features: Feature[], [x, y]: [number, number]) =>
  features
    .filter((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).some(([outer, ...holes]) => inRing(x, y, outer!) && !holes.some((h) => inRing(x, y, h))))
    .map((f) => String(f.id));

describe.each(['shaoyang', 'example-city'])('emergency section of %s', (name) => {
  const { profile, features } = load(name);
  const section = profile.emergency!;

  it('exists, with plans that name existing departments, sub-types of their category and known metrics', () => {
    expect(section.plans.length).toBeGreaterThan(0);
    const departments = new Set(profile.departments.map((d) => d.id));
    const subtypes = new Map(section.subtypes.map((s) => [s.id, s.category]));
    const problems: string[] = [];
    for (const plan of section.plans) {
      for (const st of plan.subtypes) if (subtypes.get(st) !== plan.category) problems.push(`${plan.id}: sub-type ${st} is not ${plan.category}`);
      for (const m of plan.metrics) if (metricById(m) === undefined) problems.push(`${plan.id}: unknown metric ${m}`);
      for (const r of plan.responses) {
        for (const d of [r.leadDepartment, ...r.linkedDepartments]) if (!departments.has(d)) problems.push(`${plan.id}: unknown department ${d}`);
      }
      const levels = plan.responses.flatMap((r) => r.levels).sort();
      if (levels.join() !== [...EMERGENCY_LEVELS].join()) problems.push(`${plan.id}: levels ${levels.join()} (each level exactly once)`);
    }
    expect(problems).toEqual([]);
  });

  it('places every reference resource inside its own division only', () => {
    const wrong = section.resources.filter((r) => containing(features, r.location).join() !== r.division).map((r) => `${r.id}: ${containing(features, r.location).join() || 'outside'}`);
    expect(wrong).toEqual([]);
    expect(new Set(section.resources.map((r) => r.id)).size).toBe(section.resources.length);
  });
});

describe('Shaoyang’s plans', () => {
  const { profile } = load('shaoyang');
  const section = profile.emergency!;
  it('cover flood, geological hazard, fire and hazardous chemicals, road traffic, crowd safety and public health', () => {
    const covered = (subtype: string) => section.plans.find((p) => p.subtypes.includes(subtype))?.id;
    expect(['flood', 'geological', 'fire', 'hazardous_chemicals', 'road_traffic', 'crowd_safety', 'epidemic', 'food_poisoning', 'forest_fire'].map(covered)).toEqual([
      'flood',
      'geological',
      'fire-hazchem',
      'fire-hazchem',
      'road-traffic',
      'crowd-safety',
      'public-health',
      'public-health',
      'forest-fire',
    ]);
  });
  it('have every kind of reference resource in every division', () => {
    for (const kind of ['shelter', 'rescue_team', 'hospital', 'fire_station', 'supply_depot'] as const) {
      expect(new Set(section.resources.filter((r) => r.kind === kind).map((r) => r.division)).size).toBe(profile.divisions.length);
    }
  });
});
