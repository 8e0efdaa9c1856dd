import fs from 'node:fs';
import path from 'node:path';
import { cityProfileSchema, profileKindsSchema, type CityProfile, type ProfileKinds } from '@cw/contracts';

export interface LoadedProfile {
  profile: CityProfile;
  /** Division boundaries (GeoJSON FeatureCollection, Feature id = division code). */
  geojson: { type: 'FeatureCollection'; features: { id?: string | number; properties?: Record<string, unknown> }[] };
  /** The city's own event kinds, their vital signs and its NGSI-LD mappings (kinds.json; empty when there is none). */
  kinds: ProfileKinds;
}

/**
 * Loads a city profile: `name` is a folder under PROFILES_DIR or a path to one. It must hold
 * profile.json and divisions.geojson, and every division must have a boundary; kinds.json is
 * optional (its schema: packages/contracts/src/event-kinds.ts).
 */
export function loadProfile(name: string, profilesDir: string): LoadedProfile {
  const dir = name.includes('/') ? path.resolve(name) : path.join(profilesDir, name);
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as unknown;
  const parsed = cityProfileSchema.safeParse(read('profile.json'));
  if (!parsed.success) {
    throw new Error(`city profile ${dir}/profile.json is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const profile = parsed.data;
  const geojson = read('divisions.geojson') as LoadedProfile['geojson'];
  const ids = new Set(geojson.features.map((f) => String(f.id ?? f.properties?.['adcode'])));
  const missing = profile.divisions.filter((d) => !ids.has(d.code)).map((d) => d.code);
  if (missing.length > 0) throw new Error(`city profile ${dir}: divisions without a boundary: ${missing.join(', ')}`);
  const codes = new Set(profile.divisions.map((d) => d.code));
  const stray = profile.airStations.filter((s) => !codes.has(s.division)).map((s) => s.id);
  if (stray.length > 0) throw new Error(`city profile ${dir}: stations in unknown divisions: ${stray.join(', ')}`);
  const kindsFile = path.join(dir, 'kinds.json');
  const kindsParsed = profileKindsSchema.safeParse(fs.existsSync(kindsFile) ? read('kinds.json') : {});
  if (!kindsParsed.success) {
    throw new Error(`city profile ${dir}/kinds.json is invalid:\n${kindsParsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return { profile, geojson, kinds: kindsParsed.data };
}
