import type { Department, DepartmentKpi } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { departmentRanking, formatRate } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';

const ROWS = 8;

/** Departments by on-time handling (按期处置率), with how many feedbacks that rate is over. */
export function DepartmentRanking({ departments, department }: { departments: readonly DepartmentKpi[]; department: (id: string) => Department | undefined }) {
  const { t, l, lang } = useI18n();
  const rows = departmentRanking(departments, ROWS);
  return (
    <BoardPanel title={t('board.ranking')} className="db-ranking" testId="board-ranking">
      {rows.length === 0 ? (
        <p className="db-empty">{t('board.noHandled')}</p>
      ) : (
        <ol className="db-ranking__list">
          {rows.map((d, i) => {
            const dept = department(d.department);
            const rate = d.onTimeRate ?? 0;
            return (
              <li key={d.department} className="db-rank" data-testid="rank-row">
                <span className="db-rank__n">{i + 1}</span>
                <span className="db-rank__name">{dept ? l(dept.name) : d.department}</span>
                <span className="db-rank__bar" aria-hidden>
                  <span className={`db-rank__fill${rate < 0.8 ? ' db-rank__fill--low' : ''}`} style={{ width: `${rate * 100}%` }} />
                </span>
                <span className="db-rank__rate">{formatRate(d.onTimeRate, lang)}</span>
                <span className="db-rank__count">{t('board.handled', { count: d.handled })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </BoardPanel>
  );
}
