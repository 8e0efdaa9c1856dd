import type { CityProfile } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow, type WallHealth } from '../live/connection.ts';
import { useLive } from '../live/store.ts';

const HEALTH_KEY = {
  live: 'conn.live',
  degraded: 'conn.degraded',
  offline: 'conn.offline',
  connecting: 'conn.connecting',
  incompatible: 'conn.incompatible',
} as const;

export function WallHeader({ profile, health }: { profile: CityProfile; health: WallHealth }) {
  const { t, l, formatTime } = useI18n();
  const now = useNow();
  const offset = useLive((s) => s.status.clockOffsetMs);
  return (
    <header className="wall-header">
      <div className="wall-header__side">
        <span className="wall-mode" data-testid="mode">
          {t('mode.peace')}
        </span>
        <time className="wall-clock" data-testid="clock">
          {formatTime(now + offset, true)}
        </time>
      </div>
      <h1 className="wall-title">
        {l(profile.name)} · {t('app.title')}
        <small>{t('app.subtitle')}</small>
      </h1>
      <div className="wall-header__side wall-header__side--right">
        <span className={`wall-health wall-health--${health}`} data-testid="health" role="status">
          <span className="wall-health__dot" aria-hidden />
          {t(HEALTH_KEY[health])}
        </span>
      </div>
    </header>
  );
}
