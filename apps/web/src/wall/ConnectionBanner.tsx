import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import type { WallHealth } from '../live/connection.ts';

/** Says plainly, across the room, when the screen is not showing live data. */
export function ConnectionBanner({ health, staleCount }: { health: WallHealth; staleCount: number }) {
  const { t, formatTime } = useI18n();
  const lastUpdate = useLive((s) => s.lastUpdate);
  const offset = useLive((s) => s.status.clockOffsetMs);
  const refusal = useLive((s) => s.status.refusal);
  if (health === 'live' || health === 'connecting') return null;
  if (health === 'degraded') {
    return (
      <div className="wall-banner wall-banner--degraded" data-testid="banner" role="alert">
        {t('conn.degraded')} · {t('conn.degradedDetail', { count: staleCount })}
      </div>
    );
  }
  return (
    <div className={`wall-banner wall-banner--${health}`} data-testid="banner" role="alert">
      <strong>{t(health === 'offline' ? 'conn.offline' : 'conn.incompatible')}</strong>
      <span>{health === 'offline' ? t('conn.offlineDetail') : t('conn.incompatibleDetail', { message: refusal?.message ?? '' })}</span>
      {lastUpdate !== null && <span>{t('conn.lastUpdate', { time: formatTime(lastUpdate + offset) })}</span>}
    </div>
  );
}
