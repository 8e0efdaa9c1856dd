import { type DispatchTrends, type TrendRow } from '@cw/contracts';
import { CATEGORY_LABELS } from '@cw/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { signedChange } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';
import { FittedList } from './FittedList.tsx';

/** Fixed row height and gap (vh), so that only whole rows are shown; English names may take two lines. */
const ROW_VH = { 'zh-CN': 3.4, en: 4.4 } as const;
const GAP_VH = 0.4;

interface Props {
  trends: DispatchTrends | undefined;
  divisionName: (code: string) => string;
}

/**
 * 热点: which categories and divisions are reported more than yesterday by this time of day,
 * the rising ones first and marked; the rule (enough reports, clearly more) is @cw/dispatch's.
 */
export function HotIssues({ trends, divisionName }: Props) {
  const { t, l, lang } = useI18n();
  const categories = (trends?.categories ?? []).filter((r) => r.today > 0);
  const divisions = (trends?.divisions ?? []).filter((r) => r.today > 0);
  const rising = categories.filter((r) => r.rising).length + divisions.filter((r) => r.rising).length;
  const list = (title: string, rows: TrendRow[], name: (key: string) => string, testId: string) => (
    <div className="db-hot__col" data-testid={testId}>
      <h3 className="db-hot__head">{title}</h3>
      <FittedList items={rows} rowVh={ROW_VH[lang]} more={(count) => t('ranking.hidden', { count })} gapVh={GAP_VH} className="db-hot__list">
        {(r) => (
          <li key={r.key} className={`db-hot__row${r.rising ? ' db-hot__row--rising' : ''}`} style={{ height: `${ROW_VH[lang]}vh` }} data-testid="hot-row" data-rising={r.rising}>
            <span className="db-hot__name">{name(r.key)}</span>
            <strong className="db-hot__today">{r.today}</strong>
            <span className="db-hot__change">
              {r.rising && <span aria-hidden>▲</span>}
              {signedChange(r.today, r.yesterday)}
            </span>
          </li>
        )}
      </FittedList>
    </div>
  );
  return (
    <BoardPanel
      title={t('board.hot')}
      className="db-hot"
      testId="board-hot"
      aside={trends && <span className={`db-count${rising > 0 ? ' db-count--warn' : ''}`}>{rising > 0 ? t('board.hotRising', { count: rising }) : t('board.noneRising')}</span>}
    >
      {categories.length === 0 ? (
        <p className="db-empty">{t('board.noReports')}</p>
      ) : (
        <div className="db-hot__body">
          {list(t('board.hotCategories'), categories, (k) => l(CATEGORY_LABELS[k as keyof typeof CATEGORY_LABELS]), 'hot-categories')}
          {list(t('board.hotPlaces'), divisions, divisionName, 'hot-divisions')}
        </div>
      )}
    </BoardPanel>
  );
}
