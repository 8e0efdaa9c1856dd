import { useMemo } from 'react';
import { CITY_SCOPE } from '@cw/contracts';
import { useServerTime } from '../live/clock.ts';
import { wallHealth } from '../live/health.ts';
import { useLive, vitalsOf } from '../live/store.ts';
import { useWallData } from './WallData.tsx';

/** LIVE / DEGRADED / OFFLINE for the whole screen, re-evaluated each second and on every city update. */
export function useWallHealth() {
  const { catalogue } = useWallData();
  const state = useLive((s) => s.status.state);
  const city = useLive((s) => vitalsOf(s, CITY_SCOPE));
  const now = useServerTime(1000);
  return useMemo(() => wallHealth(state, city, catalogue, now), [state, city, catalogue, now]);
}
