import { useMemo, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from 'wouter';
import { ALERT_LEVELS, compareAlerts, type Alert, type AlertLevel, type MetricDef } from '@cw/contracts';
import { ALERT_LEVEL_COLORS, ALERT_LEVEL_NUMERALS } from '@cw/vocabulary';
import { useCatalogue, useProfile } from '../api/queries.ts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { serverNow } from '../live/clock.ts';
import { useAlertsTopic } from '../live/store.ts';
import { withSearch } from '../shell/landing.ts';
import { AdminTable } from './AdminTable.tsx';
import { api } from './api.ts';

const DAY_MS = 86_400_000;
/** Most severe first, as everywhere alerts are listed. */
const LEVELS_DOWN = [...ALERT_LEVELS].reverse();
const COLUMNS = ['11%', '11%', '18%', '14%', '22%', '10%', '14%'];

const levelStyle = (level: AlertLevel) => ({ '--level': ALERT_LEVEL_COLORS[level] }) as CSSProperties;

/** A level as every screen shows it: numeral and name in the level's colour, never colour alone. */
function LevelBadge({ level }: { level: AlertLevel }) {
  const { t } = useI18n();
  return (
    <span className={`alert-level alert-level--${level}`} style={levelStyle(level)}>
      {ALERT_LEVEL_NUMERALS[level]} {t(`alertLevel.${level}`)}
    </span>
  );
}

/**
 * What the administrator, who owns the thresholds, needs to see of the alerts they raise:
 * how many are open and were raised today per level, the open ones most severe first with
 * the figure against its level's threshold and the metric's whole ladder, and who
 * acknowledged what in the last 24 hours, and why.
 */
export function AlertsPanel() {
  const { t } = useI18n();
  const search = useSearch();
  const live = useAlertsTopic();
  const open = useMemo(() => Object.values(live ?? {}).sort(compareAlerts), [live]);
  // Read again whenever the open alerts change: an acknowledgement takes one off the walls.
  const openKey = open.map((a) => `${a.id}:${a.level}:${a.clearedAt ?? ''}`).join(',');
  const day = useQuery({
    queryKey: ['admin', 'alerts', openKey],
    queryFn: () => api<Alert[]>('GET', `/api/v1/alerts?from=${serverNow() - DAY_MS}&limit=1000`),
    retry: 1,
    placeholderData: (previous) => previous,
  });
  const done = useMemo(() => (day.data ?? []).filter((a) => a.acknowledgedAt !== null).sort(compareAlerts), [day.data]);
  const openCount = (l: AlertLevel) => open.filter((a) => a.level === l).length;
  const dayCount = (l: AlertLevel) => (day.data ?? []).filter((a) => a.level === l).length;
  return (
    <div className="admin-section" data-testid="admin-alerts-panel">
      <p className="field__hint">{t('adminAlerts.hint')}</p>
      <table className="table admin-alerts__counts" data-testid="admin-alert-counts">
        <thead>
          <tr>
            <th scope="col">{t('adminAlerts.level')}</th>
            {LEVELS_DOWN.map((l) => (
              <th key={l} scope="col">
                <LevelBadge level={l} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('adminAlerts.open')}</th>
            {LEVELS_DOWN.map((l) => (
              <td key={l} className="num" data-testid={`admin-alerts-open-${l}`}>
                {live === undefined ? '—' : openCount(l)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('adminAlerts.day')}</th>
            {LEVELS_DOWN.map((l) => (
              <td key={l} className="num" data-testid={`admin-alerts-day-${l}`}>
                {day.data === undefined ? '—' : dayCount(l)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <Link href={withSearch('/admin/thresholds', search)} className="admin-alerts__edit" data-testid="admin-alerts-thresholds">
        {t('adminAlerts.editThresholds')} →
      </Link>
      <section className="admin-group" aria-labelledby="alerts-open">
        <h3 id="alerts-open" className="admin-group__title">
          {t('adminAlerts.openTitle')}
        </h3>
        <AdminTable
          testId="admin-alerts-open"
          head={[t('adminAlerts.level'), t('adminAlerts.where'), t('adminAlerts.metric'), t('adminAlerts.value'), t('adminAlerts.ladder'), t('adminAlerts.raised'), t('adminAlerts.state')]}
          empty={false}
          loading={live === undefined}
          widths={COLUMNS}
        >
          {open.map((a) => (
            <AlertRow key={a.id} alert={a} />
          ))}
          {live !== undefined && open.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="table__empty">
                {t('adminAlerts.noOpen')}
              </td>
            </tr>
          )}
        </AdminTable>
      </section>
      <section className="admin-group" aria-labelledby="alerts-done">
        <h3 id="alerts-done" className="admin-group__title">
          {t('adminAlerts.doneTitle')}
        </h3>
        {day.isError && <FailureMessage failure={describeFailure(day.error)} />}
        <AdminTable
          testId="admin-alerts-done"
          head={[t('adminAlerts.level'), t('adminAlerts.where'), t('adminAlerts.metric'), t('adminAlerts.value'), t('adminAlerts.ladder'), t('adminAlerts.raised'), t('adminAlerts.acknowledged')]}
          empty={false}
          loading={day.isPending}
          widths={COLUMNS}
        >
          {done.map((a) => (
            <AlertRow key={a.id} alert={a} />
          ))}
          {day.data !== undefined && done.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length} className="table__empty">
                {t('adminAlerts.noneDone')}
              </td>
            </tr>
          )}
        </AdminTable>
      </section>
    </div>
  );
}

function AlertRow({ alert }: { alert: Alert }) {
  const { t, l, value, time, day } = useI18n();
  const def = useCatalogue().data?.find((m) => m.id === alert.metric);
  const division = useProfile().data?.divisions.find((d) => d.code === alert.scope);
  const fmt = (v: number) => (def ? value(v, def) : String(v));
  return (
    <tr data-testid="admin-alert" data-level={alert.level} data-scope={alert.scope} data-metric={alert.metric} style={levelStyle(alert.level)}>
      <td>
        <LevelBadge level={alert.level} />
      </td>
      <td>{division ? l(division.name) : t('alerts.cityScope')}</td>
      <td>
        {alert.source ? t('sources.silentAlert', { name: alert.source.name }) : def ? l(def.name) : alert.metric}
        <span className="table__sub mono">{alert.metric}</span>
      </td>
      <td className="num" data-testid="admin-alert-value">
        <strong>{fmt(alert.value)}</strong>
        {def ? l(def.unit) : ''} / {fmt(alert.threshold)}
        <span className="table__sub">{t('alerts.clearsAt', { value: fmt(alert.clearAt) })}</span>
      </td>
      <td data-testid="admin-alert-ladder">{def ? <Ladder def={def} current={alert.level} /> : '—'}</td>
      <td className="mono">
        {`${day(alert.raisedAt)} ${time(alert.raisedAt).slice(0, 5)}`}
        {alert.escalatedAt !== null && <span className="table__sub">{t('alerts.escalated', { time: time(alert.escalatedAt).slice(0, 5) })}</span>}
      </td>
      <td>
        {alert.acknowledgedAt === null ? (
          <span className={`status status--${alert.clearedAt === null ? 'off' : 'on'}`}>{t(alert.clearedAt === null ? 'adminAlerts.crossing' : 'alerts.cleared')}</span>
        ) : (
          <>
            {alert.acknowledgedBy ?? '—'} <span className="mono">{time(alert.acknowledgedAt).slice(0, 5)}</span>
            {alert.acknowledgeNote && <span className="table__sub">{alert.acknowledgeNote}</span>}
          </>
        )}
        {alert.link && <span className="table__sub">{t(alert.link.kind === 'case' ? 'alertLink.case' : 'alertLink.emergency', { id: alert.link.id })}</span>}
      </td>
    </tr>
  );
}

/** The metric's thresholds now, most severe first; the alert's own level stands out. */
function Ladder({ def, current }: { def: MetricDef; current: AlertLevel }) {
  const { value } = useI18n();
  const th = def.thresholds;
  if (!th) return <>—</>;
  return (
    <span className="admin-alerts__ladder">
      {LEVELS_DOWN.filter((l) => th.levels[l] !== undefined).map((l) => (
        <span key={l} className={`admin-alerts__step${l === current ? ' is-current' : ''}`} style={levelStyle(l)} data-level={l}>
          {ALERT_LEVEL_NUMERALS[l]} {value(th.levels[l]!, def)}
        </span>
      ))}
    </span>
  );
}
