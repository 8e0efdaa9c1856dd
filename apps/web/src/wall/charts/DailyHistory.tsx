import { useMemo, useRef } from 'react';
import { aqiCategory } from '@cw/aqi';
import { CITY_SCOPE, type MetricDef } from '@cw/contracts';
import { useDailyHistory } from '../../api/queries.ts';
import { EChart } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { escapeHtml } from '../../charts/escapeHtml.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCityCalendar, useSampledValue } from '../../live/clock.ts';
import { axisScale, daySlots, intervalsThatFit, labelsBothEnds, liveIsToday } from '../trend.ts';
import { useBoxSize } from '../useBoxSize.ts';
import { useVh } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';

const DAYS = 30;
/** Today's bar follows the live figure this often; the tiles show it to the second. */
const LIVE_BAR_EVERY_MS = 120_000;

/**
 * The last 30 days: 29 closed days from the history API and, for "today so far" figures,
 * today's live value as the last bar (marked as live). Levels such as the AQI show closed
 * days only, coloured by their category.
 */
export function DailyHistory({ def, scope = CITY_SCOPE }: { def: MetricDef; scope?: string }) {
  const { t, l, value, day } = useI18n();
  const { profile } = useWallData();
  const vh = useVh();
  const box = useRef<HTMLDivElement>(null);
  const boxHeight = useBoxSize(box).height;
  const { dayStart } = useCityCalendar(profile.utcOffsetMinutes);
  const withToday = liveIsToday(def);
  const closedDays = withToday ? DAYS - 1 : DAYS;
  const history = useDailyHistory(def.id, scope, dayStart, closedDays);
  const live = useSampledValue(scope, def.id, LIVE_BAR_EVERY_MS);
  const points = history.data;

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const isAqi = def.compute.kind === 'aqi';
    const slots = daySlots(points ?? [], dayStart, closedDays);
    const bars = slots.map((s) => ({ value: s.value, itemStyle: { color: isAqi && s.value !== null ? aqiCategory(s.value).color : CHART.bar } }));
    const labels = slots.map((s) => day(s.day));
    if (withToday) {
      bars.push({ value: live, itemStyle: { color: CHART.barToday } });
      labels.push(t('chart.today'));
    }
    const unit = l(def.unit);
    const grid = { left: font * 3.4, right: font, top: font * 1.4, bottom: font * 2 };
    // As many round intervals as the plot has room to label.
    const plot = boxHeight - grid.top - grid.bottom;
    const axis = axisScale(bars.map((b) => b.value), intervalsThatFit(plot, font));
    return {
      animation: false,
      grid,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { value: number | null; axisValue: string }[]) => `${escapeHtml(ps[0]?.axisValue ?? '')}: ${escapeHtml(value(ps[0]?.value, def))} ${escapeHtml(unit)}`,
      },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { color: CHART.muted, fontSize: font, interval: 6, alignMinLabel: 'left' },
        axisLine: { lineStyle: { color: CHART.grid } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: axis.max,
        interval: axis.interval,
        axisLabel: { color: CHART.muted, fontSize: font, showMinLabel: labelsBothEnds(plot, font), formatter: (v: number) => value(v, { decimals: axis.interval < 1 ? 1 : 0 }) },
        splitLine: { lineStyle: { color: CHART.grid } },
      },
      series: [{ id: 'days', type: 'bar', data: bars, barWidth: '62%' }],
    };
  }, [vh, points, dayStart, closedDays, withToday, live, def, t, l, value, day, boxHeight]);

  return (
    <div className="history-chart" data-testid={`daily-${def.id}`} data-history-points={points?.length ?? 0}>
      <div ref={box} className="history-chart__chart">
        <EChart option={option} className="chart-fill" renderer="svg" />
      </div>
    </div>
  );
}
