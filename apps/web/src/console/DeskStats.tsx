import type { DispatchOverview } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';

/** The centre's running totals from the `dispatch` topic: open, overdue, reported and closed today. */
export function DeskStats() {
  const { t } = useI18n();
  const kpis = useLive((s) => s.topics.dispatch?.['kpis'] as DispatchOverview | undefined);
  if (!kpis) return null;
  const stat = (label: string, value: number, tone = '') => (
    <span className={`desk-stat${tone}`}>
      <span className="desk-stat__label">{label}</span>
      <strong className="desk-stat__value">{value}</strong>
    </span>
  );
  return (
    <div className="desk-stats" data-testid="desk-stats">
      {stat(t('stats.open'), kpis.open)}
      {stat(t('stats.overdue'), kpis.overdue, kpis.overdue > 0 ? ' desk-stat--alarm' : '')}
      {stat(t('stats.openedToday'), kpis.openedToday)}
      {stat(t('stats.closedToday'), kpis.closedToday)}
    </div>
  );
}
