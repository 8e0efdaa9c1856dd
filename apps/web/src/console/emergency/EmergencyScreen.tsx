import { useMemo, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { can } from '@cw/access';
import type { EmergencyRecord, Topic } from '@cw/contracts';
import { useProfile, useServerClockSampling } from '../../api/queries.ts';
import { useWhoAmI } from '../../auth/session.ts';
import { useEmergencyRecords } from '../../emergency/api.ts';
import { I18nProvider, useI18n } from '../../i18n/i18n.tsx';
import { AppHeader } from '../../shell/AppHeader.tsx';
import { withSearch } from '../../shell/landing.ts';
import { LiveIndicator } from '../../shell/LiveIndicator.tsx';
import { ServerClock } from '../../shell/ServerClock.tsx';
import { useLiveTopics } from '../../shell/useLiveTopics.ts';
import { useDepartments } from '../api.ts';
import { ModeSwitch } from '../ModeSwitch.tsx';
import { CommandDesk } from './CommandDesk.tsx';
import { DeclareDialog } from './DeclareDialog.tsx';
import { sortEmergencies } from './desk.ts';
import { DrillLabel, LevelBadge } from './parts.tsx';
import '../../shell/shell.css';
import '../console.css';

export const EMERGENCY_PATH = '/console/emergencies';
const TOPICS: Topic[] = ['system', 'emergencies'];

/** The query with the selected emergency set (`?e=`), keeping the rest (`lang`). */
export function emergencyHref(search: string, id: string | null): string {
  const q = new URLSearchParams(search);
  if (id === null) q.delete('e');
  else q.set('e', id);
  return withSearch(EMERGENCY_PATH, q.toString());
}

/** /console/emergencies: the command desk, every emergency listed (highest level first), one open. */
export function EmergencyScreen() {
  const { t } = useI18n();
  const profile = useProfile();
  const departments = useDepartments();
  useServerClockSampling();
  if (!profile.data || !departments.data) return <div className="gate-loading">{t(profile.failureCount + departments.failureCount > 0 ? 'loading.retry' : 'loading')}</div>;
  return (
    <I18nProvider timeZone={profile.data.timeZone}>
      <Screen profile={profile.data} departments={departments.data} />
    </I18nProvider>
  );
}

function Screen({ profile, departments }: { profile: NonNullable<ReturnType<typeof useProfile>['data']>; departments: NonNullable<ReturnType<typeof useDepartments>['data']> }) {
  const { t, time } = useI18n();
  useLiveTopics(TOPICS);
  const me = useWhoAmI().data;
  const search = useSearch();
  const [, navigate] = useLocation();
  const [declaring, setDeclaring] = useState(false);
  const { records } = useEmergencyRecords();
  const list = useMemo(() => sortEmergencies(records ?? []), [records]);
  const byId = useMemo(() => new Map<string, EmergencyRecord>(list.map((e) => [e.id, e])), [list]);
  const wanted = new URLSearchParams(search).get('e');
  const selected = wanted ?? list[0]?.id ?? null;
  const back = new URLSearchParams(search);
  back.delete('e');
  return (
    <div className="desk" data-testid="emergency-screen">
      <AppHeader title={t('emg.title')}>
        <Link className="btn btn--quiet" href={withSearch('/console', back.toString())}>
          {t('emg.backToCases')}
        </Link>
        {me && <ModeSwitch role={me.role} />}
        <ServerClock />
        <LiveIndicator />
      </AppHeader>
      <div className="desk__body emg-body">
        <section className="queue" aria-label={t('emg.list')}>
          <div className="queue__head">
            <h2 className="section__title">{t('emg.list')}</h2>
            {me && can(me.role, 'emergency.declare') && (
              <button type="button" className="btn btn--danger" onClick={() => setDeclaring(true)}>
                {t('emg.declare')}
              </button>
            )}
          </div>
          <ul className="emg-records" data-testid="emergency-list">
            {records !== undefined && list.length === 0 && <li className="queue__empty">{t('emg.none')}</li>}
            {list.map((e) => (
              <li key={e.id}>
                <Link className={`row emg-row${e.id === selected ? ' is-selected' : ''}`} href={emergencyHref(search, e.id)} data-testid="emergency-row" data-emergency-id={e.id} data-status={e.status}>
                  <span className="row__title-line">
                    <LevelBadge level={e.level} />
                    {e.drill && <DrillLabel />}
                    <span className="row__title">{e.title}</span>
                  </span>
                  <span className="row__meta mono">
                    {e.id} · {time(e.declaredAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
        <section className="desk__detail">
          {selected === null ? (
            <div className="detail detail--empty">
              <p className="muted">{t('emg.none')}</p>
            </div>
          ) : (
            <CommandDesk key={selected} id={selected} live={byId.get(selected)} profile={profile} departments={departments} />
          )}
        </section>
      </div>
      {declaring && (
        <DeclareDialog
          from={{ kind: 'direct' }}
          profile={profile}
          onClose={() => setDeclaring(false)}
          onDeclared={(id) => {
            setDeclaring(false);
            navigate(emergencyHref(search, id));
          }}
        />
      )}
    </div>
  );
}
