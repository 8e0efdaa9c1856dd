import type { CityProfile, DeviceType } from '@cw/contracts';

/**
 * Device clusters of the city map. At the wall's own zoom each division shows one cluster of
 * all its cameras and sensors; zoomed in (a tablet pinching, a mouse wheel) each division
 * opens into one cluster per device type, and the named devices appear one by one.
 *
 * Figures come from the `parts` of safety.camera_online and safety.sensor_online: a named
 * device's part is 100 (online) or 0, a device fleet's is the share of its devices online.
 */

/** From this zoom on, divisions open into one cluster per device type. */
export const EXPAND_ZOOM = 2;

export interface DeviceCluster {
  id: string;
  division: string;
  /** Set on a cluster of one device type. */
  type?: DeviceType;
  total: number;
  /** Devices online, among those whose state is known (rounded to whole devices). */
  online: number;
  /** Devices whose state is known. */
  reporting: number;
}

type Parts = Readonly<Record<string, number | null>> | undefined;
type Inventory = Pick<CityProfile, 'divisions' | 'devices' | 'deviceFleets'>;

interface Member {
  id: string;
  type: DeviceType;
  division: string;
  count: number;
}

function members(profile: Inventory): Member[] {
  return [...profile.devices.map((d) => ({ id: d.id, type: d.type, division: d.division, count: 1 })), ...profile.deviceFleets.map((f) => ({ id: f.id, type: f.type, division: f.division, count: f.count }))];
}

function add(c: DeviceCluster, m: Member, part: number | null | undefined): void {
  c.total += m.count;
  if (part == null) return;
  c.reporting += m.count;
  c.online += (part / 100) * m.count;
}

/** One cluster per division (`byType` false) or per division and device type, in profile order. */
export function deviceClusters(profile: Inventory, cameraParts: Parts, sensorParts: Parts, byType: boolean): DeviceCluster[] {
  const out = new Map<string, DeviceCluster>();
  for (const d of profile.divisions) if (!byType) out.set(d.code, { id: `division-${d.code}`, division: d.code, total: 0, online: 0, reporting: 0 });
  for (const m of members(profile)) {
    const key = byType ? `${m.division}|${m.type}` : m.division;
    let c = out.get(key);
    if (c === undefined) {
      if (byType) out.set(key, (c = { id: `${m.type}-${m.division}`, division: m.division, type: m.type, total: 0, online: 0, reporting: 0 }));
      else continue;
    }
    add(c, m, (m.type === 'camera' ? cameraParts : sensorParts)?.[m.id]);
  }
  return [...out.values()].filter((c) => c.total > 0).map((c) => ({ ...c, online: Math.round(c.online) }));
}

/** Cameras or sensors of the whole city online, of those reporting, and in all. */
export function devicesOnline(profile: Inventory, parts: Parts, cameras: boolean): { online: number; total: number } {
  let online = 0;
  let total = 0;
  for (const m of members(profile)) {
    if ((m.type === 'camera') !== cameras) continue;
    total += m.count;
    const part = parts?.[m.id];
    if (part != null) online += (part / 100) * m.count;
  }
  return { online: Math.round(online), total };
}

/** A cluster's health: the share online of those reporting, against the 95 % / 90 % marks of the online rates. */
export function clusterState(c: DeviceCluster): 'nodata' | 'normal' | 'warning' | 'critical' {
  if (c.reporting === 0) return 'nodata';
  const share = (c.online / c.reporting) * 100;
  return share > 95 ? 'normal' : share > 90 ? 'warning' : 'critical';
}
