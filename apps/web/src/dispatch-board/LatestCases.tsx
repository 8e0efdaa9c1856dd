import { useState } from 'react';
import { type CaseSummary } from '@cw/contracts';
import { CASE_STATE_LABELS, CHANNEL_LABELS } from '@cw/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { serverNow } from '../live/clock.ts';
import { latestCases } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { FittedList } from './FittedList.tsx';

/** The newest few (as many as fit, up to 16 on a 32:9 wall); older reports are on the consoles. Row height and gap in vh. */
const ROWS = 16;
const ROW_VH = { 'zh-CN': 5.6, en: 7.2 } as const;
const GAP_VH = 0.6;

/** The newest reports as they come in: when, from which channel, what, where, and where they stand. */
export function LatestCases({ cases, divisionName }: { cases: readonly CaseSummary[]; divisionName: (code: string) => string }) {
  const { t, l, time, lang } = useI18n();
  const rows = latestCases(cases, ROWS);
  // Reports made before the board opened do not slide in; later ones do, once (on mount).
  const [openedAt] = useState(serverNow);
  return (
    <BoardPanel title={t('board.latest')} className="db-latest" testId="board-latest">
      {rows.length === 0 ? (
        <p className="db-empty">{t('board.noCases')}</p>
      ) : (
        <FittedList items={rows} rowVh={ROW_VH[lang]} gapVh={GAP_VH} className="db-latest__list" countRest={false}>
          {(c) => (
            <li key={c.id} className={`db-latest__item db-latest__item--${c.urgency}${c.reportedAt > openedAt ? ' is-new' : ''}`} style={{ height: `${ROW_VH[lang]}vh` }} data-testid="latest-item" data-case-id={c.id}>
              <span className="db-latest__time">{time(c.reportedAt).slice(0, 5)}</span>
              <span className="db-latest__main">
                <span className="db-latest__title">{c.title}</span>
                <span className="db-latest__meta">
                  {l(CHANNEL_LABELS[c.channel])} · {divisionName(c.division)}
                </span>
              </span>
              <span className={`db-latest__state db-state--${c.state}`}>{l(CASE_STATE_LABELS[c.state])}</span>
            </li>
          )}
        </FittedList>
      )}
    </BoardPanel>
  );
}
