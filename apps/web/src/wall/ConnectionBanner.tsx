import type { OfflineReason } from '@cw/live-client';
import { useI18n } from '../i18n/i18n.tsx';
import { serverTimeAt } from '../live/serverClock.ts';
import { useLive } from '../live/store.ts';
import { useWallHealth } from './useWallHealth.ts';

/** Says plainly, across the room, when the screen has lost the server. */
export function ConnectionBanner() {
  const { t, time } = useI18n();
  const { health } = useWallHealth();
  // Read only while offline: it changes with every message.
  const lastUpdate = useLive((s) => (s.status.state === 'offline' ? s.lastUpdate : null));
  const clock = useLive((s) => s.clock);
  const refusal = useLive((s) => s.status.refusal);
  const reason = useLive((s) => s.status.reason);
  // DEGRADED is said in the header (with the figures concerned): a lasting state must not cover the screen.
  if (health !== 'offline' && health !== 'incompatible') return null;
  return (
    <div className={`wall-banner wall-banner--${health}`} data-testid="banner" role="alert">
      <strong>✕ {t(health === 'offline' ? 'conn.offline' : 'conn.incompatible')}</strong>
      <span>{health === 'offline' ? t(offlineDetail(reason)) : t('conn.incompatibleDetail', { message: refusal?.message ?? '' })}</span>
      {lastUpdate !== null && <span>{t('conn.lastUpdate', { time: time(serverTimeAt(clock, lastUpdate)) })}</span>}
    </div>
  );
}

/** Why the screen is not live, in words for the room. */
function offlineDetail(reason: OfflineReason | undefined) {
  switch (reason) {
    case 'network':
    case 'refused':
    case 'server_closed':
    case 'heartbeat_timeout':
    case 'server_restarting':
      return `conn.reason.${reason}` as const;
    default:
      return 'conn.offlineDetail' as const;
  }
}
