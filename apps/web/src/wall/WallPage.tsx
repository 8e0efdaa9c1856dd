import { useEffect, useMemo } from 'react';
import { CITY_SCOPE, vitalsTopic, type Topic } from '@cw/contracts';
import { useCatalogue, useDivisionsGeo, useProfile } from '../api/queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { startLive } from '../live/store.ts';
import { useWallHealth } from '../live/connection.ts';
import { AirPanel } from './AirPanel.tsx';
import { CityMap } from './CityMap.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { DivisionRanking } from './DivisionRanking.tsx';
import { WallHeader } from './WallHeader.tsx';
import '../styles/wall.css';

/** The wall overview: whole city, one screen, no interaction needed. */
export function WallPage() {
  const { t } = useI18n();
  const profile = useProfile();
  const geo = useDivisionsGeo();
  const catalogue = useCatalogue();
  const { health, staleMetrics } = useWallHealth(catalogue.data);

  const topics = useMemo<Topic[]>(
    () => (profile.data ? [vitalsTopic(CITY_SCOPE), ...profile.data.divisions.map((d) => vitalsTopic(d.code))] : []),
    [profile.data],
  );
  useEffect(() => (topics.length > 0 ? startLive(topics) : undefined), [topics]);

  if (!profile.data || !geo.data || !catalogue.data) {
    return (
      <div className="wall wall--loading" data-health={health}>
        <div className="wall-loading">{t('loading')}</div>
      </div>
    );
  }
  return (
    <div className="wall" data-testid="wall" data-health={health}>
      <WallHeader profile={profile.data} health={health} />
      <main className="wall-body">
        <section className="wall-col wall-col--left">
          <AirPanel catalogue={catalogue.data} profile={profile.data} />
        </section>
        <section className="wall-centre">
          <CityMap profile={profile.data} geo={geo.data} />
        </section>
        <section className="wall-col wall-col--right">
          <DivisionRanking profile={profile.data} />
        </section>
      </main>
      <ConnectionBanner health={health} staleCount={staleMetrics.length} />
    </div>
  );
}
