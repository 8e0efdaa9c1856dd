/**
 * Where the city map puts its divisions' names, and how it lays out the main map and the
 * inset of the small urban districts. Pure geometry on the profile's boundaries, so the
 * wall and the dispatch board place names the same way and the rules are unit-tested.
 *
 * Coordinates: longitude/latitude in; distances and areas are taken in a plane where one
 * unit east is cos(latitude) of one unit north, as the map draws them.
 */

export type LonLat = [number, number];
type Ring = readonly LonLat[];
type Polygon = readonly Ring[];

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DivisionShape {
  code: string;
  polygons: Polygon[];
  bounds: Bounds;
  /** The label point: the inside point farthest from the boundary (the "pole of inaccessibility"). */
  labelAt: LonLat;
  /** Its distance to the boundary, in degrees of latitude. */
  radius: number;
}

export interface CityGeometry {
  bounds: Bounds;
  /** East–west scale of the map: cos(mid-latitude) (ECharts' `aspectScale`). */
  aspectScale: number;
  divisions: DivisionShape[];
  /** Divisions too small to carry a readable name on the whole-city map: drawn again in the inset. */
  insetCodes: string[];
  /** The inset's extent (the small divisions), or null when every division is large enough. */
  insetBounds: Bounds | null;
}

/**
 * A division is "small" when its label circle is under this share of the city's height:
 * a two-line name at 1.6 vh on a map ~50 vh tall needs a circle of ~2.5 % of it.
 */
export const SMALL_RADIUS_SHARE = 0.03;

interface GeoFeature {
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: unknown;
}

function polygonsOf(geometry: unknown): Polygon[] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type === 'Polygon') return [g.coordinates as Polygon];
  if (g?.type === 'MultiPolygon') return g.coordinates as Polygon[];
  return [];
}

/** At most this many vertices per ring for placing labels: boundaries have thousands, a label needs far fewer. */
const LABEL_VERTICES = 240;

const thin = (polygon: Polygon): Polygon => polygon.map((ring) => (ring.length <= LABEL_VERTICES ? ring : ring.filter((_, i) => i % Math.ceil(ring.length / LABEL_VERTICES) === 0)));

function boundsOf(polygons: readonly Polygon[]): Bounds {
  const b = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const poly of polygons)
    for (const [x, y] of poly[0] ?? []) {
      if (x < b.west) b.west = x;
      if (x > b.east) b.east = x;
      if (y < b.south) b.south = y;
      if (y > b.north) b.north = y;
    }
  return b;
}

function union(a: Bounds, b: Bounds): Bounds {
  return { west: Math.min(a.west, b.west), south: Math.min(a.south, b.south), east: Math.max(a.east, b.east), north: Math.max(a.north, b.north) };
}

/** Signed distance from (x, y) to a polygon's boundary, positive inside; x already scaled. */
function signedDistance(x: number, y: number, polygon: Polygon, kx: number): number {
  let inside = false;
  let min = Infinity;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[i]![0] * kx;
      const ay = ring[i]![1];
      const bx = ring[j]![0] * kx;
      const by = ring[j]![1];
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      const dx = bx - ax;
      const dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      const d = ex * ex + ey * ey;
      if (d < min) min = d;
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}

/**
 * The inside point of the largest polygon farthest from its boundary: a coarse grid, then
 * finer grids around the best point so far. Good to a few hundredths of the polygon's size,
 * which is all a label needs.
 */
export function poleOfInaccessibility(polygons: readonly Polygon[], kx: number): { at: LonLat; radius: number } {
  let best = { x: 0, y: 0, d: -Infinity };
  for (const polygon of polygons) {
    const b = boundsOf([polygon]);
    let cx = ((b.west + b.east) / 2) * kx;
    let cy = (b.south + b.north) / 2;
    let w = (b.east - b.west) * kx;
    let h = b.north - b.south;
    let local = { x: cx, y: cy, d: signedDistance(cx, cy, polygon, kx) };
    for (let round = 0; round < 4; round++) {
      const n = round === 0 ? 24 : 8;
      for (let i = 0; i <= n; i++)
        for (let j = 0; j <= n; j++) {
          const x = cx - w / 2 + (w * i) / n;
          const y = cy - h / 2 + (h * j) / n;
          const d = signedDistance(x, y, polygon, kx);
          if (d > local.d) local = { x, y, d };
        }
      cx = local.x;
      cy = local.y;
      w /= round === 0 ? 6 : 3;
      h /= round === 0 ? 6 : 3;
    }
    if (local.d > best.d) best = local;
  }
  return { at: [best.x / kx, best.y], radius: Math.max(0, best.d) };
}

/**
 * The boundaries as the map draws them: each division's label point and size, which
 * divisions need the inset, and its extent. Features are named by `id` or `adcode`, as the
 * server accepts.
 */
export function cityGeometry(features: readonly GeoFeature[]): CityGeometry {
  const shapes = features.map((f) => ({ code: String(f.id ?? f.properties?.['adcode'] ?? ''), polygons: polygonsOf(f.geometry) })).filter((s) => s.polygons.length > 0);
  const bounds = shapes.map((s) => boundsOf(s.polygons)).reduce(union, { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity });
  const aspectScale = Math.cos((((bounds.south + bounds.north) / 2) * Math.PI) / 180);
  const divisions = shapes.map((s) => {
    const { at, radius } = poleOfInaccessibility(s.polygons.map(thin), aspectScale);
    return { code: s.code, polygons: s.polygons, bounds: boundsOf(s.polygons), labelAt: at, radius };
  });
  const height = bounds.north - bounds.south;
  const small = divisions.filter((d) => d.radius < SMALL_RADIUS_SHARE * height);
  // An inset is for a cluster of small divisions in a large city; one that is all small needs none.
  const inset = small.length > 0 && small.length < divisions.length ? small : [];
  return {
    bounds,
    aspectScale,
    divisions,
    insetCodes: inset.map((d) => d.code),
    insetBounds: inset.length === 0 ? null : inset.map((d) => d.bounds).reduce(union),
  };
}

/** Width over height of `b` as drawn. */
export const aspectOf = (b: Bounds, aspectScale: number): number => ((b.east - b.west) * aspectScale) / (b.north - b.south);

/** The largest box of `aspect` inside `w`×`h`, aligned to the given sides. */
function contain(w: number, h: number, aspect: number, alignX: 0 | 0.5 | 1, alignY: 0 | 0.5 | 1): Box {
  const width = Math.min(w, h * aspect);
  const height = width / aspect;
  return { x: (w - width) * alignX, y: (h - height) * alignY, width, height };
}

/** Where a point of the city lies in a box that draws `bounds`. */
export function toPixel(box: Box, bounds: Bounds, [lon, lat]: LonLat): [number, number] {
  return [box.x + ((lon - bounds.west) / (bounds.east - bounds.west)) * box.width, box.y + ((bounds.north - lat) / (bounds.north - bounds.south)) * box.height];
}

export interface MapFrames {
  main: Box;
  /** The inset's frame (caption included) and the box its map is drawn in; null without an inset. */
  inset: { frame: Box; map: Box } | null;
}

type Corner = 'bottom-right' | 'bottom-left' | 'top-right';

/**
 * The main map as large as the box allows, centred, and the inset in the corner of the
 * box where the city leaves the most room (never top-left, where the metric buttons sit).
 * `captionPx` is the inset's caption height, `padPx` the gap kept from the city's outline.
 */
export function mapFrames(width: number, height: number, geometry: CityGeometry, captionPx: number, padPx: number): MapFrames {
  const aspect = aspectOf(geometry.bounds, geometry.aspectScale);
  const centred = contain(width, height, aspect, 0.5, 0.5);
  if (geometry.insetBounds === null || width <= 0 || height <= 0) return { main: centred, inset: null };
  const insetAspect = aspectOf(geometry.insetBounds, geometry.aspectScale);
  let best: MapFrames = { main: centred, inset: null };
  let bestArea = 0;
  for (const corner of ['bottom-right', 'bottom-left', 'top-right'] as Corner[]) {
    // Pull the map away from the inset's corner; any slack in the box goes to the inset.
    const main = contain(width, height, aspect, corner === 'bottom-left' ? 1 : 0, corner === 'top-right' ? 1 : 0);
    const frame = freeCorner(width, height, main, geometry, corner, insetAspect, captionPx, padPx);
    if (frame !== null && frame.map.width * frame.map.height > bestArea) {
      bestArea = frame.map.width * frame.map.height;
      best = { main, inset: frame };
    }
  }
  return best;
}

/**
 * The largest inset frame in `corner` that stays clear of every division's outline: for
 * each depth into the map from the corner's edge, how far in from the side the outline
 * reaches.
 */
function freeCorner(width: number, height: number, main: Box, g: CityGeometry, corner: Corner, insetAspect: number, captionPx: number, padPx: number): { frame: Box; map: Box } | null {
  const right = corner !== 'bottom-left';
  const bottom = corner !== 'top-right';
  const points: [number, number][] = [];
  for (const d of g.divisions)
    for (const poly of d.polygons)
      for (const p of poly[0] ?? []) {
        const [x, y] = toPixel(main, g.bounds, p);
        // Distances from the corner's two edges of the whole box.
        points.push([right ? width - x : x, bottom ? height - y : y]);
      }
  let best: { frame: Box; map: Box } | null = null;
  const steps = 40;
  for (let i = 1; i <= steps; i++) {
    const frameH = (height * i) / steps;
    // The frame may be as wide as the outline leaves free over that height.
    const reach = points.reduce((m, [dx, dy]) => (dy < frameH + padPx && dx < m ? dx : m), width);
    const frameW = reach - padPx;
    if (frameW <= 0 || frameH <= captionPx) continue;
    const inner = contain(frameW, frameH - captionPx, insetAspect, 0.5, 0.5);
    if (best !== null && inner.width * inner.height <= best.map.width * best.map.height) continue;
    const fw = inner.width;
    const fh = inner.height + captionPx;
    const fx = right ? width - fw : 0;
    const fy = bottom ? height - fh : 0;
    best = { frame: { x: fx, y: fy, width: fw, height: fh }, map: { x: fx, y: fy + captionPx, width: fw, height: inner.height } };
  }
  return best;
}

/**
 * The extent a map drawn in `main` (showing `bounds`) would show if it filled the whole
 * `width`×`height` box at the same scale and with the city in the same place: the box's
 * margins around `main` turned into degrees. A zoomed or panned map is drawn (and clipped)
 * in the whole box with these bounds, so no strip beside the city's own frame stays empty.
 */
export function panelBounds(width: number, height: number, main: Box, bounds: Bounds): Bounds {
  const perLon = main.width / (bounds.east - bounds.west);
  const perLat = main.height / (bounds.north - bounds.south);
  return {
    west: bounds.west - main.x / perLon,
    east: bounds.east + (width - main.x - main.width) / perLon,
    north: bounds.north + main.y / perLat,
    south: bounds.south - (height - main.y - main.height) / perLat,
  };
}

/** How far to move a label sideways so it lies within `box` (when it can: a wider label stays centred). */
export function nudgeInto(label: Box, box: Box): number {
  if (label.width >= box.width) return box.x + box.width / 2 - (label.x + label.width / 2);
  if (label.x < box.x) return box.x - label.x;
  if (label.x + label.width > box.x + box.width) return box.x + box.width - (label.x + label.width);
  return 0;
}

/**
 * How far right a label must move to clear `obstacle` (the metric buttons over the map's
 * top-left corner), `padPx` beyond it; 0 when they do not meet.
 */
export function pastObstacle(label: Box, obstacle: Box, padPx: number): number {
  const meets = label.x < obstacle.x + obstacle.width && obstacle.x < label.x + label.width && label.y < obstacle.y + obstacle.height && obstacle.y < label.y + label.height;
  return meets ? obstacle.x + obstacle.width + padPx - label.x : 0;
}
