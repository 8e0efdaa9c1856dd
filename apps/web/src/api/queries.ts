import { useQuery } from '@tanstack/react-query';
import type { CityProfile, MetricDef } from '@cw/contracts';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export interface DivisionsGeoJson {
  type: 'FeatureCollection';
  features: { id?: string | number; type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[];
}

export const useProfile = () => useQuery({ queryKey: ['profile'], queryFn: () => getJson<CityProfile>('/api/v1/profile') });

export const useDivisionsGeo = () =>
  useQuery({ queryKey: ['profile', 'geo'], queryFn: () => getJson<DivisionsGeoJson>('/api/v1/profile/divisions.geojson'), staleTime: Infinity });

export const useCatalogue = () => useQuery({ queryKey: ['catalogue'], queryFn: () => getJson<MetricDef[]>('/api/v1/catalogue') });
