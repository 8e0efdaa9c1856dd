import type { EmergencyResource, NearbyResource, ResourceKind } from '@cw/contracts';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two [lon, lat] points, metres (haversine). */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Minutes to cover a straight-line distance at a speed, rounded up to the whole minute. */
export const etaMinutes = (distanceM: number, speedKmh: number): number => Math.ceil((distanceM / 1000 / speedKmh) * 60);

export interface NearestOptions {
  /** Only these kinds; all kinds when omitted. */
  kinds?: readonly ResourceKind[];
  speedKmh: number;
  /** At most this many of each kind. */
  perKind?: number;
}

/**
 * Reference resources nearest to a point, by straight-line distance, with an ETA at a stated
 * speed. A straight line underestimates road distance; screens say "直线距离".
 */
export function nearestResources(resources: readonly EmergencyResource[], from: readonly [number, number], opts: NearestOptions): NearbyResource[] {
  const ranked = resources
    .filter((r) => opts.kinds === undefined || opts.kinds.includes(r.kind))
    .map((resource) => {
      const distanceM = haversineM(from, resource.location);
      return { resource, distanceM: Math.round(distanceM), etaMinutes: etaMinutes(distanceM, opts.speedKmh) };
    })
    .sort((a, b) => a.distanceM - b.distanceM || a.resource.id.localeCompare(b.resource.id));
  if (opts.perKind === undefined) return ranked;
  const taken = new Map<ResourceKind, number>();
  return ranked.filter((r) => {
    const n = taken.get(r.resource.kind) ?? 0;
    taken.set(r.resource.kind, n + 1);
    return n < opts.perKind!;
  });
}
