import { useMemo, useRef, useState } from 'react';
import { useLocation, useRoute, useSearch } from 'wouter';
import { can } from '@cw/access';
import type { Alert, CaseSummary, CasesTopic, Me, Topic } from '@cw/contracts';
import { useDivisionsGeo, useProfile, useServerClockSampling } from '../api/queries.ts';
import { useWhoAmI } from '../auth/session.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { AppHeader } from '../shell/AppHeader.tsx';
import { AlertsTray } from './AlertsTray.tsx';
import { AssessmentDialog } from './AssessmentDialog.tsx';
import { withSearch } from '../shell/landing.ts';
import { LiveIndicator } from '../shell/LiveIndicator.tsx';
import { ServerClock } from '../shell/ServerClock.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { useDepartments } from './api.ts';
import { CaseDetailPanel, type DetailHandle } from './detail/CaseDetailPanel.tsx';
import { DeskStats } from './DeskStats.tsx';
import { DeskContext, deskData, useDesk, type DeskKind } from './deskContext.ts';
import { IntakeDialog } from './intake/IntakeDialog.tsx';
import { KeyLegend } from './KeyLegend.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { QueueFilters } from './queue/QueueFilters.tsx';
import { QueueList } from './queue/QueueList.tsx';
import { NO_FILTER, buildQueue, isFiltered, stepSelection, taskStates, viewCounts, type QueueView } from './queue/queue.ts';
import { ViewTabs } from './queue/ViewTabs.tsx';
import { useDeskKeys } from './useDeskKeys.ts';
import '../shell/shell.css';
import './console.css';

const DESK = {
  centre: { base: '/console', views: ['open', 'incoming', 'active', 'mine', 'done'], firstView: 'open' },
  department: { base: '/department', views: ['mine', 'active', 'done'], firstView: 'mine' },
} as const satisfies Record<DeskKind, { base: string; views: readonly QueueView[]; firstView: QueueView }>;

/** A case desk (/console, /department): loads the reference data, then runs the desk in the city's time zone. */
export function CaseDesk({ kind }: { kind: DeskKind }) {
  const { t } = useI18n();
  const me = useWhoAmI().data;
  const profile = useProfile();
  const geo = useDivisionsGeo();
  const departments = useDepartments();
  useServerClockSampling();
  const data = useMemo(
    () => (me && profile.data && geo.data && departments.data ? deskData(kind, me, profile.data, geo.data, departments.data) : null),
    [kind, me, profile.data, geo.data, departments.data],
  );
  if (data === null) return <div className="gate-loading">{t(profile.failureCount + departments.failureCount > 0 ? 'loading.retry' : 'loading')}</div>;
  return (
    <I18nProvider timeZone={data.profile.timeZone}>
      <DeskContext.Provider value={data}>
        <DeskScreen />
      </DeskContext.Provider>
    </I18nProvider>
  );
}

const casesTopicOf = (kind: DeskKind, me: Me): CasesTopic => (kind === 'centre' ? 'cases' : `cases:${me.department}`);

function DeskScreen() {
  const { t, l } = useI18n();
  const desk = useDesk();
  const { kind, me } = desk;
  const config = DESK[kind];
  const topic = casesTopicOf(kind, me);
  // The command centre also follows the alerts that every wall shows until acknowledged.
  const topics = useMemo<Topic[]>(() => (kind === 'centre' ? ['system', topic, 'dispatch', 'alerts'] : ['system', topic]), [kind, topic]);
  useLiveTopics(topics);

  const live = useLive((s) => s.topics[topic]) as Record<string, CaseSummary> | undefined;
  const [, params] = useRoute<{ caseId: string }>(`${config.base}/:caseId`);
  const selected = params?.caseId ?? null;
  const [, navigate] = useLocation();
  const search = useSearch();
  const [view, setView] = useState<QueueView>(config.firstView);
  const [filter, setFilter] = useState(NO_FILTER);
  const [intake, setIntake] = useState(false);
  const [intakeFrom, setIntakeFrom] = useState<Alert | null>(null);
  const [assessment, setAssessment] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const detailRef = useRef<DetailHandle>(null);

  const tasks = useMemo(() => taskStates(me.role, desk.profile.dispatchRoles), [me.role, desk.profile.dispatchRoles]);
  const all = useMemo(() => Object.values(live ?? {}), [live]);
  const list = useMemo(() => buildQueue(all, view, filter, tasks), [all, view, filter, tasks]);
  const counts = useMemo(() => viewCounts(all, filter, tasks), [all, filter, tasks]);
  const canReport = can(me.role, 'cases.report');
  const canInstruct = can(me.role, 'cases.instruct');
  const canAssess = kind === 'centre' && can(me.role, 'cases.assessment');

  const open = (id: string | null) => navigate(withSearch(id === null ? config.base : `${config.base}/${encodeURIComponent(id)}`, search));
  const views: readonly QueueView[] = config.views;
  const cycleView = (delta: 1 | -1) => setView(views[(views.indexOf(view) + delta + views.length) % views.length]!);

  useDeskKeys((cmd) => {
    if (intake || intakeFrom || assessment) {
      if (cmd.kind === 'close') {
        setIntake(false);
        setIntakeFrom(null);
        setAssessment(false);
      }
      return cmd.kind === 'close';
    }
    switch (cmd.kind) {
      case 'move':
        open(stepSelection(list, selected, cmd.delta));
        return true;
      case 'edge':
        if (list.length > 0) open(list[cmd.to === 'first' ? 0 : list.length - 1]!.id);
        return true;
      case 'view':
        cycleView(cmd.delta);
        return true;
      case 'search':
        searchRef.current?.focus();
        return true;
      case 'intake':
        if (canReport) setIntake(true);
        return canReport;
      default:
        return detailRef.current?.handle(cmd) ?? false;
    }
  });

  const department = kind === 'department' ? desk.department(me.department) : undefined;
  const title = kind === 'centre' ? t('desk.centreTitle') : t('desk.departmentTitle');
  return (
    <div className="desk" data-testid={kind === 'centre' ? 'console' : 'department-desk'}>
      <AppHeader title={title} affiliation={department ? l(department.name) : (me.department ?? undefined)}>
        {kind === 'centre' && <DeskStats />}
        {kind === 'centre' && <AlertsTray onOpenCase={setIntakeFrom} onShowCase={open} />}
        {canAssess && (
          <button type="button" className="btn btn--quiet" onClick={() => setAssessment(true)} data-testid="assessment-open">
            {t('assessment.open')}
          </button>
        )}
        <ModeSwitch role={me.role} />
        <ServerClock />
        <LiveIndicator />
      </AppHeader>
      <div className="desk__body">
        <section className="queue" aria-label={t('queue.title')}>
          <div className="queue__head">
            <ViewTabs views={views} current={view} counts={counts} onChange={setView} />
            {canReport && (
              <button type="button" className="btn btn--primary" onClick={() => setIntake(true)} data-testid="intake-open" aria-keyshortcuts="n">
                {t('intake.open')} <kbd>N</kbd>
              </button>
            )}
          </div>
          <QueueFilters filter={filter} onChange={setFilter} searchRef={searchRef} />
          <QueueList cases={list} selected={selected} onSelect={open} emptyText={live === undefined ? t('loading') : t(isFiltered(filter) ? 'queue.noMatch' : 'queue.empty')} />
        </section>
        <section className="desk__detail" aria-label={t('detail.title')}>
          {selected === null ? (
            <div className="detail detail--empty">
              <p className="muted">{t('detail.pick')}</p>
            </div>
          ) : (
            <CaseDetailPanel key={selected} ref={detailRef} caseId={selected} live={live?.[selected]} topic={topic} onOpenCase={open} />
          )}
        </section>
      </div>
      <KeyLegend canReport={canReport} canInstruct={canInstruct} />
      {assessment && <AssessmentDialog onClose={() => setAssessment(false)} />}
      {intake && (
        <IntakeDialog
          onCreated={(id) => {
            setIntake(false);
            open(id);
          }}
          onClose={() => setIntake(false)}
        />
      )}
      {intakeFrom && (
        <IntakeDialog
          fromAlert={intakeFrom}
          onCreated={(id) => {
            setIntakeFrom(null);
            open(id);
          }}
          onClose={() => setIntakeFrom(null)}
        />
      )}
    </div>
  );
}
