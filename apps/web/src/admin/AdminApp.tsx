import type { ComponentType } from 'react';
import { Link, useRoute, useSearch } from 'wouter';
import type { Topic } from '@cw/contracts';
import { useProfile, useServerClockSampling } from '../api/queries.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useSystemState } from '../live/store.ts';
import { AppHeader } from '../shell/AppHeader.tsx';
import { SCREEN_ROLES, withSearch } from '../shell/landing.ts';
import { LiveIndicator } from '../shell/LiveIndicator.tsx';
import { RequireRole } from '../shell/RequireRole.tsx';
import { ServerClock } from '../shell/ServerClock.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { AuditPanel } from './AuditPanel.tsx';
import { DepartmentsPanel } from './DepartmentsPanel.tsx';
import { DisplaysPanel } from './DisplaysPanel.tsx';
import { SourcesPanel } from './SourcesPanel.tsx';
import { ThresholdsPanel } from './ThresholdsPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import '../shell/shell.css';
import './admin.css';

const SECTIONS = {
  users: { label: 'admin.users', panel: UsersPanel },
  displays: { label: 'admin.displays', panel: DisplaysPanel },
  sources: { label: 'admin.sources', panel: SourcesPanel },
  alerts: { label: 'admin.alerts', panel: AlertsPanel },
  thresholds: { label: 'admin.thresholds', panel: ThresholdsPanel },
  departments: { label: 'admin.departments', panel: DepartmentsPanel },
  audit: { label: 'admin.audit', panel: AuditPanel },
} as const satisfies Record<string, { label: MessageKey; panel: ComponentType }>;
type Section = keyof typeof SECTIONS;
const isSection = (s: string | undefined): s is Section => s !== undefined && s in SECTIONS;

// The system topic shows the operating mode; the socket also tells the sign-in gate when the
// session ends. The alerts topic keeps the alerts section's open list live.
const TOPICS: Topic[] = ['system', 'alerts'];

/** /admin and /admin/<section>: the administrator's screens. */
export function AdminApp() {
  return (
    <RequireRole roles={SCREEN_ROLES.admin}>
      <AdminInCityTime />
    </RequireRole>
  );
}

/** Times on these screens (audit, creation, last use) are the city's, whatever the administrator's machine says. */
function AdminInCityTime() {
  const { t } = useI18n();
  const profile = useProfile();
  useServerClockSampling();
  if (!profile.data) return <div className="gate-loading">{t(profile.failureCount > 0 ? 'loading.retry' : 'loading')}</div>;
  return (
    <I18nProvider timeZone={profile.data.timeZone}>
      <AdminScreen />
    </I18nProvider>
  );
}

function AdminScreen() {
  const { t } = useI18n();
  const [, params] = useRoute<{ section: string }>('/admin/:section');
  const search = useSearch();
  const section: Section = isSection(params?.section) ? params.section : 'users';
  const mode = useSystemState()?.mode;
  useLiveTopics(TOPICS);
  const Panel = SECTIONS[section].panel;
  return (
    <div className="admin" data-testid="admin">
      <AppHeader title={t('admin.title')}>
        {mode && <span className={`mode__badge mode__badge--${mode}`}>{t(mode === 'peace' ? 'mode.peace' : 'mode.war')}</span>}
        <ServerClock />
        <LiveIndicator />
      </AppHeader>
      <div className="admin__body">
        <nav className="admin__nav" aria-label={t('admin.title')}>
          {(Object.keys(SECTIONS) as Section[]).map((s) => (
            <Link key={s} href={withSearch(`/admin/${s}`, search)} className={`admin__link${s === section ? ' is-current' : ''}`} aria-current={s === section ? 'page' : undefined} data-testid={`admin-nav-${s}`}>
              {t(SECTIONS[s].label)}
            </Link>
          ))}
        </nav>
        <main className="admin__main" data-testid={`admin-${section}`}>
          <h2 className="admin__heading">{t(SECTIONS[section].label)}</h2>
          <Panel />
        </main>
      </div>
    </div>
  );
}
