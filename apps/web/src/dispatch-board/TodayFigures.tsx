import type { DispatchOverview } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { signedChange } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { CuedValue } from './CuedValue.tsx';

/** Today's intake and closures against yesterday by this time, and what is open now: the board's largest figures. */
export function TodayFigures({ kpis }: { kpis: DispatchOverview | undefined }) {
  const { t } = useI18n();
  const n = (v: number | undefined) => (v === undefined ? '—' : String(v));
  const trends = kpis?.trends;
  /** Yesterday by the same time of day, and the change; counted from the same cases as today's. */
  const against = (today: number, yesterday: number, testId: string) => (
    <span className="db-big__vs" data-testid={testId}>
      {t('board.vsYesterday', { n: yesterday })} <b className={today > yesterday ? 'db-up' : today < yesterday ? 'db-down' : undefined}>{signedChange(today, yesterday)}</b>
    </span>
  );
  return (
    <BoardPanel title={t('board.today')} className="db-today">
      <div className="db-today__figures">
        <div className="db-big" data-testid="kpi-opened-today">
          <span className="db-big__label">{t('stats.openedToday')}</span>
          <CuedValue className="db-big__value" value={n(kpis?.openedToday)} />
          {trends && against(trends.openedToday, trends.openedYesterday, 'opened-vs-yesterday')}
        </div>
        <div className="db-big db-big--ok" data-testid="kpi-closed-today">
          <span className="db-big__label">{t('stats.closedToday')}</span>
          <CuedValue className="db-big__value" value={n(kpis?.closedToday)} />
          {trends && against(trends.closedToday, trends.closedYesterday, 'closed-vs-yesterday')}
        </div>
        <div className="db-big" data-testid="kpi-open">
          <span className="db-big__label">{t('stats.open')}</span>
          <CuedValue className="db-big__value" value={n(kpis?.open)} />
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
