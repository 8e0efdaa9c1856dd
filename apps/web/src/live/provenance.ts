import { useQuery } from '@tanstack/react-query';
import type { Alert, Provenance } from '@cw/contracts';
import { getJson } from '../api/queries.ts';
import { useLive, alertsOf } from './store.ts';

const SOURCE_SILENT = 'source.silent';

/** The first silent source feeding a figure, from the live source-silence alerts (they list the figures each source feeds); null when none. */
export function silentSourceOf(alerts: Readonly<Record<string, Alert>> | undefined, metric: string): string | null {
  for (const a of Object.values(alerts ?? {})) {
    if (a.metric === SOURCE_SILENT && a.clearedAt === null && a.source?.metrics?.includes(metric)) return a.source.name;
  }
  return null;
}

export const useSilentSource = (metric: string): string | null => useLive((s) => silentSourceOf(alertsOf(s), metric));

/** Which registered sources feed each figure and how fresh they are; read again every minute. */
export const useProvenance = () => useQuery({ queryKey: ['provenance'], queryFn: () => getJson<Provenance>('/api/v1/provenance'), refetchInterval: 60_000, staleTime: 30_000 });
