import type { DivisionsGeoJson } from '../../api/queries.ts';
import { echarts } from '../../charts/echarts.ts';
import { cityGeometry, type Box, type CityGeometry, type MapFrames } from './mapGeometry.ts';

export const CITY_MAP = 'city';
/** The small divisions alone, drawn enlarged in the map's inset. */
export const INSET_MAP = 'city-inset';
/** The property the map's regions are named by: the division code. */
export const CODE_PROPERTY = 'cwCode';

let registered: { geo: DivisionsGeoJson; geometry: CityGeometry } | null = null;

/**
 * Registers the profile's boundaries with ECharts once, and the inset's divisions as a map
 * of their own; returns where labels go and which divisions the inset shows. Profiles key
 * features by `id` or by an `adcode` property (the server accepts either); regions are
 * named by division code.
 */
export function registerCityMap(geo: DivisionsGeoJson): CityGeometry {
  if (registered?.geo === geo) return registered.geometry;
  const features = geo.features.map((f) => ({ ...f, properties: { ...f.properties, [CODE_PROPERTY]: String(f.id ?? f.properties?.['adcode'] ?? '') } }));
  const geometry = cityGeometry(geo.features);
  const inset = new Set(geometry.insetCodes);
  type MapInput = Parameters<typeof echarts.registerMap>[1];
  echarts.registerMap(CITY_MAP, { ...geo, features } as unknown as MapInput);
  echarts.registerMap(INSET_MAP, { ...geo, features: features.filter((f) => inset.has(f.properties[CODE_PROPERTY])) } as unknown as MapInput);
  registered = { geo, geometry };
  return geometry;
}

/** The geo components for a map laid out by `mapFrames`: the city, and the inset when there is one. */
export function geoBoxes(frames: MapFrames, geometry: CityGeometry): Record<string, unknown>[] {
  const box = (b: Box) => ({ left: b.x, top: b.y, width: b.width, height: b.height, roam: false, nameProperty: CODE_PROPERTY, aspectScale: geometry.aspectScale });
  const main = { id: 'main', map: CITY_MAP, ...box(frames.main) };
  return frames.inset === null ? [main] : [main, { id: 'inset', map: INSET_MAP, ...box(frames.inset.map) }];
}
