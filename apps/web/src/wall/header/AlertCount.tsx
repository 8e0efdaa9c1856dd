import { alertRank, type AlertLevel } from '@cw/contracts';
import { ALERT_LEVEL_COLORS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLive, alertsOf } from '../../live/store.ts';

/** Open (unacknowledged) alerts: the count, in the colour of the worst level, named beside it. */
export function AlertCount() {
  const { t } = useI18n();
  const count = useLive((s) => Object.keys(alertsOf(s) ?? {}).length);
  const worst = useLive((s) =>
    Object.values(alertsOf(s) ?? {}).reduce<AlertLevel | null>((w, a) => (w === null || alertRank(a.level) > alertRank(w) ? a.level : w), null),
  );
  return (
    <span
      className={`wall-alert-count wall-alert-count--${worst ?? 'none'}`}
      style={worst === null ? undefined : { borderColor: ALERT_LEVEL_COLORS[worst] }}
      data-testid="alert-count"
      data-count={count}
      data-level={worst ?? 'none'}
    >
      <span className="wall-alert-count__label">{t('alerts.count')}</span>
      <strong>{count}</strong>
      {worst !== null && (
        <span className={`alert-level alert-level--${worst}`} style={{ background: ALERT_LEVEL_COLORS[worst] }}>
          {t(`alertLevel.${worst}`)}
        </span>
      )}
    </span>
  );
}
