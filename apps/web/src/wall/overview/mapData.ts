import { alertRank, type Alert, type CityProfile, type Device, type FeedItem, type FeedSeverity, type Localized } from '@cw/contracts';
import type { FocusTarget } from '../focus.ts';

type LonLat = [number, number];

export interface DeviceMarker {
  id: string;
  camera: boolean;
  name: Localized;
  location: LonLat;
  /** From the `parts` of safety.camera_online / safety.sensor_online: 100 online, 0 offline; null unknown. */
  online: boolean | null;
}

/** Every camera and sensor of the profile with its online state. */
export function deviceMarkers(
  devices: readonly Device[],
  cameraParts: Readonly<Record<string, number | null>> | undefined,
  sensorParts: Readonly<Record<string, number | null>> | undefined,
): DeviceMarker[] {
  return devices.map((d) => {
    const camera = d.type === 'camera';
    const part = (camera ? cameraParts : sensorParts)?.[d.id];
    return { id: d.id, camera, name: d.name, location: d.location, online: part == null ? null : part >= 50 };
  });
}

export interface IncidentMarker {
  id: string;
  kind: string;
  type?: string;
  severity: FeedSeverity;
  location: LonLat;
}

/** Feed items that can be placed: their own location, else their site's or device's; newest first. */
export function incidentMarkers(feed: Readonly<Record<string, FeedItem>> | undefined, placeOf: (id: string) => { location: LonLat } | undefined, limit: number): IncidentMarker[] {
  return Object.values(feed ?? {})
    .sort((a, b) => b.ts - a.ts)
    .flatMap((f) => {
      const location = f.location ?? (f.site === undefined ? undefined : placeOf(f.site)?.location);
      if (location === undefined) return [];
      return [{ id: f.id, kind: f.kind, severity: f.severity, location, ...(f.type === undefined ? {} : { type: f.type }) }];
    })
    .slice(0, limit);
}

/**
 * The worst open 橙/红 alert level per division: the map rings only what needs action now
 * (蓝/黄 stay in the alert list). City-wide alerts are not placed on the map.
 */
export function alertLevels(alerts: Readonly<Record<string, Alert>> | undefined): Map<string, Alert['level']> {
  const levels = new Map<string, Alert['level']>();
  for (const a of Object.values(alerts ?? {})) {
    if (a.acknowledgedAt !== null || alertRank(a.level) < alertRank('orange')) continue;
    const had = levels.get(a.scope);
    if (had === undefined || alertRank(a.level) > alertRank(had)) levels.set(a.scope, a.level);
  }
  return levels;
}

/** Where a focus target is on the map: the item's own location, its place's, or its division's label point. */
export function focusLocation(target: FocusTarget, profile: CityProfile, placeOf: (id: string) => { location: LonLat } | undefined): LonLat | null {
  if (target.kind === 'feed') {
    if (target.location) return target.location;
    const site = target.site === undefined ? undefined : placeOf(target.site);
    if (site) return site.location;
  }
  const code = target.kind === 'alert' ? target.scope : target.division;
  return profile.divisions.find((d) => d.code === code)?.center ?? null;
}

/**
 * A division's name as a map label: without the administrative suffix in English
 * ("Chengbu Miao Autonomous County" → "Chengbu"), and an autonomous county as 县 in Chinese
 * (城步苗族自治县 → 城步县), as printed maps abbreviate them. Lists keep the full name.
 */
export function mapLabelName(name: string): string {
  const en = name.replace(/\s+(?:[A-Z][a-z]+\s+)?(?:Autonomous\s+)?(?:District|County|City|Prefecture|Banner)$/, '');
  return en.replace(/^(\p{Script=Han}{2})\p{Script=Han}+族自治县$/u, '$1县');
}
