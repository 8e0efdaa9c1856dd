import { useMemo, useRef } from 'react';
import type { Alert } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { byUrgency } from '../../live/alertOrder.ts';
import { useAlertsTopic } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { useWallData } from '../WallData.tsx';
import { useWallUi } from '../wallStore.ts';

const ROW_VH = 5.6;
const GAP_VH = 0.6;
/** Height of the "3 more" line. */
const MORE_VH = 3;

/** Threshold crossings awaiting acknowledgement: they stay on the wall until someone acknowledges them. */
export function AlertsPanel() {
  const { t } = useI18n();
  const alerts = useAlertsTopic();
  const focusedId = useWallUi((s) => (s.focus?.kind === 'alert' ? s.focus.id : null));
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, ROW_VH, GAP_VH);
  const fitWithMore = useRowsThatFit(list, ROW_VH, GAP_VH, MORE_VH);
  const sorted = useMemo(() => Object.values(alerts ?? {}).sort(byUrgency), [alerts]);
  // The focused alert is always shown, first.
  const ordered = useMemo(() => {
    const f = sorted.find((a) => a.id === focusedId);
    return f ? [f, ...sorted.filter((a) => a !== f)] : sorted;
  }, [sorted, focusedId]);
  const shown = ordered.length > fit ? ordered.slice(0, fitWithMore) : ordered;
  return (
    <section className="panel panel--alerts" data-testid="alerts" data-count={sorted.length}>
      <h2 className="panel__title">
        {t('alerts.title')} <span className="panel__count">{sorted.length}</span>
      </h2>
      <ol className="alert-list" ref={list}>
        {sorted.length === 0 && <li className="alert-list__empty">✓ {t('alerts.none')}</li>}
        {shown.map((a) => (
          <AlertRow key={a.id} alert={a} focused={a.id === focusedId} />
        ))}
        {shown.length < ordered.length && <li className="alert-list__more">{t('alerts.more', { count: ordered.length - shown.length })}</li>}
      </ol>
    </section>
  );
}

function AlertRow({ alert, focused }: { alert: Alert; focused: boolean }) {
  const { t, l, value, time } = useI18n();
  const { metric, divisionName } = useWallData();
  const def = metric(alert.metric);
  const division = divisionName(alert.scope);
  const cleared = alert.clearedAt !== null;
  const fmt = (v: number) => (def ? value(v, def) : String(v));
  return (
    <li
      className={`alert-row alert-row--${alert.level}${cleared ? ' is-cleared' : ''}${focused ? ' is-focused' : ''}`}
      data-testid="alert-row"
      data-level={alert.level}
      data-metric={alert.metric}
      data-scope={alert.scope}
      data-focused={focused}
    >
      <span className="alert-row__mark" aria-hidden>
        {STATUS_MARK[alert.level]}
      </span>
      <span className="alert-row__what">
        <strong>{division ? l(division) : t('alerts.cityScope')}</strong> · {alert.source ? t('sources.silentAlert', { name: alert.source.name }) : def ? l(def.name) : alert.metric}
      </span>
      <span className="alert-row__level">{t(`status.${alert.level}`)}</span>
      <span className="alert-row__figure">
        {fmt(alert.value)}
        {def && <small>{l(def.unit)}</small>} <small>{t('alerts.limit', { value: fmt(alert.threshold) })}</small>
      </span>
      <time className="alert-row__time">
        {time(alert.raisedAt).slice(0, 5)}
        {cleared && ` · ${t('alerts.cleared')}`}
      </time>
    </li>
  );
}
