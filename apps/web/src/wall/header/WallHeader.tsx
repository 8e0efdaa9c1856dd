import { useI18n } from '../../i18n/i18n.tsx';
import type { EmergencyRecord } from '@cw/contracts';
import { useWallData } from '../WallData.tsx';
import { AlertCount } from './AlertCount.tsx';
import { CityClock } from './CityClock.tsx';
import { HealthBadge } from './HealthBadge.tsx';
import { ModeBadge } from './ModeBadge.tsx';
import { PageIndicator } from './PageIndicator.tsx';

/**
 * City, date and time, operating mode, connection state and open alerts: the band across
 * the top. With an emergency leading, the rotation's place gives way to its title and the
 * clock moves right (without the date), leaving the left to 战时 and the elapsed time.
 */
export function WallHeader({ emergency }: { emergency: EmergencyRecord | null }) {
  const { t, l } = useI18n();
  const { profile } = useWallData();
  return (
    <header className="wall-header">
      <div className="wall-header__side">
        <ModeBadge emergency={emergency} />
        {emergency === null && <CityClock />}
      </div>
      <div className="wall-header__centre">
        <h1 className="wall-title" data-testid="city-name">
          {l(profile.name)} · {t('app.title')}
        </h1>
        {emergency === null ? (
          <PageIndicator />
        ) : (
          <div className="wall-header__emergency" data-testid="header-emergency">
            {emergency.title}
          </div>
        )}
      </div>
      <div className="wall-header__side wall-header__side--right">
        {emergency !== null && <CityClock withDate={false} />}
        <AlertCount />
        <HealthBadge />
      </div>
    </header>
  );
}
