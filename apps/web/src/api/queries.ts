import { useQuery } from '@tanstack/react-query';
import type { CityProfile, MapTiles, MetricDef, WallConfig } from '@cw/contracts';
import { addClockSample } from '../live/store.ts';
import { DAY_MS } from '../time/cityTime.ts';
import type { HistoryPoint } from '../wall/trend.ts';

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export interface DivisionsGeoJson {
  type: 'FeatureCollection';
  features: { id?: string | number; type: 'Feature'; properties: Record<string, unknown> | null; geometry: unknown }[];
}

// Reference data changes only with a server restart (new profile); fetch once, keep forever.
const REFERENCE = { staleTime: Infinity } as const;

export const useProfile = () => useQuery({ queryKey: ['profile'], queryFn: () => getJson<CityProfile>('/api/v1/profile'), ...REFERENCE });
export const useDivisionsGeo = () => useQuery({ queryKey: ['profile', 'geo'], queryFn: () => getJson<DivisionsGeoJson>('/api/v1/profile/divisions.geojson'), ...REFERENCE });
export const useCatalogue = () => useQuery({ queryKey: ['catalogue'], queryFn: () => getJson<MetricDef[]>('/api/v1/catalogue'), ...REFERENCE });
export const useWallConfig = () => useQuery({ queryKey: ['wall'], queryFn: () => getJson<WallConfig>('/api/v1/wall'), ...REFERENCE });

/** Samples the server clock every 5 s, so screens follow simulated time at its speed. */
export function useServerClockSampling(): void {
  useQuery({
    queryKey: ['time'],
    queryFn: async () => {
      const sent = Date.now();
      const { now } = await getJson<{ now: number }>('/api/v1/time');
      // The server read its clock about halfway through the round trip.
      const sample = { local: (sent + Date.now()) / 2, server: now };
      addClockSample(sample);
      return sample;
    },
    refetchInterval: 5000,
    staleTime: 0,
    // The sample goes to the live store's clock model: the caller need not re-render.
    notifyOnChangeProps: [],
  });
}

interface HistoryResponse {
  points: HistoryPoint[];
}

/**
 * Hourly windows of one metric for yesterday and today. Keyed by the local day, so the
 * query moves on by itself at midnight; refetched each minute as hours close.
 */
export const useHourlyHistory = (metric: string, scope: string, dayStart: number) =>
  useQuery({
    queryKey: ['history', metric, scope, '1h', dayStart],
    queryFn: () => getJson<HistoryResponse>(`/api/v1/metrics/${encodeURIComponent(metric)}/history?scope=${scope}&window=1h&from=${dayStart - DAY_MS}&to=${dayStart + DAY_MS}`),
    select: (r) => r.points,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });

/** Daily windows of one metric for the `days` days before today. */
export const useDailyHistory = (metric: string, scope: string, dayStart: number, days: number) =>
  useQuery({
    queryKey: ['history', metric, scope, '1d', dayStart, days],
    queryFn: () => getJson<HistoryResponse>(`/api/v1/metrics/${encodeURIComponent(metric)}/history?scope=${scope}&window=1d&from=${dayStart - days * DAY_MS}&to=${dayStart}`),
    select: (r) => r.points,
    // Yesterday's window closes a little after midnight (the late-event allowance).
    refetchInterval: 5 * 60_000,
    staleTime: 60_000,
  });

export interface AirDay {
  day: number;
  level: number;
}

/** Daily AQI categories (HJ 633-2012) for the `days` days before today. */
export const useAirDaily = (scope: string, dayStart: number, days: number) =>
  useQuery({
    queryKey: ['air-daily', scope, dayStart, days],
    queryFn: () => getJson<AirDay[]>(`/api/v1/air/daily?scope=${scope}&from=${dayStart - days * DAY_MS}&to=${dayStart}`),
    refetchInterval: 5 * 60_000,
    staleTime: 60_000,
  });
export const useMapTiles = () => useQuery({ queryKey: ['map', 'tiles'], queryFn: () => getJson<MapTiles>('/api/v1/map/tiles'), ...REFERENCE });
