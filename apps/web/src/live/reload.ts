import type { ConnectionStatus } from '@cw/live-client';

/** At most one automatic reload in this long: a server that keeps refusing must not loop the page. */
export const RELOAD_GUARD_MS = 5 * 60_000;

/**
 * A screen whose app is older than the server's protocol reloads itself to fetch the matching
 * app (a wall has no keyboard); one newer than the server waits, retrying, for its upgrade.
 */
export function shouldReload(status: ConnectionStatus, lastReloadAt: number | null, now: number): boolean {
  if (status.state !== 'incompatible' || status.refusal?.incompatibility !== 'client_too_old') return false;
  return lastReloadAt === null || now - lastReloadAt >= RELOAD_GUARD_MS;
}

const KEY = 'cw.protocolReloadAt';

/** Reloads the page when `shouldReload` says so, remembering when in this tab's session storage. */
export function reloadIfTooOld(status: ConnectionStatus): void {
  const stored = Number(sessionStorage.getItem(KEY));
  const now = Date.now();
  if (!shouldReload(status, Number.isFinite(stored) && stored > 0 ? stored : null, now)) return;
  sessionStorage.setItem(KEY, String(now));
  location.reload();
}
