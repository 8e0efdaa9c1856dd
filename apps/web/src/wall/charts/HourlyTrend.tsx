import { useMemo } from 'react';
import { CITY_SCOPE, type MetricDef } from '@cw/contracts';
import { useHourlyHistory } from '../../api/queries.ts';
import { EChart } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { escapeHtml } from '../../charts/escapeHtml.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useCityCalendar, useSampledValue } from '../../live/clock.ts';
import { DAY_MS, HOUR_MS } from '../../time/cityTime.ts';
import { hourSlots, liveHourValue } from '../trend.ts';
import { useVh } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';

/** The open hour's point follows the live figure every two minutes (each chart on its own phase); the tiles show it to the second. */
const LIVE_POINT_EVERY_MS = 120_000;

/**
 * Today by hour against yesterday: closed hours from the history API, the open hour from
 * the live figure. The history query is keyed by the local day, so at midnight "today"
 * starts empty again without a reload.
 */
export function HourlyTrend({ def, caption, compact = false, scope = CITY_SCOPE }: { def: MetricDef; caption?: string; compact?: boolean; scope?: string }) {
  const { t, l, value } = useI18n();
  const { profile } = useWallData();
  const vh = useVh();
  const { dayStart, hourStart } = useCityCalendar(profile.utcOffsetMinutes);
  const history = useHourlyHistory(def.id, scope, dayStart);
  const live = useSampledValue(scope, def.id, LIVE_POINT_EVERY_MS);
  const points = history.data;

  const series = useMemo(() => {
    const all = points ?? [];
    const today = hourSlots(all, dayStart);
    const hour = Math.floor((hourStart - dayStart) / HOUR_MS);
    const now = liveHourValue(def, live, all, hourStart, dayStart);
    if (now !== null) today[hour] = now;
    return { today: today.slice(0, hour + 1), yesterday: hourSlots(all, dayStart - DAY_MS) };
  }, [points, dayStart, hourStart, def, live]);

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const unit = l(def.unit);
    return {
      animation: false,
      grid: compact ? { left: font * 0.4, right: font * 0.4, top: font * 0.5, bottom: font * 1.5 } : { left: font * 3.4, right: font, top: font * 1.2, bottom: font * 2 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { seriesName: string; value: number | null; axisValue: string }[]) =>
          [escapeHtml(ps[0]?.axisValue ?? ''), ...ps.map((p) => `${escapeHtml(p.seriesName)}: ${escapeHtml(value(p.value, def))} ${escapeHtml(unit)}`)].join('<br/>'),
      },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => t('chart.hour', { hour: h })),
        axisLabel: { color: CHART.muted, fontSize: font, interval: compact ? 5 : 2 },
        axisLine: { lineStyle: { color: CHART.grid } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        splitNumber: compact ? 2 : 4,
        // A sparkline's scale is in its tiles; the full chart labels it.
        axisLabel: { show: !compact, color: CHART.muted, fontSize: font, formatter: (v: number) => value(v, { decimals: 0 }) },
        splitLine: { lineStyle: { color: CHART.grid } },
      },
      series: [
        {
          id: 'yesterday',
          name: t('chart.yesterday'),
          type: 'line',
          data: series.yesterday,
          symbol: 'none',
          lineStyle: { color: CHART.yesterday, width: Math.max(1, vh * 0.2), type: 'dashed' },
          itemStyle: { color: CHART.yesterday },
        },
        {
          id: 'today',
          name: t('chart.today'),
          type: 'line',
          data: series.today,
          symbol: 'circle',
          symbolSize: vh * 0.5,
          lineStyle: { color: CHART.today, width: Math.max(2, vh * 0.3) },
          itemStyle: { color: CHART.today },
          areaStyle: { color: 'rgba(53, 208, 255, 0.14)' },
        },
      ],
    };
  }, [series, vh, compact, t, l, value, def]);

  return (
    <div className="trend" data-testid={`trend-${def.id}`} data-day={dayStart} data-history-points={points?.length ?? 0}>
      <div className="trend__caption">
        <span className="trend__title">{caption}</span>
        <span className="trend__key trend__key--yesterday">{t('chart.yesterday')}</span>
        <span className="trend__key trend__key--today">{t('chart.today')}</span>
      </div>
      <EChart option={option} className="trend__chart" />
    </div>
  );
}
