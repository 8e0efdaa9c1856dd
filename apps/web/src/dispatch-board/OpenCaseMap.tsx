import { useMemo } from 'react';
import { CASE_STATE_LABELS, type CaseSummary, type CityProfile } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { escapeHtml } from '../charts/escapeHtml.ts';
import { CHART, chartFont } from '../charts/theme.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CITY_MAP, CODE_PROPERTY, registerCityMap } from '../wall/overview/registerCityMap.ts';
import { useVh } from '../wall/viewport.ts';
import { openByDivision, tooltipHtml, watchMarkers, type Watched } from './boardData.ts';
import { BoardPanel } from './BoardPanel.tsx';

interface Props {
  profile: CityProfile;
  geo: DivisionsGeoJson;
  cases: readonly CaseSummary[];
  watched: readonly Watched[];
}

const MARKER_COLOUR = { overdue: CHART.critical, supervised: CHART.warning } as const;
/** Overdue cases are pins, supervised ones diamonds: the shape tells them apart without colour. */
const MARKER_SYMBOL = { overdue: 'pin', supervised: 'diamond' } as const;

/** Divisions coloured by their open cases, with a marker for every overdue or supervised case. */
export function OpenCaseMap({ profile, geo, cases, watched }: Props) {
  const { t, l } = useI18n();
  const vh = useVh();
  registerCityMap(geo);
  const counts = useMemo(() => openByDivision(cases, profile.divisions), [cases, profile.divisions]);
  const markers = useMemo(() => watchMarkers(watched, profile.divisions), [watched, profile.divisions]);

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const max = Math.max(1, ...counts.values());
    const byId = new Map(watched.map((w) => [w.case.id, w.case]));
    const names = new Map(profile.divisions.map((d) => [d.code, l(d.name)]));
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesId?: string; name: string; value?: unknown }) => {
          if (p.seriesId === 'divisions') return tooltipHtml(names.get(p.name) ?? p.name, [t('board.openCount', { count: counts.get(p.name) ?? 0 })]);
          const c = byId.get(p.name);
          return c ? tooltipHtml(c.title, [`${c.id} · ${names.get(c.division) ?? c.division}`, l(CASE_STATE_LABELS[c.state])]) : escapeHtml(p.name);
        },
      },
      visualMap: {
        type: 'continuous',
        seriesIndex: 0,
        min: 0,
        max,
        left: font * 0.5,
        bottom: font * 0.5,
        itemWidth: font,
        itemHeight: font * 7,
        calculable: false,
        text: [String(max), '0'],
        textStyle: { color: CHART.text, fontSize: font },
        inRange: { color: [...CHART.ramp] },
      },
      geo: {
        map: CITY_MAP,
        nameProperty: CODE_PROPERTY,
        roam: false,
        // Keep the city's shape: a box given on all four sides would stretch it.
        preserveAspect: 'contain',
        left: font * 5,
        right: font * 0.5,
        top: font * 0.5,
        bottom: font * 0.5,
        selectedMode: false,
        label: { show: false },
        itemStyle: { areaColor: '#16335e', borderColor: '#061226', borderWidth: Math.max(1, vh * 0.15) },
        emphasis: { disabled: true },
      },
      series: [
        { id: 'divisions', type: 'map', geoIndex: 0, data: profile.divisions.map((d) => ({ name: d.code, value: counts.get(d.code) ?? 0 })) },
        {
          id: 'labels',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbolSize: 0,
          labelLayout: { hideOverlap: true },
          data: profile.divisions.map((d) => ({ name: d.code, value: d.center, label: { formatter: `{n|${l(d.name)}}\n{v|${counts.get(d.code) ?? 0}}` } })),
          label: {
            show: true,
            position: 'inside',
            color: '#ffffff',
            textBorderColor: '#061226',
            textBorderWidth: Math.max(2, vh * 0.3),
            lineHeight: font * 1.3,
            rich: { n: { fontSize: font, fontWeight: 600, color: '#ffffff' }, v: { fontSize: font * 1.4, fontWeight: 800, color: '#ffffff' } },
          },
        },
        {
          id: 'watched',
          type: 'scatter',
          coordinateSystem: 'geo',
          data: markers.map((m) => ({
            name: m.id,
            value: m.position,
            symbol: MARKER_SYMBOL[m.reason],
            symbolSize: m.reason === 'overdue' ? vh * 3 : vh * 2.2,
            // Drawn at the division's label point, the marker sits above the label rather than on it.
            symbolOffset: m.approximate ? [0, -vh * 3.2] : [0, 0],
            itemStyle: { color: MARKER_COLOUR[m.reason], borderColor: '#061226', borderWidth: 1.5, opacity: m.approximate ? 0.75 : 1 },
          })),
        },
      ],
    };
  }, [vh, counts, markers, watched, profile.divisions, l, t]);

  return (
    <BoardPanel
      title={t('board.map')}
      className="db-map"
      testId="board-map"
      aside={
        <span className="db-legend">
          <span className="db-legend__item db-legend__item--overdue">
            <span aria-hidden>▼</span> {t('board.overdue')}
          </span>
          <span className="db-legend__item db-legend__item--supervised">
            <span aria-hidden>◆</span> {t('board.supervised')}
          </span>
        </span>
      }
    >
      <EChart option={option} className="db-map__chart" renderer="svg" />
    </BoardPanel>
  );
}
