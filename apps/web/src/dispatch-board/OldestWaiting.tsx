import { type CaseSummary } from '@cw/contracts';
import { CASE_STATE_LABELS } from '@cw/vocabulary';
import { formatDuration } from '../console/duration.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';
import { listBasisVh, listGrow } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { FittedList } from './FittedList.tsx';

/** Fixed row height and gap (vh), so that only whole rows are shown; English meta lines take two lines. */
const ROW_VH = { 'zh-CN': 5.2, en: 6.8 } as const;
const GAP_VH = 0.5;

/** 等待最久: open cases nobody has taken up yet (intake, or a department to sign), longest waiting first. */
export function OldestWaiting({ waiting, divisionName }: { waiting: readonly CaseSummary[]; divisionName: (code: string) => string }) {
  const { t, l, lang } = useI18n();
  const now = useServerTime(30_000);
  return (
    <BoardPanel title={t('board.waiting')} className="db-waiting" testId="board-waiting" grow={listGrow(waiting.length)} basisVh={listBasisVh(waiting.length, ROW_VH[lang], GAP_VH)} aside={<span className="db-count">{waiting.length}</span>}>
      {waiting.length === 0 ? (
        <p className="db-empty">{t('board.noneWaiting')}</p>
      ) : (
        <FittedList items={waiting} rowVh={ROW_VH[lang]} gapVh={GAP_VH} className="db-waiting__list">
          {(c) => (
            <li key={c.id} className="db-waiting__item" style={{ height: `${ROW_VH[lang]}vh` }} data-testid="waiting-item" data-case-id={c.id}>
              <span className="db-waiting__main">
                <span className="db-waiting__title">{c.title}</span>
                <span className="db-waiting__meta">
                  {l(CASE_STATE_LABELS[c.state])} · {divisionName(c.division)}
                </span>
              </span>
              <span className="db-waiting__for">{t('board.waitingFor', { time: formatDuration(Math.max(0, now - c.updatedAt), lang) })}</span>
            </li>
          )}
        </FittedList>
      )}
    </BoardPanel>
  );
}
