import { useMemo, useRef } from 'react';
import { CITY_SCOPE, type MetricDef } from '@cw/contracts';
import { useHourlyHistory } from '../../api/queries.ts';
import { EChart } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { escapeHtml } from '../../charts/escapeHtml.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { serverNow, useCityCalendar, useSampledValue } from '../../live/clock.ts';
import { DAY_MS, HOUR_MS } from '../../time/cityTime.ts';
import { axisScale, hourSlots, intervalsThatFit, labelsBothEnds, recentHours } from '../trend.ts';
import { useBoxSize } from '../useBoxSize.ts';
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
  const { t, l, value, lang } = useI18n();
  const compactNumber = useMemo(() => {
    const f = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
    return (v: number) => f.format(v);
  }, [lang]);
  const { profile } = useWallData();
  const vh = useVh();
  const box = useRef<HTMLDivElement>(null);
  const boxHeight = useBoxSize(box).height;
  const { dayStart, hourStart } = useCityCalendar(profile.utcOffsetMinutes);
  const history = useHourlyHistory(def.id, scope, dayStart);
  const live = useSampledValue(scope, def.id, LIVE_POINT_EVERY_MS);
  const points = history.data;

  // Closed hours as a solid line; the open hour, still filling, as a dotted projection from
  // the last closed hour, so the line never plunges at the current hour. The hour that just
  // ended is on the dotted line too until it is stored (the rollup keeps it open for late
  // events for a couple of minutes), so it never goes missing.
  const series = useMemo(() => {
    const all = points ?? [];
    const today = hourSlots(all, dayStart);
    const yesterday = hourSlots(all, dayStart - DAY_MS);
    const hour = Math.floor((hourStart - dayStart) / HOUR_MS);
    // Read when the live point is sampled (every two minutes), like the point itself.
    const recent = recentHours(def, live, all, hourStart, dayStart, (serverNow() - hourStart) / HOUR_MS, yesterday[hour] ?? null);
    const solidTo = recent.justEndedFinal ? hour : Math.max(0, hour - 1);
    const open: (number | null)[] = new Array<number | null>(hour + 1).fill(null);
    if (recent.projected !== null) open[hour] = recent.projected;
    if (hour > 0 && (recent.projected !== null || !recent.justEndedFinal)) open[hour - 1] = recent.justEnded;
    if (!recent.justEndedFinal && recent.justEnded !== null && hour > 1) open[hour - 2] = today[hour - 2] ?? null;
    return { today: today.slice(0, solidTo), open, yesterday };
  }, [points, dayStart, hourStart, def, live]);

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const unit = l(def.unit);
    const grid = compact ? { left: font * 0.4, right: font * 0.8, top: font * 0.7, bottom: font * 0.3, containLabel: true } : { left: font * 3.4, right: font, top: font * 1.2, bottom: font * 2 };
    // As many round intervals as the plot has room to label (under it, the hour labels: ECharts'
    // 8 px margin and a line, taken generously so that a doubtful plot counts as short).
    const plot = boxHeight - grid.top - (compact ? grid.bottom + 8 + font * 1.5 : grid.bottom);
    const axis = axisScale([...series.today, ...series.open, ...series.yesterday], intervalsThatFit(plot, font));
    return {
      animation: false,
      grid,
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { seriesName: string; value: number | null; axisValue: string }[]) =>
          [escapeHtml(ps[0]?.axisValue ?? ''), ...ps.map((p) => `${escapeHtml(p.seriesName)}: ${escapeHtml(value(p.value, def))} ${escapeHtml(unit)}`)].join('<br/>'),
      },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => t('chart.hour', { hour: h })),
        // The first hour's label starts at the plot's edge, clear of the value axis's 0 beside it ("0:00" is wide).
        axisLabel: { color: CHART.muted, fontSize: font, interval: compact ? 5 : 2, alignMinLabel: 'left' },
        axisLine: { lineStyle: { color: CHART.grid } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        // Labels a label's height apart at least, however short the chart: 0 and round steps.
        min: 0,
        max: axis.max,
        interval: axis.interval,
        // Even the overview's small chart says what its lines are worth: a few round labels.
        axisLabel: { color: CHART.muted, fontSize: font, showMinLabel: labelsBothEnds(plot, font), formatter: (v: number) => compactNumber(v) },
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
        {
          id: 'open',
          name: t('chart.openHour'),
          type: 'line',
          data: series.open,
          connectNulls: false,
          symbol: 'emptyCircle',
          symbolSize: vh * 0.7,
          showSymbol: true,
          lineStyle: { color: CHART.today, width: Math.max(2, vh * 0.3), type: 'dotted' },
          itemStyle: { color: CHART.today },
        },
      ],
    };
  }, [series, vh, compact, t, l, value, def, compactNumber, boxHeight]);

  return (
    <div className="trend" data-testid={`trend-${def.id}`} data-day={dayStart} data-history-points={points?.length ?? 0}>
      <div className="trend__caption">
        <span className="trend__title">{caption}</span>
        <span className="trend__key trend__key--yesterday">{t('chart.yesterday')}</span>
        <span className="trend__key trend__key--today">{t('chart.today')}</span>
        {!compact && <span className="trend__key trend__key--open">{t('chart.openHour')}</span>}
      </div>
      <div ref={box} className="trend__chart">
        <EChart option={option} className="chart-fill" renderer="svg" />
      </div>
    </div>
  );
}
