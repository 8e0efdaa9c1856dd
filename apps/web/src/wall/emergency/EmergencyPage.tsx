import { lazy, Suspense, useMemo, useRef, type CSSProperties } from 'react';
import {
  DEPARTMENT_STATUSES,
  type EmergencyRecord,
  type Localized,
  type MetricDef,
  type NearbyResource,
} from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_COLORS,
  EMERGENCY_LEVEL_LABELS,
  RESOURCE_KIND_LABELS,
} from '@cw/vocabulary';
import { formatDuration } from '../../console/duration.ts';
import { useEmergencyResources } from '../../emergency/api.ts';
import { timelineSayings, timelineSentence } from '../../emergency/timelineText.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { FigureTile } from '../figures/FigureTile.tsx';
import type { WallLayout } from '../layout.ts';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { useWallData } from '../WallData.tsx';
import { pickEmergency } from '../wallStore.ts';
import { EmergencyMap, RESOURCE_STYLE } from './EmergencyMap.tsx';
import { deadlineState } from '../../console/emergency/desk.ts';
import { boundedDepartments, departmentProgress, distanceText, elapsedClock, LEVEL_INK, nearestCameras, resourceOrder, timelineRows } from './emergencyView.ts';

// hls.js is large and only walls with camera streams need it: loaded on first use.
const HlsVideo = lazy(() => import('../overview/HlsVideo.tsx'));

const NO_RESOURCES: readonly NearbyResource[] = [];
// Fixed row heights (vh), so that lists render only the rows that fit their panel; a "n more"
// line below a list shrinks it, so the rows refit around it.
const RESOURCE_ROW_VH = 3.2;
const CHECK_ROW_VH = 3.2;
const TIMELINE_ROW_VH = 5.4;
const ROW_GAP_VH = 0.5;
/**
 * Department rows each layout gives the list (rows are a fixed height in vh, so this is a
 * fixed share of the column at any resolution); more linked departments show as "+N" and
 * the timeline below keeps its room.
 */
const DEPT_ROWS = { standard: 6, wide: 8 } as const;
/** Camera tiles beside the map. */
const CAMERA_TILES = { standard: 2, wide: 3 } as const;

/**
 * 战时: the wall led by one emergency. Standard (16:9): the incident, casualties, vital
 * signs, the plan's checklist and other emergencies left; the map and nearest resources
 * centre; the departments and the timeline right. Wide (32:9): the departments and
 * resources get their own column, the timeline its full height.
 */
export function EmergencyPage({ e, others, layout }: { e: EmergencyRecord; others: readonly EmergencyRecord[]; layout: WallLayout }) {
  const resources = useEmergencyResources(e.id).data ?? NO_RESOURCES;
  const ordered = useMemo(() => resourceOrder(resources), [resources]);
  const map = (
    <>
      <section className="panel panel--emg-map" data-testid="emergency-incident-map">
        <MapTitle />
        <EmergencyMap e={e} ordered={ordered} />
      </section>
      <CamerasPanel e={e} count={CAMERA_TILES[layout]} />
    </>
  );
  const left = (
    <>
      <IncidentPanel e={e} />
      <CasualtiesPanel e={e} />
      <VitalsPanel planId={e.planId} />
      <ChecklistPanel e={e} />
      {others.length > 0 && <OthersPanel others={others} />}
    </>
  );
  return (
    <div className={`emg-wall emg-wall--${layout}${e.drill ? ' emg-wall--drill' : ''}`} data-testid="emergency-layout" data-emergency-id={e.id} data-level={e.level} data-drill={e.drill} style={{ '--level': EMERGENCY_LEVEL_COLORS[e.level] } as CSSProperties}>
      {e.drill && <DrillBanner />}
      {layout === 'wide' ? (
        <div className="emg-wall__grid">
          <div className="emg-wall__col">{left}</div>
          <div className="emg-wall__col">
            <DepartmentsPanel e={e} maxRows={DEPT_ROWS.wide} />
            <ResourcesPanel resources={ordered} />
          </div>
          <div className="emg-wall__col emg-wall__col--map">{map}</div>
          <div className="emg-wall__col">
            <TimelinePanel e={e} />
          </div>
        </div>
      ) : (
        <div className="emg-wall__grid">
          <div className="emg-wall__col">{left}</div>
          <div className="emg-wall__col emg-wall__col--map">
            {map}
            <ResourcesPanel resources={ordered} />
          </div>
          <div className="emg-wall__col">
            <DepartmentsPanel e={e} maxRows={DEPT_ROWS.standard} />
            <TimelinePanel e={e} />
          </div>
        </div>
      )}
    </div>
  );
}

function MapTitle() {
  const { t } = useI18n();
  return <h2 className="panel__title">{t('wemg.map')}</h2>;
}

function DrillBanner() {
  const { t } = useI18n();
  return (
    <div className="emg-wall__drill" data-testid="wall-drill" role="status">
      {t('wemg.drillBanner')}
    </div>
  );
}

/** 演练 / the level, in the level's colour, with its name: never colour alone. */
export function LevelTag({ e }: { e: Pick<EmergencyRecord, 'level'> }) {
  const { l } = useI18n();
  return (
    <span className="emg-tag" style={{ background: EMERGENCY_LEVEL_COLORS[e.level], color: LEVEL_INK[e.level] }} data-testid="wall-emergency-level" data-level={e.level}>
      {l(EMERGENCY_LEVEL_LABELS[e.level])}
    </span>
  );
}

function IncidentPanel({ e }: { e: EmergencyRecord }) {
  const { t, l, lang, time } = useI18n();
  const { profile, divisionName } = useWallData();
  const subtype = profile.emergency?.subtypes.find((s) => s.id === e.subtype);
  const plan = profile.emergency?.plans.find((p) => p.id === e.planId);
  const division = divisionName(e.division);
  const area = e.area.kind === 'radius' ? t('wemg.area.radius', { radius: distanceText(e.area.radiusM, lang) }) : t('wemg.area.polygon');
  return (
    <section className="panel emg-incident" data-testid="wall-emergency-incident">
      <h2 className="panel__title">{t('wemg.incident')}</h2>
      <div className="emg-incident__title" data-testid="wall-emergency-title">
        {e.title}
      </div>
      <div className="emg-incident__tags">
        <LevelTag e={e} />
        <span className="emg-incident__kind">
          {l(EMERGENCY_CATEGORY_LABELS[e.category])}
          {subtype && ` · ${l(subtype.name)}`}
        </span>
      </div>
      <dl className="emg-facts">
        <dt>{t('wemg.where')}</dt>
        <dd data-testid="wall-emergency-place">
          {division ? l(division) : e.division}
          {e.address !== null && ` · ${e.address}`}
          {` · ${area}`}
        </dd>
        <dt>{t('wemg.declared')}</dt>
        <dd>
          {time(e.declaredAt)} · {e.declaredBy}
        </dd>
        <dt>{t('wemg.commander')}</dt>
        <dd>{e.commander ? l(e.commander) : '—'}</dd>
        <dt>{t('wemg.plan')}</dt>
        <dd>{plan ? l(plan.name) : t('wemg.noPlan')}</dd>
        {e.reportDeadlines.length > 0 && (
          <>
            <dt>{t('wrec.deadlines')}</dt>
            <dd className="emg-deadlines" data-testid="wall-emergency-deadlines">
              <Deadlines e={e} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function CasualtiesPanel({ e }: { e: EmergencyRecord }) {
  const { t } = useI18n();
  const cells: { key: string; label: string; value: number; unit: string; grave: boolean }[] = [
    { key: 'deaths', label: t('wemg.deaths'), value: e.casualties.deaths, unit: t('wemg.people'), grave: e.casualties.deaths > 0 },
    { key: 'injured', label: t('wemg.injured'), value: e.casualties.injured, unit: t('wemg.people'), grave: false },
    { key: 'missing', label: t('wemg.missing'), value: e.casualties.missing, unit: t('wemg.people'), grave: e.casualties.missing > 0 },
    { key: 'losses', label: t('wemg.losses'), value: e.lossesWan, unit: t('wemg.wan'), grave: false },
  ];
  return (
    <section className="panel emg-casualties" data-testid="wall-emergency-casualties">
      <h2 className="panel__title">{t('wemg.casualties')}</h2>
      <div className="emg-casualties__grid">
        {cells.map((c) => (
          <div key={c.key} className={`emg-count${c.grave ? ' emg-count--grave' : ''}`} data-testid={`casualty-${c.key}`}>
            <span className="emg-count__label">{c.label}</span>
            <strong>{c.value}</strong>
            {c.unit && <small>{c.unit}</small>}
          </div>
        ))}
      </div>
    </section>
  );
}

/** The live figures the plan names (profile plan `metrics`), drawn as the wall's own tiles. */
function VitalsPanel({ planId }: { planId: string | null }) {
  const { t } = useI18n();
  const { profile, metric } = useWallData();
  const defs = (profile.emergency?.plans.find((p) => p.id === planId)?.metrics ?? []).map(metric).filter((m): m is MetricDef => m !== undefined);
  return (
    <section className="panel emg-vitals" data-testid="wall-emergency-vitals">
      <h2 className="panel__title">{t('wemg.vitals')}</h2>
      {defs.length === 0 ? (
        <p className="emg-empty">{t('wemg.noVitals')}</p>
      ) : (
        <div className="figure-grid figure-grid--2">
          {defs.map((def) => (
            <FigureTile key={def.id} def={def} />
          ))}
        </div>
      )}
    </section>
  );
}

/** The plan's checklist: what is done (when, by whom) and what is still open. */
function ChecklistPanel({ e }: { e: EmergencyRecord }) {
  const { t, l, time } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, CHECK_ROW_VH, ROW_GAP_VH);
  const items = e.checklist;
  const done = items.filter((i) => i.doneAt !== null).length;
  const shown = items.length > fit ? items.slice(0, fit) : items;
  return (
    <section className="panel emg-checklist" data-testid="wall-emergency-checklist">
      <h2 className="panel__title">
        {t('wemg.checklist')} <small>{t('wemg.checkCount', { done, total: items.length })}</small>
      </h2>
      <ol className="emg-checklist__list" ref={list}>
        {shown.map((i) => (
          <li key={i.id} className={`emg-check${i.doneAt !== null ? ' is-done' : ''}`} data-testid="wall-check" data-item={i.id} data-done={i.doneAt !== null}>
            <span className="emg-check__mark" aria-hidden>
              {i.doneAt !== null ? '✓' : '○'}
            </span>
            <span className="emg-check__text">{l(i.text)}</span>
            {i.doneAt !== null && (
              <span className="emg-check__when emg-num">
                {time(i.doneAt).slice(0, 5)} {i.doneBy}
              </span>
            )}
          </li>
        ))}
      </ol>
      {items.length > shown.length && <p className="emg-more">{t('wemg.more', { count: items.length - shown.length })}</p>}
    </section>
  );
}

/** The other active emergencies: a tap leads with one (touch walls); the leading one otherwise. */
function OthersPanel({ others }: { others: readonly EmergencyRecord[] }) {
  const { t } = useI18n();
  const now = useServerTime(1000);
  return (
    <section className="panel emg-others" data-testid="wall-emergency-others">
      <h2 className="panel__title">{t('wemg.others', { count: others.length })}</h2>
      <ul className="emg-others__list">
        {others.map((o) => (
          <li key={o.id} className="emg-others__row" data-testid="wall-other-emergency" data-emergency-id={o.id} onClick={() => pickEmergency(o.id)}>
            <LevelTag e={o} />
            {o.drill && <span className="emg-tag emg-tag--drill">{t('emg.drill')}</span>}
            <span className="emg-others__title">{o.title}</span>
            <span className="emg-others__elapsed emg-num">{elapsedClock(now - o.declaredAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResourcesPanel({ resources }: { resources: readonly NearbyResource[] }) {
  const { t, l, lang } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, RESOURCE_ROW_VH, ROW_GAP_VH);
  return (
    <section className="panel emg-resources" data-testid="wall-emergency-resources">
      <h2 className="panel__title">{t('wemg.resources')}</h2>
      <ol className="emg-resources__list" ref={list}>
        {resources.length === 0 && <li className="emg-empty">{t('wemg.resourcesNone')}</li>}
        {resources.slice(0, fit).map((r) => (
          <li key={r.resource.id} className="emg-resource" data-testid="wall-resource" data-kind={r.resource.kind}>
            <span className="emg-resource__mark" style={{ color: RESOURCE_STYLE[r.resource.kind].colour }} aria-hidden>
              {RESOURCE_STYLE[r.resource.kind].mark}
            </span>
            <span className="emg-resource__kind">{l(RESOURCE_KIND_LABELS[r.resource.kind])}</span>
            <span className="emg-resource__name">{l(r.resource.name)}</span>
            <span className="emg-resource__distance emg-num" data-testid="resource-distance">
              {distanceText(r.distanceM, lang)}
            </span>
            <span className="emg-resource__eta emg-num" data-testid="resource-eta">
              {t('wemg.eta', { minutes: r.etaMinutes })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function useDepartmentName(): (id: string) => Localized {
  const { profile } = useWallData();
  return useMemo(() => {
    const names = new Map(profile.departments.map((d) => [d.id, d.name]));
    return (id: string) => names.get(id) ?? { zh: id, en: id };
  }, [profile.departments]);
}

function DepartmentsPanel({ e, maxRows }: { e: EmergencyRecord; maxRows: number }) {
  const { t, l, lang } = useI18n();
  const name = useDepartmentName();
  // Minutes are what the rows show: a 10-second step keeps them current without redrawing every second.
  const now = useServerTime(10_000);
  const { shown, hidden } = boundedDepartments(departmentProgress(e.departments, e.declaredAt, now), maxRows);
  return (
    <section className="panel emg-depts" data-testid="wall-emergency-departments">
      <h2 className="panel__title">{t('wemg.departments')}</h2>
      <ol className="emg-depts__list">
        {shown.map((r) => (
          <li key={r.department} className={`emg-dept${r.silent ? ' emg-dept--silent' : ''}`} data-testid="wall-department" data-department={r.department} data-status={r.status}>
            <span className="emg-dept__name">
              {l(name(r.department))}
              {r.lead && <span className="emg-dept__lead">{t('wemg.lead')}</span>}
            </span>
            <span className="emg-dept__steps" aria-hidden>
              {DEPARTMENT_STATUSES.map((s, i) => (
                <i key={s} className={i < r.step ? 'is-reached' : undefined} />
              ))}
            </span>
            <span className="emg-dept__status" data-testid="department-status">
              {r.silent ? `✕ ${t('wemg.silent')}` : l(DEPARTMENT_STATUS_LABELS[r.status])}
            </span>
            <span className="emg-dept__time emg-num" data-testid="department-time">
              {t(r.waiting ? 'wemg.waiting' : 'wemg.took', { time: formatDuration(r.sinceNotifiedMs, lang) })}
            </span>
          </li>
        ))}
      </ol>
      {hidden > 0 && (
        <p className="emg-more" data-testid="wall-departments-more">
          {t('wrec.moreDepts', { count: hidden })}
        </p>
      )}
    </section>
  );
}

function TimelinePanel({ e }: { e: EmergencyRecord }) {
  const i18n = useI18n();
  const { t, l, time } = i18n;
  const name = useDepartmentName();
  const { profile } = useWallData();
  const sayings = useMemo(() => timelineSayings(i18n, profile.departments, profile.emergency?.plans ?? []), [i18n, profile]);
  const rows = useMemo(() => timelineRows(e), [e]);
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, TIMELINE_ROW_VH, ROW_GAP_VH);
  const shown = rows.length > fit ? rows.slice(0, fit) : rows;
  return (
    <section className="panel emg-timeline" data-testid="wall-emergency-timeline">
      <h2 className="panel__title">{t('wemg.timeline')}</h2>
      <ol className="emg-timeline__list" ref={list}>
        {shown.map(({ entry, instruction }) => (
          <li key={entry.seq} className={`emg-entry emg-entry--${entry.kind}`} data-testid="wall-timeline-entry" data-kind={entry.kind} data-seq={entry.seq}>
            <time className="emg-entry__time emg-num">{time(entry.at).slice(0, 5)}</time>
            <span className="emg-entry__kind">{t(`wemg.kind.${entry.kind}`)}</span>
            {instruction === null ? (
              <span className="emg-entry__text">{timelineSentence(entry, e, sayings)}</span>
            ) : (
              <span className="emg-entry__text emg-entry__text--instruction" data-testid="wall-instruction" data-instruction-id={instruction.id}>
                <span className="emg-entry__line">
                  {instruction.by}：{instruction.text}
                </span>
                <span className="emg-entry__line emg-entry__to">
                  {instruction.to.map((d) => {
                    const acked = instruction.acknowledgedBy[d] !== undefined;
                    return (
                      <span key={d} className={`emg-ack${acked ? ' is-acked' : ''}`} data-testid="instruction-addressee" data-department={d} data-acknowledged={acked}>
                        {acked ? '✓' : '…'} {l(name(d))} {t(acked ? 'wemg.ack' : 'wemg.unack')}
                      </span>
                    );
                  })}
                </span>
              </span>
            )}
          </li>
        ))}
      </ol>
      {rows.length > shown.length && <p className="emg-more">{t('wemg.more', { count: rows.length - shown.length })}</p>}
    </section>
  );
}

/** The reporting limits in force as running clocks: the time left, red once past it, or when it was met. */
function Deadlines({ e }: { e: EmergencyRecord }) {
  const { t, time } = useI18n();
  const now = useServerTime(1000);
  return e.reportDeadlines.map((d) => {
    const s = deadlineState(d, now);
    return (
      <span key={d.channel} className={`emg-timer emg-timer--${s.state}`} data-testid="wall-deadline" data-channel={d.channel} data-state={s.state}>
        <span className="emg-timer__label">{t(d.channel === 'phone' ? 'wrec.phone' : 'wrec.written')}</span>
        <strong className="emg-timer__clock emg-num" data-testid="wall-deadline-clock">
          {s.state === 'met' ? time(d.metAt!).slice(0, 5) : elapsedClock(s.ms)}
        </strong>
        <span className="emg-timer__state">{t(s.state === 'met' ? 'wrec.met' : s.state === 'overdue' ? 'wrec.overdue' : 'wrec.left')}</span>
      </span>
    );
  });
}

/** The cameras nearest the incident: live video where a camera has a stream, its name and distance always. */
function CamerasPanel({ e, count }: { e: EmergencyRecord; count: number }) {
  const { t, l, lang } = useI18n();
  const { profile } = useWallData();
  const cameras = useMemo(() => nearestCameras(profile.devices, e.location, count), [profile.devices, e.location, count]);
  if (cameras.length === 0) return null;
  return (
    <section className="panel emg-cameras" data-testid="wall-emergency-cameras">
      <h2 className="panel__title">{t('wrec.cameras')}</h2>
      <div className="emg-cameras__grid" style={{ gridTemplateColumns: `repeat(${count}, minmax(0, 1fr))` }}>
        {cameras.map(({ device, distanceM }) => (
          <figure key={device.id} className="emg-camera" data-testid="wall-camera" data-camera={device.id} data-stream={device.streamUrl !== undefined}>
            {device.streamUrl === undefined ? (
              <div className="video">
                <div className="video__state">{t('wrec.noStream')}</div>
              </div>
            ) : (
              <Suspense fallback={<div className="video__state">{t('loading')}</div>}>
                <HlsVideo key={device.id} src={device.streamUrl} />
              </Suspense>
            )}
            <figcaption className="emg-camera__name">
              <span>{l(device.name)}</span>
              <span className="emg-num">{distanceText(distanceM, lang)}</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
