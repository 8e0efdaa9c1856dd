import { useI18n } from '../../i18n/i18n.tsx';
import { useLive, alertsOf } from '../../live/store.ts';

/** Open (unacknowledged) alerts: the count, red when any is critical. */
export function AlertCount() {
  const { t } = useI18n();
  const count = useLive((s) => Object.keys(alertsOf(s) ?? {}).length);
  const critical = useLive((s) => Object.values(alertsOf(s) ?? {}).some((a) => a.level === 'critical'));
  const tone = count === 0 ? 'none' : critical ? 'critical' : 'warning';
  return (
    <span className={`wall-alert-count wall-alert-count--${tone}`} data-testid="alert-count" data-count={count}>
      <span className="wall-alert-count__label">{t('alerts.count')}</span>
      <strong>{count}</strong>
    </span>
  );
}
