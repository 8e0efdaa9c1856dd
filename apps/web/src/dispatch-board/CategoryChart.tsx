import { useMemo } from 'react';
import { CATEGORY_LABELS, type CaseSummary } from '@cw/contracts';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { CHART, chartFont } from '../charts/theme.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useVh } from '../wall/viewport.ts';
import { openByCategory } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';

/** Categories shown; the rest are few and would only shrink the bars. */
const SHOWN = 8;

/** Open cases per category, most first. */
export function CategoryChart({ cases }: { cases: readonly CaseSummary[] }) {
  const { t, l } = useI18n();
  const vh = useVh();
  const rows = useMemo(() => openByCategory(cases).slice(0, SHOWN), [cases]);
  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    // Top to bottom, most first: ECharts draws category axes bottom-up.
    const shown = [...rows].reverse();
    return {
      animation: false,
      grid: { left: font * 0.4, right: font * 3, top: font * 0.2, bottom: font * 0.2, containLabel: true },
      xAxis: { type: 'value', show: false, minInterval: 1 },
      yAxis: {
        type: 'category',
        data: shown.map((r) => l(CATEGORY_LABELS[r.category])),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: CHART.text, fontSize: font },
      },
      series: [
        {
          id: 'count',
          type: 'bar',
          data: shown.map((r) => r.count),
          barMaxWidth: font * 1.1,
          itemStyle: { color: CHART.bar, borderRadius: [0, vh * 0.4, vh * 0.4, 0] },
          label: { show: true, position: 'right', color: CHART.text, fontSize: font, fontWeight: 700 },
        },
      ],
    };
  }, [rows, vh, l]);
  return (
    <BoardPanel title={t('board.byCategory')} className="db-categories" testId="board-categories">
      {rows.length === 0 ? <p className="db-empty">{t('board.noOpen')}</p> : <EChart option={option} className="db-chart" />}
    </BoardPanel>
  );
}
