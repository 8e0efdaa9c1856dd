import { Link, useLocation } from 'wouter';
import type { CaseSummary, EmergencyRecord, Me, WallPage } from '@cw/contracts';
import { formatAge } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocalTime } from '../live/clock.ts';
import { serverTimeAt } from '../live/serverClock.ts';
import { useLive } from '../live/store.ts';
import { useDeskSignOut } from '../shell/useDeskSignOut.ts';
import { DOMAINS } from '../domains.ts';
import { mayShowPage } from '../wall/pages.ts';
import { listCounts } from './cases.ts';
import { useHref } from './leaderData.ts';

/** The briefing (城市运行日报) lives on its own page. */
export const BRIEFING_PATH = '/briefing';

/** Title, connection and the data's age, the screen's sections, and the way to the wall and out. */
export function LeaderHeader({ me }: { me: Me }) {
  const { t } = useI18n();
  const href = useHref();
  const [path] = useLocation();
  const signOut = useDeskSignOut();
  const cases = useLive((s) => s.topics.cases) as Record<string, CaseSummary> | undefined;
  const emergencies = useLive((s) => s.topics.emergencies) as Record<string, EmergencyRecord> | undefined;
  const counts = listCounts(Object.values(cases ?? {}));
  const active = Object.values(emergencies ?? {}).filter((e) => e.status === 'active').length;
  const wallPages: WallPage[] = ['overview', ...DOMAINS, ...(mayShowPage(me, 'dispatch') ? (['dispatch'] as const) : [])];
  const section = path.startsWith('/leader/case') ? 'cases' : path.startsWith('/leader/emergenc') ? 'emergencies' : 'city';
  return (
    <header className="leader-header" data-testid="leader-header">
      <div className="leader-header__top">
        <h1 className="leader-header__title">
          <span aria-hidden>◈</span> {t('leader.title')}
        </h1>
        <Connection />
        <details className="leader-menu" data-testid="leader-menu">
          <summary className="leader-btn" data-testid="leader-menu-open">
            {t('leader.menu')}
          </summary>
          <nav className="leader-menu__list" aria-label={t('leader.menu')}>
            {wallPages.map((p) => (
              <a key={p} className="leader-btn leader-btn--row" href={href(p === 'overview' ? '/wall' : `/wall/${p}`)} data-testid={`nav-wall-${p}`}>
                {p === 'overview' ? t('leader.nav.wall') : p === 'dispatch' ? t('leader.nav.dispatch') : `${t('leader.nav.wallPage')} · ${t(`domain.${p}`)}`}
              </a>
            ))}
            <a className="leader-btn leader-btn--row" href={href(BRIEFING_PATH)} data-testid="nav-briefing">
              {t('leader.nav.briefing')}
            </a>
            <span className="leader-menu__who">{me.displayName}</span>
            <button type="button" className="leader-btn leader-btn--row" onClick={() => void signOut()} data-testid="sign-out">
              {t('auth.signOut')}
            </button>
          </nav>
        </details>
      </div>
      <nav className="leader-tabs" aria-label={t('leader.sections')}>
        <Link className={`leader-tab${section === 'city' ? ' is-active' : ''}`} href={href('/leader/city/government')} data-testid="tab-city">
          {t('leader.section.city')}
        </Link>
        <Link className={`leader-tab${section === 'cases' ? ' is-active' : ''}`} href={href('/leader/cases/open')} data-testid="tab-cases">
          {t('leader.section.cases')}
          {counts.overdue > 0 && <span className="leader-count is-critical">{t('leader.overdueCount', { count: counts.overdue })}</span>}
        </Link>
        <Link className={`leader-tab${section === 'emergencies' ? ' is-active' : ''}`} href={href('/leader/emergencies')} data-testid="tab-emergencies">
          {t('leader.section.emergencies')}
          {active > 0 && <span className="leader-count is-critical">{active}</span>}
        </Link>
      </nav>
      <OfflineNotice />
    </header>
  );
}

/** Live, connecting or offline, said in words and a mark (never colour alone). */
function Connection() {
  const { t } = useI18n();
  const state = useLive((s) => s.status.state);
  const live = state === 'live';
  return (
    <span className={`leader-conn ${live ? 'is-live' : 'is-offline'}`} data-testid="leader-conn" data-state={state}>
      {live ? `● ${t('leader.conn.live')}` : state === 'connecting' ? `○ ${t('leader.conn.connecting')}` : `✕ ${t('leader.conn.offline')}`}
    </span>
  );
}

/** While not live: the data shown is the last received, and how old it is. */
function OfflineNotice() {
  const { t, lang, time } = useI18n();
  const state = useLive((s) => s.status.state);
  const lastUpdate = useLive((s) => s.lastUpdate);
  const clock = useLive((s) => s.clock);
  const now = useLocalTime(1000);
  if (state === 'live' || (state === 'connecting' && lastUpdate === null)) return null;
  return (
    <div className="leader-offline" role="status" data-testid="leader-offline">
      <strong>{t('leader.offline.title')}</strong>
      <span>
        {lastUpdate === null
          ? t('leader.offline.noData')
          : t('leader.offline.age', { time: time(serverTimeAt(clock, lastUpdate)), age: formatAge(now - lastUpdate, lang) })}
      </span>
      <span>{t('leader.offline.resume')}</span>
    </div>
  );
}
