import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { can } from '@cw/access';
import type { Alert } from '@cw/contracts';
import { useCatalogue } from '../api/queries.ts';
import { api } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { byUrgency } from '../live/alertOrder.ts';
import { useAlertsTopic } from '../live/store.ts';
import { onSessionLost } from './api.ts';
import { useDesk } from './deskContext.ts';
import { describeFailure } from './failure.ts';
import { FailureMessage } from './FailureMessage.tsx';

/**
 * The threshold alerts that stay on every wall until someone acknowledges them: a count in
 * the console's header that opens the list, with an acknowledge button for those who may.
 */
export function AlertsTray() {
  const { t } = useI18n();
  const { me } = useDesk();
  const alerts = useAlertsTopic();
  const [open, setOpen] = useState(false);
  const list = useMemo(() => Object.values(alerts ?? {}).sort(byUrgency), [alerts]);
  const critical = list.some((a) => a.level === 'critical' && a.clearedAt === null);
  return (
    <div className="alerts-tray">
      <button
        type="button"
        className={`btn btn--small alerts-tray__button${critical ? ' is-critical' : ''}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="alerts-tray"
        data-count={list.length}
      >
        {t('alertsTray.button', { count: list.length })}
      </button>
      {open && (
        <section className="alerts-tray__panel" aria-label={t('alerts.title')} data-testid="alerts-tray-panel">
          <h2>{t('alerts.title')}</h2>
          {list.length === 0 ? <p className="alerts-tray__empty">{t('alerts.none')}</p> : <ol>{list.map((a) => <AlertItem key={a.id} alert={a} mayAcknowledge={can(me.role, 'alerts.acknowledge')} />)}</ol>}
        </section>
      )}
    </div>
  );
}

function AlertItem({ alert, mayAcknowledge }: { alert: Alert; mayAcknowledge: boolean }) {
  const { t, l, value, time } = useI18n();
  const desk = useDesk();
  const qc = useQueryClient();
  const def = useCatalogue().data?.find((m) => m.id === alert.metric);
  const division = desk.division(alert.scope);
  const fmt = (v: number) => (def ? value(v, def) : String(v));
  const ack = useMutation({
    mutationFn: () => api('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`, {}),
    onError: (err) => onSessionLost(qc, err),
  });
  return (
    <li className={`alerts-tray__item alerts-tray__item--${alert.level}`} data-testid="tray-alert" data-scope={alert.scope} data-metric={alert.metric} data-level={alert.level}>
      <span className="alerts-tray__what">
        <strong>{division ? l(division.name) : t('alerts.cityScope')}</strong> · {alert.source ? t('sources.silentAlert', { name: alert.source.name }) : def ? l(def.name) : alert.metric}
      </span>
      <span className="alerts-tray__figure">
        {t(`status.${alert.level}`)} {fmt(alert.value)}
        {def ? l(def.unit) : ''} · {t('alerts.limit', { value: fmt(alert.threshold) })}
      </span>
      <time className="alerts-tray__time">
        {time(alert.raisedAt).slice(0, 5)}
        {alert.clearedAt !== null && ` · ${t('alerts.cleared')}`}
      </time>
      {mayAcknowledge && (
        <button type="button" className="btn btn--small btn--primary" disabled={ack.isPending} onClick={() => ack.mutate()} data-testid="tray-acknowledge">
          {t('alertsTray.acknowledge')}
        </button>
      )}
      {ack.isError && <FailureMessage failure={describeFailure(ack.error)} />}
    </li>
  );
}
