import type { CaseLocation, MapTiles } from '@cw/contracts';

/**
 * Web Mercator tile arithmetic (the XYZ scheme of 天地图's _w layers, OSM and most tile
 * servers): 256-px tiles, 2^z of them across the world at zoom z, tile (0, 0) at the
 * north-west corner.
 */

export const TILE_PX = 256;
/** Mercator's limit: the square world ends at ±85.0511°. */
const MAX_LAT = 85.05112878;

/** A [lon, lat] point in world pixels at zoom `z`. */
export function worldPixel([lon, lat]: CaseLocation, z: number): { x: number; y: number } {
  const size = TILE_PX * 2 ** z;
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return {
    x: ((lon + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size,
  };
}

export interface PlacedTile {
  z: number;
  x: number;
  y: number;
  /** Where the tile's top-left corner sits in the view, px. */
  left: number;
  top: number;
}

/** The tiles covering a `width`×`height` view centred on `center` at zoom `z`. */
export function tilesCovering(center: CaseLocation, z: number, width: number, height: number): PlacedTile[] {
  const c = worldPixel(center, z);
  const left = c.x - width / 2;
  const top = c.y - height / 2;
  const n = 2 ** z;
  const out: PlacedTile[] = [];
  for (let ty = Math.floor(top / TILE_PX); ty <= Math.floor((top + height - 1) / TILE_PX); ty++) {
    if (ty < 0 || ty >= n) continue;
    for (let tx = Math.floor(left / TILE_PX); tx <= Math.floor((left + width - 1) / TILE_PX); tx++) {
      out.push({ z, x: ((tx % n) + n) % n, y: ty, left: Math.round(tx * TILE_PX - left), top: Math.round(ty * TILE_PX - top) });
    }
  }
  return out;
}

/** A tile's address from the source's template; subdomains spread the requests over hosts. */
export function tileUrl(source: Pick<MapTiles, 'url' | 'subdomains'>, t: Pick<PlacedTile, 'z' | 'x' | 'y'>): string {
  if (source.url === null) throw new Error('no tile source');
  const s = source.subdomains.length > 0 ? source.subdomains[(t.x + t.y) % source.subdomains.length]! : '';
  return source.url.replaceAll('{s}', s).replaceAll('{z}', String(t.z)).replaceAll('{x}', String(t.x)).replaceAll('{y}', String(t.y));
}
