import type { DispatchOverview } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { BoardPanel } from './BoardPanel.tsx';

/** Today's intake and closures and what is open now: the board's largest figures. */
export function TodayFigures({ kpis }: { kpis: DispatchOverview | undefined }) {
  const { t } = useI18n();
  const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
  return (
    <BoardPanel title={t('board.today')} className="db-today">
      <div className="db-today__figures">
        <div className="db-big" data-testid="kpi-opened-today">
          <span className="db-big__label">{t('stats.openedToday')}</span>
          <strong className="db-big__value">{n(kpis?.openedToday)}</strong>
        </div>
        <div className="db-big db-big--ok" data-testid="kpi-closed-today">
          <span className="db-big__label">{t('stats.closedToday')}</span>
          <strong className="db-big__value">{n(kpis?.closedToday)}</strong>
        </div>
        <div className="db-big" data-testid="kpi-open">
          <span className="db-big__label">{t('stats.open')}</span>
          <strong className="db-big__value">{n(kpis?.open)}</strong>
        </div>
        <div className={`db-big${(kpis?.overdue ?? 0) > 0 ? ' db-big--alarm' : ''}`} data-testid="kpi-overdue">
          <span className="db-big__label">{t('stats.overdue')}</span>
          <strong className="db-big__value">
            {(kpis?.overdue ?? 0) > 0 && <span aria-hidden>✖ </span>}
            {n(kpis?.overdue)}
          </strong>
        </div>
      </div>
    </BoardPanel>
  );
}
