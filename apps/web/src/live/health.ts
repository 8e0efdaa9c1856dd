import type { MetricDef, VitalReading } from '@cw/contracts';
import type { ConnectionState } from '@cw/live-client';

export type WallHealth = 'live' | 'degraded' | 'offline' | 'connecting' | 'incompatible';

/** Figures that describe a level (AQI, devices online, bed occupancy): they always have a value while their sources report. */
function isLevel(def: MetricDef): boolean {
  const c = def.compute;
  return c.kind === 'aqi' || c.kind === 'gauge' || c.kind === 'gauge_ratio' || (c.kind === 'window' && c.window === 'trailing1h');
}

/** How old a figure is (ms) when older than its staleness budget, else null. */
export function staleAge(asOf: number | null | undefined, def: MetricDef, now: number): number | null {
  if (asOf == null) return null;
  const age = now - asOf;
  return age > def.staleAfterSec * 1000 ? age : null;
}

/**
 * A figure the screen cannot vouch for: older than its budget, or a level with no value
 * at all (its sources have been silent longer than its window). A gauge whose places are
 * all closed is neither. A count that is simply
 * zero today, or a rate with nothing to divide yet, is not missing.
 */
export function isDegraded(reading: VitalReading | undefined, def: MetricDef, now: number): boolean {
  if (reading === undefined) return false;
  // Halls shut by their opening hours owe no reading: closed is not late.
  if (reading.closed) return false;
  if (staleAge(reading.asOf, def, now) !== null) return true;
  return reading.value === null && isLevel(def);
}

/**
 * What the whole screen says about its data: OFFLINE when the socket is down, DEGRADED
 * when connected but some city figure cannot be vouched for, LIVE otherwise.
 */
export function wallHealth(
  state: ConnectionState,
  city: Readonly<Record<string, VitalReading>> | undefined,
  catalogue: readonly MetricDef[],
  now: number,
): { health: WallHealth; degraded: MetricDef[] } {
  // A refused session is handled by the sign-in gate; until then the screen has no live data.
  if (state === 'unauthenticated') return { health: 'offline', degraded: [] };
  if (state !== 'live') return { health: state, degraded: [] };
  const degraded = catalogue.filter((def) => isDegraded(city?.[def.id], def, now));
  return { health: degraded.length > 0 ? 'degraded' : 'live', degraded };
}
