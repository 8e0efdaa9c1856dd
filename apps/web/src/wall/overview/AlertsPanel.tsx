import { useMemo, useRef, type CSSProperties } from 'react';
import { ALERT_LEVELS, compareAlerts, type Alert } from '@cw/contracts';
import { ALERT_LEVEL_COLORS, ALERT_LEVEL_NUMERALS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAlertsTopic } from '../../live/store.ts';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { useWallData } from '../WallData.tsx';
import { useWallUi } from '../wallStore.ts';
import { mapLabelName } from './mapData.ts';

const ROW_VH = 5.6;
const GAP_VH = 0.6;
/** Height of the "3 more" line. */
const MORE_VH = 3;

/**
 * Threshold crossings awaiting acknowledgement, most severe first: they stay on the wall until
 * someone acknowledges them. The title counts them per level.
 */
export function AlertsPanel() {
  const { t } = useI18n();
  const alerts = useAlertsTopic();
  const focusedId = useWallUi((s) => (s.focus?.kind === 'alert' ? s.focus.id : null));
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, ROW_VH, GAP_VH);
  const fitWithMore = useRowsThatFit(list, ROW_VH, GAP_VH, MORE_VH);
  const sorted = useMemo(() => Object.values(alerts ?? {}).sort(compareAlerts), [alerts]);
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
        <LevelCounts alerts={sorted} />
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

function LevelCounts({ alerts }: { alerts: readonly Alert[] }) {
  const { t } = useI18n();
  const levels = [...ALERT_LEVELS].reverse().map((level) => ({ level, count: alerts.filter((a) => a.level === level).length }));
  return (
    <span className="alert-levels" data-testid="alert-level-counts">
      {levels
        .filter((x) => x.count > 0)
        .map(({ level, count }) => (
          <span
            key={level}
            className={`alert-level alert-level--${level}`}
            style={{ background: ALERT_LEVEL_COLORS[level] }}
            title={t('alerts.byLevel', { count, level: t(`alertLevel.${level}`) })}
            data-level={level}
            data-count={count}
          >
            {/* The numeral names the level beside its colour, short enough for any title width. */}
            {ALERT_LEVEL_NUMERALS[level]} {count}
          </span>
        ))}
    </span>
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
      style={{ '--level': ALERT_LEVEL_COLORS[alert.level] } as CSSProperties}
      data-testid="alert-row"
      data-level={alert.level}
      data-metric={alert.metric}
      data-scope={alert.scope}
      data-focused={focused}
    >
      <span className="alert-row__mark" aria-hidden>
        {ALERT_LEVEL_NUMERALS[alert.level]}
      </span>
      <span className="alert-row__what">
        <strong>{division ? mapLabelName(l(division)) : t('alerts.cityScope')}</strong> · {alert.source ? t('sources.silentAlert', { name: alert.source.name }) : def ? l(def.name) : alert.metric}
      </span>
      <span className={`alert-level alert-level--${alert.level} alert-row__level`}>{t(`alertLevel.${alert.level}`)}</span>
      <span className="alert-row__figure">
        {fmt(alert.value)}
        {def && <small>{l(def.unit)}</small>} <small>{t('alerts.limit', { value: fmt(alert.threshold) })}</small>
      </span>
      <time className="alert-row__time">
        {time(alert.escalatedAt ?? alert.raisedAt).slice(0, 5)}
        {cleared && ` · ${t('alerts.cleared')}`}
        {alert.link && (
          <span className="alert-row__link" data-testid="alert-row-link" data-kind={alert.link.kind}>
            {' · '}
            {t(alert.link.kind === 'case' ? 'alertLink.caseShort' : 'alertLink.emergencyShort')}
          </span>
        )}
      </time>
    </li>
  );
}
