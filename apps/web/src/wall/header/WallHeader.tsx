import { useI18n } from '../../i18n/i18n.tsx';
import { useWallData } from '../WallData.tsx';
import { AlertCount } from './AlertCount.tsx';
import { CityClock } from './CityClock.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { ModeBadge } from './ModeBadge.tsx';
import { PageIndicator } from './PageIndicator.tsx';

/** City, date and time, operating mode, connection state and open alerts: the band across the top. */
export function WallHeader() {
  const { t, l } = useI18n();
  const { profile } = useWallData();
  return (
    <header className="wall-header">
      <div className="wall-header__side">
        <ModeBadge />
        <CityClock />
      </div>
      <div className="wall-header__centre">
        <h1 className="wall-title" data-testid="city-name">
          {l(profile.name)} · {t('app.title')}
        </h1>
        <PageIndicator />
      </div>
      <div className="wall-header__side wall-header__side--right">
        <AlertCount />
        <HealthBadge />
      </div>
    </header>
  );
}
