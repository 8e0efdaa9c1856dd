import { useEffect, useState } from 'react';
import { CITY_SCOPE, vitalsTopic, type MetricDef } from '@cw/contracts';
import { useLive } from './store.ts';

export type WallHealth = 'live' | 'degraded' | 'offline' | 'connecting' | 'incompatible';

/** Re-renders every `ms` so ages and clocks advance without new data. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/**
 * What the whole screen should say about its data: OFFLINE when the socket is down,
 * DEGRADED when connected but some city figure is older than its staleness budget,
 * LIVE otherwise.
 */
export function useWallHealth(catalogue: readonly MetricDef[] | undefined): { health: WallHealth; staleMetrics: string[] } {
  const now = useNow();
  const status = useLive((s) => s.status);
  const city = useLive((s) => s.topics[vitalsTopic(CITY_SCOPE)]);
  if (status.state === 'incompatible') return { health: 'incompatible', staleMetrics: [] };
  if (status.state === 'connecting') return { health: 'connecting', staleMetrics: [] };
  if (status.state === 'offline') return { health: 'offline', staleMetrics: [] };
  const serverNow = now + status.clockOffsetMs;
  const stale = (catalogue ?? []).filter((m) => {
    const r = city?.[m.id];
    return r === undefined || r.asOf === null || serverNow - r.asOf > m.staleAfterSec * 1000;
  });
  return { health: stale.length > 0 ? 'degraded' : 'live', staleMetrics: stale.map((m) => m.id) };
}
