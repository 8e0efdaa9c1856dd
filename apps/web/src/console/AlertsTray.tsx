import { useMemo, useState, type CSSProperties, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { can } from '@cw/access';
import { alertRank, bulkAcknowledgeSchema, compareAlerts, type Alert } from '@cw/contracts';
import { ALERT_LEVEL_COLORS, ALERT_LEVEL_NUMERALS } from '@cw/vocabulary';
import { useCatalogue } from '../api/queries.ts';
import { api } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAlertsTopic } from '../live/store.ts';
import { useSilentSource } from '../live/provenance.ts';
import { StaleSourceMark } from '../live/StaleSource.tsx';
import { onSessionLost } from './api.ts';
import { useDesk } from './deskContext.ts';
import { DeclareDialog } from './emergency/DeclareDialog.tsx';
import { emergencyHref } from './emergency/EmergencyScreen.tsx';
import { describeFailure } from './failure.ts';
import { FailureMessage } from './FailureMessage.tsx';

/**
 * The threshold alerts that stay on every wall until someone acknowledges them: a count in
 * the console's header, in the colour of the worst level, that opens the list, most severe
 * first. Those who may acknowledge can tick several and acknowledge them with one reason.
 */
export function AlertsTray({ onOpenCase, onShowCase }: { onOpenCase: (alert: Alert) => void; onShowCase: (caseId: string) => void }) {
  const { t } = useI18n();
  const { me } = useDesk();
  const alerts = useAlertsTopic();
  const [open, setOpen] = useState(false);
  const list = useMemo(() => Object.values(alerts ?? {}).sort(compareAlerts), [alerts]);
  const worst = list[0]?.level;
  const urgent = worst !== undefined && alertRank(worst) >= alertRank('orange');
  const mayAcknowledge = can(me.role, 'alerts.acknowledge');
  const mayOpenCase = can(me.role, 'alerts.open_case');
  const mayDeclare = can(me.role, 'alerts.open_emergency');
  const [declaring, setDeclaring] = useState<Alert | null>(null);
  // Opening a case (or showing the linked one) closes the tray for the dialog or the detail.
  const links: LinkActions = {
    onOpenCase: mayOpenCase
      ? (a) => {
          setOpen(false);
          onOpenCase(a);
        }
      : undefined,
    onDeclare: mayDeclare
      ? (a) => {
          setOpen(false);
          setDeclaring(a);
        }
      : undefined,
    onShowCase: (id) => {
      setOpen(false);
      onShowCase(id);
    },
  };
  return (
    <div className="alerts-tray">
      <button
        type="button"
        className={`btn btn--small alerts-tray__button${urgent ? ' is-critical' : ''}`}
        style={worst === undefined ? undefined : ({ '--level': ALERT_LEVEL_COLORS[worst] } as CSSProperties)}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="alerts-tray"
        data-count={list.length}
        data-level={worst ?? 'none'}
      >
        {t('alertsTray.button', { count: list.length })}
        {worst !== undefined && <span className="alerts-tray__worst">{t(`alertLevel.${worst}`)}</span>}
      </button>
      {open && (
        <section className="alerts-tray__panel" aria-label={t('alerts.title')} data-testid="alerts-tray-panel">
          <h2>{t('alerts.title')}</h2>
          {list.length === 0 ? <p className="alerts-tray__empty">{t('alerts.none')}</p> : <AlertList list={list} mayAcknowledge={mayAcknowledge} links={links} />}
        </section>
      )}
      {declaring && <DeclareFromAlert alert={declaring} onClose={() => setDeclaring(null)} />}
    </div>
  );
}

/** 启动应急 from an alert: the declaration form with the alert's title and division. */
function DeclareFromAlert({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const { t, l } = useI18n();
  const { profile } = useDesk();
  const def = useCatalogue().data?.find((m) => m.id === alert.metric);
  const search = useSearch();
  const [, navigate] = useLocation();
  const division = profile.divisions.find((d) => d.code === alert.scope);
  const level = `${ALERT_LEVEL_NUMERALS[alert.level]} ${t(`alertLevel.${alert.level}`)}`;
  const title = t('alertLink.caseTitle', { level, division: division ? l(division.name) : t('alerts.cityScope'), metric: def ? l(def.name) : alert.metric });
  return (
    <DeclareDialog
      from={{ kind: 'alert', alertId: alert.id, title, division: division?.code ?? '' }}
      profile={profile}
      onClose={onClose}
      onDeclared={(id) => {
        onClose();
        navigate(emergencyHref(search, id));
      }}
    />
  );
}

interface LinkActions {
  /** Absent when the user may not open a case from an alert. */
  onOpenCase: ((alert: Alert) => void) | undefined;
  /** Absent when the user may not declare an emergency from an alert. */
  onDeclare: ((alert: Alert) => void) | undefined;
  onShowCase: (caseId: string) => void;
}

function AlertList({ list, mayAcknowledge, links }: { list: readonly Alert[]; mayAcknowledge: boolean; links: LinkActions }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);
  // Alerts acknowledged elsewhere leave the list; so do they the selection.
  const selected = list.filter((a) => picked.has(a.id)).map((a) => a.id);
  const bulk = useMutation({
    mutationFn: (body: { ids: string[]; note: string }) => api<Alert[]>('POST', '/api/v1/alerts/acknowledge', body),
    onSuccess: () => {
      setPicked(new Set());
      setNote('');
    },
    onError: (err) => onSessionLost(qc, err),
  });
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = bulkAcknowledgeSchema.safeParse({ ids: selected, note });
    setInvalid(!parsed.success);
    if (parsed.success) bulk.mutate(parsed.data);
  };
  const all = selected.length === list.length;
  return (
    <>
      {mayAcknowledge && (
        <form className="alerts-tray__bulk" onSubmit={submit} data-testid="tray-bulk">
          <label className="alerts-tray__all">
            <input type="checkbox" checked={all} onChange={() => setPicked(all ? new Set() : new Set(list.map((a) => a.id)))} data-testid="tray-select-all" />
            {t('alertsTray.selectAll')}
          </label>
          <input
            className="control alerts-tray__reason"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('alertsTray.reason')}
            aria-label={t('alertsTray.reason')}
            data-testid="tray-reason"
          />
          <button type="submit" className="btn btn--small btn--primary" disabled={selected.length === 0 || bulk.isPending} data-testid="tray-bulk-acknowledge">
            {t('alertsTray.bulk', { count: selected.length })}
          </button>
          {invalid && <span className="field__error">{t('alertsTray.reasonHint')}</span>}
          {bulk.isError && <FailureMessage failure={describeFailure(bulk.error)} />}
        </form>
      )}
      <ol>
        {list.map((a) => (
          <AlertItem key={a.id} alert={a} mayAcknowledge={mayAcknowledge} picked={picked.has(a.id)} onPick={() => toggle(a.id)} note={note} links={links} />
        ))}
      </ol>
    </>
  );
}

function AlertItem({ alert, mayAcknowledge, picked, onPick, note, links }: { alert: Alert; mayAcknowledge: boolean; picked: boolean; onPick: () => void; note: string; links: LinkActions }) {
  const { t, l, value, time } = useI18n();
  const desk = useDesk();
  const qc = useQueryClient();
  const def = useCatalogue().data?.find((m) => m.id === alert.metric);
  const division = desk.division(alert.scope);
  const fmt = (v: number) => (def ? value(v, def) : String(v));
  // The figure the alert is about may itself be stale: its data source silent.
  const silent = useSilentSource(alert.metric);
  const ack = useMutation({
    // One alert may go without a reason; the reason typed above is recorded when there is one.
    mutationFn: () => api('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`, note.trim() === '' ? {} : { note: note.trim() }),
    onError: (err) => onSessionLost(qc, err),
  });
  return (
    <li
      className={`alerts-tray__item alerts-tray__item--${alert.level}`}
      style={{ '--level': ALERT_LEVEL_COLORS[alert.level] } as CSSProperties}
      data-testid="tray-alert"
      data-scope={alert.scope}
      data-metric={alert.metric}
      data-level={alert.level}
      data-stale-source={silent ?? undefined}
    >
      {mayAcknowledge && <input type="checkbox" className="alerts-tray__pick" checked={picked} onChange={onPick} aria-label={t('alertsTray.select')} data-testid="tray-pick" />}
      <span className="alerts-tray__what">
        <span className={`alert-level alert-level--${alert.level}`}>
          {ALERT_LEVEL_NUMERALS[alert.level]} {t(`alertLevel.${alert.level}`)}
        </span>{' '}
        <strong>{division ? l(division.name) : t('alerts.cityScope')}</strong> · {alert.source ? t('sources.silentAlert', { name: alert.source.name }) : def ? l(def.name) : alert.metric}
      </span>
      <span className="alerts-tray__figure">
        {fmt(alert.value)}
        {def ? l(def.unit) : ''} · {t('alerts.limit', { value: fmt(alert.threshold) })} · {t('alerts.clearsAt', { value: fmt(alert.clearAt) })}
      </span>
      {silent !== null && <StaleSourceMark name={silent} className="alerts-tray__source" />}
      <time className="alerts-tray__time">
        {time(alert.raisedAt).slice(0, 5)}
        {alert.escalatedAt !== null && ` · ${t('alerts.escalated', { time: time(alert.escalatedAt).slice(0, 5) })}`}
        {alert.clearedAt !== null && ` · ${t('alerts.cleared')}`}
      </time>
      {alert.link?.kind === 'case' && (
        <button type="button" className="link alerts-tray__link" onClick={() => links.onShowCase(alert.link!.id)} data-testid="tray-alert-link">
          {t('alertLink.case', { id: alert.link.id })}
        </button>
      )}
      {alert.link?.kind === 'emergency' && (
        <span className="alerts-tray__link" data-testid="tray-alert-link">
          {t('alertLink.emergency', { id: alert.link.id })}
        </span>
      )}
      <span className="alerts-tray__actions">
        {!alert.link && links.onOpenCase && (
          <button type="button" className="btn btn--small" onClick={() => links.onOpenCase!(alert)} data-testid="tray-open-case">
            {t('alertLink.openCase')}
          </button>
        )}
        {!alert.link && links.onDeclare && (
          <button type="button" className="btn btn--small btn--danger" onClick={() => links.onDeclare!(alert)} data-testid="tray-open-emergency">
            {t('alertLink.openEmergency')}
          </button>
        )}
        {mayAcknowledge && (
          <button type="button" className="btn btn--small btn--primary" disabled={ack.isPending} onClick={() => ack.mutate()} data-testid="tray-acknowledge">
            {t('alertsTray.acknowledge')}
          </button>
        )}
      </span>
      {ack.isError && <FailureMessage failure={describeFailure(ack.error)} />}
    </li>
  );
}
