import { createContext, useContext } from 'react';
import type { CityProfile, Device, MetricDef, Site } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';

/** Reference data every wall component reads: loaded once over HTTP, fixed for the page's life. */
export interface WallData {
  profile: CityProfile;
  geo: DivisionsGeoJson;
  catalogue: readonly MetricDef[];
  /** Division codes in profile order (the scopes of the division topics). */
  divisionCodes: readonly string[];
  metric: (id: string) => MetricDef | undefined;
  /** A site or device by id (sites and devices share the `site` field of events). */
  place: (id: string) => Site | Device | undefined;
  divisionName: (code: string) => { zh: string; en: string } | undefined;
}

export function wallData(profile: CityProfile, geo: DivisionsGeoJson, catalogue: readonly MetricDef[]): WallData {
  const metrics = new Map(catalogue.map((m) => [m.id, m]));
  const places = new Map<string, Site | Device>([...profile.sites.map((s) => [s.id, s] as const), ...profile.devices.map((d) => [d.id, d] as const)]);
  const divisions = new Map(profile.divisions.map((d) => [d.code, d.name]));
  return {
    profile,
    geo,
    catalogue,
    divisionCodes: profile.divisions.map((d) => d.code),
    metric: (id) => metrics.get(id),
    place: (id) => places.get(id),
    divisionName: (code) => divisions.get(code),
  };
}

export const WallDataContext = createContext<WallData | null>(null);

export function useWallData(): WallData {
  const v = useContext(WallDataContext);
  if (v === null) throw new Error('useWallData outside the wall');
  return v;
}
