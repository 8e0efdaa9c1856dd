import { type Department } from '@cw/contracts';
import { URGENCY_LABELS } from '@cw/vocabulary';
import { formatDuration } from '../console/duration.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';
import { listBasisVh, listGrow, type Watched } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { FittedList } from './FittedList.tsx';

interface Props {
  watched: readonly Watched[];
  divisionName: (code: string) => string;
  department: (id: string | null) => Department | undefined;
}

/** Fixed row height and gap (vh), so that only whole rows are shown; English meta lines take two lines. */
const ROW_VH = { 'zh-CN': 6, en: 7.6 } as const;
const GAP_VH = 0.6;

/** 督办: overdue cases, most overdue first, then supervised ones; who has each and for how long. */
export function WatchList({ watched, divisionName, department }: Props) {
  const { t, l, lang } = useI18n();
  const now = useServerTime(30_000);
  return (
    <BoardPanel title={t('board.watch')} className="db-watch" testId="board-watch" grow={listGrow(watched.length)} basisVh={listBasisVh(watched.length, ROW_VH[lang], GAP_VH)} aside={<span className={`db-count${watched.length > 0 ? ' db-count--alarm' : ''}`}>{watched.length}</span>}>
      {watched.length === 0 ? (
        <p className="db-empty">{t('board.noneOverdue')}</p>
      ) : (
        <FittedList items={watched} rowVh={ROW_VH[lang]} gapVh={GAP_VH} className="db-watch__list">
          {({ case: c, reason }) => {
            const dept = department(c.department);
            const late = c.sla?.deadline != null ? now - c.sla.deadline : null;
            return (
              <li key={c.id} className={`db-watch__item db-watch__item--${reason}`} style={{ height: `${ROW_VH[lang]}vh` }} data-testid="watch-item" data-case-id={c.id}>
                <span className="db-watch__mark" aria-hidden>
                  {reason === 'overdue' ? '▼' : '◆'}
                </span>
                <span className="db-watch__main">
                  <span className="db-watch__title">{c.title}</span>
                  <span className="db-watch__meta">
                    {divisionName(c.division)} · {dept ? l(dept.name) : t('case.noDepartment')}
                    {c.urgency !== 'normal' && ` · ${l(URGENCY_LABELS[c.urgency])}`}
                  </span>
                </span>
                <span className="db-watch__status">{reason === 'overdue' && late !== null && late > 0 ? t('sla.overdueBy', { time: formatDuration(late, lang) }) : t('board.supervised')}</span>
              </li>
            );
          }}
        </FittedList>
      )}
    </BoardPanel>
  );
}
