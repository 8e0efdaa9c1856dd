import type { Department, DepartmentKpi } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { departmentRanking, formatRate, listBasisVh } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { FittedList } from './FittedList.tsx';

const ROWS = 8;
/** Fixed row height and gap (vh), so that only whole rows are shown; English names may take three lines. */
const ROW_VH = { 'zh-CN': 3, en: 5.8 } as const;
const GAP_VH = 0.6;

/** Departments by on-time handling (按期处置率), with how many feedbacks that rate is over. */
export function DepartmentRanking({ departments, department }: { departments: readonly DepartmentKpi[]; department: (id: string) => Department | undefined }) {
  const { t, l, lang } = useI18n();
  const rows = departmentRanking(departments, ROWS);
  return (
    <BoardPanel title={t('board.ranking')} className="db-ranking" testId="board-ranking" grow={1} basisVh={listBasisVh(rows.length, ROW_VH[lang], GAP_VH) + 2.6}>
      {rows.length === 0 ? (
        <p className="db-empty">{t('board.noHandled')}</p>
      ) : (
        <FittedList items={rows.map((d, i) => ({ d, n: i + 1 }))} rowVh={ROW_VH[lang]} gapVh={GAP_VH} className="db-ranking__list" more={(count) => t('ranking.hidden', { count })}>
          {({ d, n }) => {
            const dept = department(d.department);
            const rate = d.onTimeRate ?? 0;
            return (
              <li key={d.department} className="db-rank" data-testid="rank-row" style={{ height: `${ROW_VH[lang]}vh` }}>
                <span className="db-rank__n">{n}</span>
                <span className="db-rank__name">{dept ? l(dept.name) : d.department}</span>
                <span className="db-rank__bar" aria-hidden>
                  <span className={`db-rank__fill${rate < 0.8 ? ' db-rank__fill--low' : ''}`} style={{ width: `${rate * 100}%` }} />
                </span>
                <span className="db-rank__rate">{formatRate(d.onTimeRate, lang)}</span>
                <span className="db-rank__count">{t('board.handled', { count: d.handled })}</span>
              </li>
            );
          }}
        </FittedList>
      )}
    </BoardPanel>
  );
}
