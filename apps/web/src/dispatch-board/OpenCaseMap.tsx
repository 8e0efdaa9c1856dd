import { useMemo, useRef } from 'react';
import { type CaseSummary, type CityProfile } from '@cw/contracts';
import { CASE_STATE_LABELS } from '@cw/vocabulary';
import type { DivisionsGeoJson } from '../api/queries.ts';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { escapeHtml } from '../charts/escapeHtml.ts';
import { CHART, chartFont } from '../charts/theme.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CAPTION_VH, InsetFrame, InsetLink, PAD_VH, namePlate, translucent } from '../wall/overview/CityMap.tsx';
import { mapLabelName } from '../wall/overview/mapData.ts';
import { mapFrames, nudgeInto, type Box } from '../wall/overview/mapGeometry.ts';
import { pieceColour, pieceLabel, pieceOf, scaleTop, stepPieces } from '../wall/overview/mapScale.ts';
import { geoBoxes, registerCityMap } from '../wall/overview/registerCityMap.ts';
import { useBoxSize } from '../wall/useBoxSize.ts';
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

/**
 * Divisions coloured by their open cases in round steps (legend beside the title), each
 * named with its count (the small urban districts in the inset), and a marker for every
 * overdue or supervised case.
 */
export function OpenCaseMap({ profile, geo, cases, watched }: Props) {
  const { t, l } = useI18n();
  const vh = useVh();
  const geometry = registerCityMap(geo);
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const frames = useMemo(() => (size.width === 0 ? null : mapFrames(size.width, size.height, geometry, CAPTION_VH * vh, PAD_VH * vh)), [size.width, size.height, geometry, vh]);
  const counts = useMemo(() => openByDivision(cases, profile.divisions), [cases, profile.divisions]);
  const markers = useMemo(() => watchMarkers(watched, profile.divisions), [watched, profile.divisions]);
  const pieces = useMemo(() => stepPieces(scaleTop([...counts.values()])), [counts]);

  const option = useMemo<EChartsCoreOption>(() => {
    if (frames === null) return {};
    const font = chartFont(vh);
    const byId = new Map(watched.map((w) => [w.case.id, w.case]));
    const names = new Map(profile.divisions.map((d) => [d.code, l(d.name)]));
    const labelAt = new Map(geometry.divisions.map((d) => [d.code, d.labelAt]));
    const inset = new Set(geometry.insetCodes);
    const geos = geoBoxes(frames, geometry).map((g) => ({
      ...g,
      selectedMode: false,
      label: { show: false },
      itemStyle: { areaColor: '#16335e', borderColor: 'rgba(190, 215, 255, 0.55)', borderWidth: Math.max(1, vh * 0.12) },
      emphasis: { disabled: true },
    }));
    const data = profile.divisions.map((d) => ({ name: d.code, value: pieceOf(counts.get(d.code) ?? 0, pieces) ?? 0 }));
    const labels = (inInset: boolean, geoIndex: number, within: Box) => ({
      id: inInset ? 'inset-labels' : 'labels',
      type: 'scatter',
      coordinateSystem: 'geo',
      geoIndex,
      silent: true,
      z: 10,
      symbolSize: 0,
      labelLayout: (p: { labelRect: Box }) => ({ dx: nudgeInto(p.labelRect, within) }),
      data: profile.divisions
        .filter((d) => inset.has(d.code) === inInset)
        .map((d) => ({ name: d.code, value: labelAt.get(d.code) ?? d.center, label: { formatter: `{n|${mapLabelName(l(d.name))}}\n{v|${counts.get(d.code) ?? 0}}` } })),
      label: namePlate(vh, font),
    });
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesId?: string; name: string; value?: unknown }) => {
          if (p.seriesId === 'divisions' || p.seriesId === 'inset') return tooltipHtml(names.get(p.name) ?? p.name, [t('board.openCount', { count: counts.get(p.name) ?? 0 })]);
          const c = byId.get(p.name);
          return c ? tooltipHtml(c.title, [`${c.id} · ${names.get(c.division) ?? c.division}`, l(CASE_STATE_LABELS[c.state])]) : escapeHtml(p.name);
        },
      },
      visualMap: {
        type: 'piecewise',
        show: false,
        seriesIndex: geos.map((_, i) => i),
        pieces: pieces.map((_, i) => ({ value: i, color: translucent(pieceColour(CHART.steps, i, pieces.length)) })),
      },
      geo: geos,
      series: [
        ...geos.map((_, i) => ({ id: i === 0 ? 'divisions' : 'inset', type: 'map', geoIndex: i, data: i === 0 ? data : data.filter((d) => inset.has(d.name)) })),
        {
          id: 'watched',
          type: 'scatter',
          coordinateSystem: 'geo',
          geoIndex: 0,
          data: markers.map((m) => ({
            name: m.id,
            value: m.position,
            symbol: MARKER_SYMBOL[m.reason],
            symbolSize: m.reason === 'overdue' ? vh * 3 : vh * 2.2,
            // Drawn at the division's seat, the marker sits above it rather than on it.
            symbolOffset: m.approximate ? [0, -vh * 3.2] : [0, 0],
            itemStyle: { color: MARKER_COLOUR[m.reason], borderColor: '#061226', borderWidth: 1.5, opacity: m.approximate ? 0.75 : 1 },
          })),
        },
        // Names last: markers never cover them.
        labels(false, 0, frames.main),
        ...(frames.inset === null ? [] : [labels(true, 1, frames.inset.map)]),
      ],
    };
  }, [vh, counts, pieces, markers, watched, profile.divisions, l, t, frames, geometry]);

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
      <div className="db-map__body">
        <div className="db-map__chart city-map" ref={box} data-testid="board-map-chart" data-inset={geometry.insetCodes.join(' ')}>
          {frames?.inset && <InsetFrame box={frames.inset.frame} caption={t('map.inset')} />}
          {frames && <EChart option={option} className="city-map__layer" renderer="svg" />}
          {frames?.inset && <InsetLink frames={frames} geometry={geometry} />}
        </div>
        <ul className="map-scale db-map__scale" data-testid="board-map-scale" data-pieces={pieces.length}>
          {pieces.map((p, i) => (
            <li key={p.min}>
              <i style={{ background: translucent(pieceColour(CHART.steps, i, pieces.length)) }} aria-hidden />
              {pieceLabel(p, true)}
            </li>
          ))}
        </ul>
      </div>
    </BoardPanel>
  );
}
