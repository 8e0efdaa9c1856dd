import { useEffect, useMemo, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Redirect, Route, Switch, useSearch } from 'wouter';
import { CITY_SCOPE, vitalsTopic, type CityProfile, type Me, type MetricDef, type Topic } from '@cw/contracts';
import { useWhoAmI } from '../auth/session.ts';
import { useCatalogue, useProfile, useServerClockSampling } from '../api/queries.ts';
import { useDepartments } from '../console/api.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { SCREEN_ROLES, withSearch } from '../shell/landing.ts';
import { RequireRole } from '../shell/RequireRole.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { useLive } from '../live/store.ts';
import { CasesView } from './CasesView.tsx';
import { CaseView } from './CaseView.tsx';
import { CityView } from './CityView.tsx';
import { EmergenciesView, EmergencyView } from './EmergenciesView.tsx';
import { LeaderDataContext, type LeaderData } from './leaderData.ts';
import { LeaderHeader } from './LeaderHeader.tsx';
import { MetricView } from './MetricView.tsx';
import { usePersistedLive } from './offline.ts';
import { PullToRefresh } from './PullToRefresh.tsx';
import { useServiceWorker } from './serviceWorker.ts';
import './leader.css';

/** What the leader's screen follows live: the city, each division, alerts, cases and emergencies. */
export function leaderTopics(profile: CityProfile): Topic[] {
  return ['system', 'alerts', 'emergencies', 'cases', 'dispatch', vitalsTopic(CITY_SCOPE), ...profile.divisions.map((d) => vitalsTopic(d.code))];
}

/** 领导决策 (/leader): the leader's touch screen for tablets and phones. */
export function LeaderApp() {
  return (
    <RequireRole roles={SCREEN_ROLES.leader}>
      <LeaderLoader />
    </RequireRole>
  );
}

function LeaderLoader() {
  const profile = useProfile();
  const catalogue = useCatalogue();
  const departments = useDepartments();
  const me = useWhoAmI().data;
  useServerClockSampling();
  useServiceWorker();
  const data = useMemo<LeaderData | null>(() => {
    if (!profile.data || !catalogue.data) return null;
    const metrics = new Map<string, MetricDef>(catalogue.data.map((m) => [m.id, m]));
    const divisions = new Map(profile.data.divisions.map((d) => [d.code, d.name]));
    const depts = new Map((departments.data ?? profile.data.departments).map((d) => [d.id, d.name]));
    return {
      profile: profile.data,
      catalogue: catalogue.data,
      metric: (id) => metrics.get(id),
      scopeName: (scope) => (scope === CITY_SCOPE ? { zh: profile.data.name.zh, en: profile.data.name.en } : divisions.get(scope)),
      departmentName: (id) => (id === null ? undefined : depts.get(id)),
    };
  }, [profile.data, catalogue.data, departments.data]);
  if (data === null || !me) return <LeaderLoading failing={profile.isError || catalogue.isError} />;
  return (
    <I18nProvider timeZone={data.profile.timeZone}>
      <LeaderDataContext.Provider value={data}>
        <LeaderScreen data={data} me={me} />
      </LeaderDataContext.Provider>
    </I18nProvider>
  );
}

function LeaderLoading({ failing }: { failing: boolean }) {
  const { t } = useI18n();
  return (
    <div className="leader leader--loading" data-testid="leader-loading">
      <p>{t(failing ? 'loading.retry' : 'loading')}</p>
    </div>
  );
}

function LeaderScreen({ data, me }: { data: LeaderData; me: Me }) {
  const topics = useMemo(() => leaderTopics(data.profile), [data.profile]);
  useLiveTopics(topics);
  usePersistedLive(me.id, topics);
  useCatchUp();
  const search = useSearch();
  return (
    <div className="leader" data-testid="leader">
      <LeaderHeader me={me} />
      <PullToRefresh>
        <Switch>
          <Route path="/leader">
            <Redirect to={withSearch('/leader/city/government', search)} replace />
          </Route>
          <Route path="/leader/city/:domain">{(p) => <CityView domain={p.domain} />}</Route>
          <Route path="/leader/metric/:id/:scope?">{(p) => <MetricView key={`${p.id}/${p.scope ?? CITY_SCOPE}`} id={p.id} scope={p.scope ?? CITY_SCOPE} />}</Route>
          <Route path="/leader/cases/:list?/:division?">{(p) => <CasesView list={p.list ?? 'open'} division={p.division ?? null} />}</Route>
          <Route path="/leader/case/:id">{(p) => <CaseView key={p.id} id={p.id} />}</Route>
          <Route path="/leader/emergencies">
            <EmergenciesView />
          </Route>
          <Route path="/leader/emergency/:id">{(p) => <EmergencyView key={p.id} id={p.id} />}</Route>
          <Route>
            <Redirect to={withSearch('/leader/city/government', search)} replace />
          </Route>
        </Switch>
      </PullToRefresh>
    </div>
  );
}

/**
 * Back online: the live topics resync by themselves (snapshots or missed deltas); what was
 * read over HTTP (history, case details) is re-read in the background, shown as it was meanwhile.
 */
const CATCH_UP = new Set(['history', 'case', 'emergency', 'emergencies']);

function useCatchUp(): void {
  const qc = useQueryClient();
  const state = useLive((s) => s.status.state);
  const wasOffline = useRef(false);
  useEffect(() => {
    if (state === 'offline') wasOffline.current = true;
    if (state !== 'live' || !wasOffline.current) return;
    wasOffline.current = false;
    void qc.invalidateQueries({ predicate: (q) => CATCH_UP.has(String(q.queryKey[0])) });
  }, [state, qc]);
}
