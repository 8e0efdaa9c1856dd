import type { DivisionsGeoJson } from '../../api/queries.ts';
import { echarts } from '../../charts/echarts.ts';

export const CITY_MAP = 'city';
/** The property the map's regions are named by: the division code. */
export const CODE_PROPERTY = 'cwCode';

let registered: DivisionsGeoJson | null = null;

/**
 * Registers the profile's boundaries with ECharts once. Profiles key features by `id` or by
 * an `adcode` property (the server accepts either); regions are named by division code.
 */
export function registerCityMap(geo: DivisionsGeoJson): void {
  if (registered === geo) return;
  const features = geo.features.map((f) => ({ ...f, properties: { ...f.properties, [CODE_PROPERTY]: String(f.id ?? f.properties?.['adcode'] ?? '') } }));
  echarts.registerMap(CITY_MAP, { ...geo, features } as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered = geo;
}
