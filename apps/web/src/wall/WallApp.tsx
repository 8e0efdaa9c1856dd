import { useMemo } from 'react';
import { useRoute } from 'wouter';
import { CITY_SCOPE, vitalsTopic, type CityProfile, type Topic, type WallConfig, type WallPage } from '@cw/contracts';
import { useCatalogue, useDivisionsGeo, useProfile, useServerClockSampling, useWallConfig } from '../api/queries.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { WallHeader } from './header/WallHeader.tsx';
import { OverviewPage } from './overview/OverviewPage.tsx';
import { isWallPage } from './rotation.ts';
import { ThematicPage } from './thematic/ThematicPage.tsx';
import { useCriticalFocus } from './useCriticalFocus.ts';
import { useWallRotation } from './useWallRotation.ts';
import { useLayout } from './viewport.ts';
import { WallDataContext, wallData, type WallData } from './WallData.tsx';
import '../styles/wall.css';
import '../styles/figures.css';
import '../styles/overview.css';
import '../styles/thematic.css';

/** The wall (/wall, /wall/<domain>): loads reference data, then runs the screen. */
export function WallApp() {
  const profile = useProfile();
  const geo = useDivisionsGeo();
  const catalogue = useCatalogue();
  const config = useWallConfig();
  useServerClockSampling();
  const data = useMemo(
    () => (profile.data && geo.data && catalogue.data ? wallData(profile.data, geo.data, catalogue.data) : null),
    [profile.data, geo.data, catalogue.data],
  );
  if (data === null || config.data === undefined) return <WallLoading failing={profile.failureCount + catalogue.failureCount > 0} />;
  return (
    <I18nProvider timeZone={data.profile.timeZone}>
      <WallDataContext.Provider value={data}>
        <WallScreen data={data} config={config.data} />
      </WallDataContext.Provider>
    </I18nProvider>
  );
}

function WallLoading({ failing }: { failing: boolean }) {
  const { t } = useI18n();
  return (
    <div className="wall wall--loading" data-testid="wall-loading">
      <div className="wall-loading">{t(failing ? 'loading.retry' : 'loading')}</div>
    </div>
  );
}

const topicsOf = (profile: CityProfile): Topic[] => ['system', 'alerts', 'feed', vitalsTopic(CITY_SCOPE), ...profile.divisions.map((d) => vitalsTopic(d.code))];

/** The running wall: live topics, layout for the screen's shape, rotation and alert focus. */
function WallScreen({ data, config }: { data: WallData; config: WallConfig }) {
  const [, params] = useRoute<{ page: string }>('/wall/:page');
  const routePage: WallPage = params && isWallPage(params.page) ? params.page : 'overview';
  const layout = useLayout();
  useLiveTopics(useMemo(() => topicsOf(data.profile), [data.profile]));
  useWallRotation(routePage, config);
  useCriticalFocus();
  return (
    <div className={`wall wall--${layout}`} data-testid="wall" data-layout={layout} data-page={routePage}>
      <WallHeader />
      <main className="wall-body">{routePage === 'overview' ? <OverviewPage layout={layout} /> : <ThematicPage key={routePage} domain={routePage} />}</main>
      <ConnectionBanner />
    </div>
  );
}
