import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useRoute } from 'wouter';
import type { Me, WallConfig, WallPage } from '@cw/contracts';
import { useWhoAmI } from '../auth/session.ts';
import { useCatalogue, useDivisionsGeo, useProfile, useServerClockSampling, useWallConfig } from '../api/queries.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { NoScreen } from '../shell/RequireRole.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { EmergencyPage } from './emergency/EmergencyPage.tsx';
import { useWallEmergency } from './emergency/useWallEmergency.ts';
import { WallHeader } from './header/WallHeader.tsx';
import { OverviewPage } from './overview/OverviewPage.tsx';
import { mayShowPage, wallTopics } from './pages.ts';
import { isWallPage } from './rotation.ts';
import { ThematicPage } from './thematic/ThematicPage.tsx';
import { useCriticalFocus } from './useCriticalFocus.ts';
import { useWallRotation } from './useWallRotation.ts';
import { useLayout } from './viewport.ts';
import type { WallLayout } from './layout.ts';
import { WallDataContext, wallData, type WallData } from './WallData.tsx';
import '../styles/wall.css';
import '../styles/figures.css';
import '../styles/overview.css';
import '../styles/thematic.css';
import '../styles/wall-emergency.css';
import '../styles/wall-emergency-record.css';

// The board's code is fetched when the rotation first reaches it.
const WallDispatchPage = lazy(() => import('../dispatch-board/WallDispatchPage.tsx').then((m) => ({ default: m.WallDispatchPage })));

/** The wall (/wall, /wall/<domain>, /wall/dispatch): loads reference data, then runs the screen. */
export function WallApp() {
  const profile = useProfile();
  const geo = useDivisionsGeo();
  const catalogue = useCatalogue();
  const config = useWallConfig();
  const me = useWhoAmI().data;
  useServerClockSampling();
  const data = useMemo(
    () => (profile.data && geo.data && catalogue.data ? wallData(profile.data, geo.data, catalogue.data) : null),
    [profile.data, geo.data, catalogue.data],
  );
  if (data === null || config.data === undefined || !me) return <WallLoading failing={profile.failureCount + catalogue.failureCount > 0} />;
  return (
    <I18nProvider timeZone={data.profile.timeZone}>
      <WallDataContext.Provider value={data}>
        <WallScreen data={data} config={config.data} me={me} />
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

/**
 * The running wall: live topics, layout for the screen's shape, rotation and alert focus.
 * While an emergency is active every page gives way to the emergency layout; the rotation
 * runs on underneath, so standing down returns to wherever it has got to.
 */
function WallScreen({ data, config, me }: { data: WallData; config: WallConfig; me: Me }) {
  const [, params] = useRoute<{ page: string }>('/wall/:page');
  const routePage: WallPage = params && isWallPage(params.page) ? params.page : 'overview';
  const layout = useLayout();
  const mayShow = useCallback((page: WallPage) => mayShowPage(me, page), [me]);
  useLiveTopics(useMemo(() => wallTopics(data.profile, me), [data.profile, me]));
  useWallRotation(routePage, config, mayShow);
  useCriticalFocus();
  const { lead, others } = useWallEmergency();
  return (
    <div className={`wall wall--${layout}`} data-testid="wall" data-layout={layout} data-page={routePage} data-emergency={lead?.id ?? ''}>
      <WallHeader emergency={lead} />
      <main className="wall-body">
        {lead !== null ? <EmergencyPage e={lead} others={others} layout={layout} /> : <WallPageBody page={routePage} layout={layout} data={data} mayShow={mayShow} />}
      </main>
      <ConnectionBanner />
    </div>
  );
}

function WallPageBody({ page, layout, data, mayShow }: { page: WallPage; layout: WallLayout; data: WallData; mayShow: (page: WallPage) => boolean }) {
  if (!mayShow(page)) return <NoScreen />;
  if (page === 'overview') return <OverviewPage layout={layout} dispatch={mayShow('dispatch')} />;
  if (page === 'dispatch') {
    return (
      <Suspense fallback={null}>
        <WallDispatchPage profile={data.profile} geo={data.geo} />
      </Suspense>
    );
  }
  return <ThematicPage key={page} domain={page} />;
}
