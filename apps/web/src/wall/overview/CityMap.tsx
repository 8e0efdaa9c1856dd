import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AQI_CATEGORIES, aqiCategory, aqiLevel } from '@cw/aqi';
import { CITY_SCOPE, type CityProfile, type MetricDef } from '@cw/contracts';
import { ALERT_LEVEL_COLORS } from '@cw/vocabulary';
import { EChart, type ChartClick } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertsOf, feedOf, useLive, useParts, useStatuses, useValues } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useBoxSize } from '../useBoxSize.ts';
import { useVh } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';
import { selectDivision, useWallUi } from '../wallStore.ts';
import { clusterState, deviceClusters, EXPAND_ZOOM, type DeviceCluster } from './deviceClusters.ts';
import { alertLevels, deviceMarkers, focusLocation, incidentMarkers, mapLabelName } from './mapData.ts';
import { mapFrames, nudgeInto, panelBounds, pastObstacle, toPixel, type Bounds, type Box, type CityGeometry, type MapFrames } from './mapGeometry.ts';
import { pieceColour, pieceOf, scaleTop, stepPieces } from './mapScale.ts';
import { geoBoxes, registerCityMap } from './registerCityMap.ts';
import { divisionsWithout, placeKindOf } from '../thematic/ranking.ts';

/** Newest placed incidents drawn on the map; the feed holds more. */
const INCIDENTS_SHOWN = 20;
const SEVERITY_COLOUR = { info: '#7fb2ff', warning: CHART.warning, critical: CHART.critical } as const;
const DEVICE_COLOUR = { camera: '#5ad1ff', sensor: '#c39bff', offline: '#7a86a3' } as const;
const CLUSTER_COLOUR = { normal: '#5ad1ff', warning: CHART.warning, critical: CHART.critical, nodata: '#7a86a3' } as const;
/** Zooming stops here: a street block of a county seat. */
const MAX_ZOOM = 12;
const NO_DATA = '#2a3550';
/** Rings are drawn hollow, so the label inside stays readable. */
const RING_FILL = 'rgba(0, 0, 0, 0)';
// Geos and series by id: zooming in drops the inset's, which a merge would keep.
const REPLACE = ['visualMap', 'geo', 'series'];
const REPLACE_OVERLAY = ['geo', 'series'];
// The overlay's own layers: markers change with events, labels (on top) with the figures.
const MARKERS = 0;
const LABELS = 1;
/** The inset's caption line and the gap kept from the city's outline, in vh. */
export const CAPTION_VH = 2.8;
export const PAD_VH = 0.8;

/** The fill's opacity: the divisions' colour reads as a tint, the labels and markers on it stay sharp. */
export const FILL_ALPHA = 0.62;

/** `rgb(r, g, b)` or `#rrggbb` at the fill's opacity. */
/** A division's name and figure on a dark plate, readable over any fill (wall and board maps). */
export function namePlate(vh: number, font: number) {
  return {
    show: true,
    position: 'inside',
    color: '#ffffff',
    textBorderColor: '#061226',
    textBorderWidth: Math.max(2, vh * 0.25),
    backgroundColor: 'rgba(6, 18, 38, 0.55)',
    borderRadius: vh * 0.4,
    padding: [vh * 0.2, vh * 0.5],
    lineHeight: font * 1.3,
    rich: {
      n: { fontSize: font, color: '#ffffff', fontWeight: 600 },
      v: { fontSize: font * 1.3, color: '#ffffff', fontWeight: 800 },
      m: { fontSize: font, color: '#ffffff', fontWeight: 700 },
    },
  };
}

export function translucent(colour: string, alpha = FILL_ALPHA): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  return `rgba(${rgb.join(', ')}, ${alpha})`;
}

/** The map's colour scale for a metric: the AQI's HJ 633 categories, or round pieces of the values. */
export function useMapScale(metric: MetricDef, values: readonly (number | null)[]): { pieces: { key: string; colour: string; min: number; max: number | null; aqiLevel?: number }[]; pieceOfValue: (v: number | null) => number | null } {
  const isAqi = metric.compute.kind === 'aqi';
  const top = scaleTop(values);
  return useMemo(() => {
    if (isAqi) {
      return {
        pieces: AQI_CATEGORIES.map((c) => ({ key: String(c.level), colour: translucent(c.color), min: c.min, max: Number.isFinite(c.max) ? c.max + 1 : null, aqiLevel: c.level })),
        pieceOfValue: (v) => (v === null ? null : aqiLevel(v) - 1),
      };
    }
    const steps = stepPieces(top);
    return {
      pieces: steps.map((p, i) => ({ key: String(p.min), colour: translucent(pieceColour(CHART.steps, i, steps.length)), min: p.min, max: p.max })),
      pieceOfValue: (v) => pieceOf(v, steps),
    };
  }, [isAqi, top]);
}

/**
 * The city map, in two stacked charts. The base draws the division boundaries coloured by
 * the selected metric (AQI in its HJ 633 category colours, others in round steps) and
 * repaints only when a division's colour changes; the transparent overlay draws what moves
 * every few seconds: labels, cameras and sensors with their online state, scenic areas,
 * the latest incidents, divisions with open alerts and the focused item. Divisions too
 * small to carry their name are drawn again, enlarged and named, in an inset, with their
 * outline on the city map linked to it. A tap on a division shows its figures.
 */
export function CityMap({ metric, buttons }: { metric: MetricDef; /** The metric buttons over the map's top-left corner. */ buttons: { width: number; height: number } }) {
  const { t } = useI18n();
  const { profile, geo } = useWallData();
  const focus = useWallUi((s) => s.focus);
  const vh = useVh();
  const geometry = registerCityMap(geo);
  const el = useRef<HTMLDivElement>(null);
  const size = useBoxSize(el);
  const frames = useMemo(() => (size.width === 0 ? null : mapFrames(size.width, size.height, geometry, CAPTION_VH * vh, PAD_VH * vh)), [size.width, size.height, geometry, vh]);
  // The city map is drawn in the whole panel, its extent widened to the panel's margins, so
  // that zoomed or panned it fills (and is clipped to) the panel, not the city's own frame.
  const panel = useMemo<Panel | null>(
    () => (frames === null ? null : { box: { x: 0, y: 0, width: size.width, height: size.height }, bounds: panelBounds(size.width, size.height, frames.main, geometry.bounds) }),
    [frames, size.width, size.height, geometry],
  );
  // The whole city by default (null); a pinch or the wheel zooms the city map (not the inset).
  const [roamed, setRoamed] = useState<MapView | null>(null);
  const view = useMemo<MapView>(() => roamed ?? { zoom: 1, center: panel === null ? [0, 0] : [(panel.bounds.west + panel.bounds.east) / 2, (panel.bounds.south + panel.bounds.north) / 2] }, [roamed, panel]);
  // A wall is left alone: a view someone zoomed or panned returns to the whole city once
  // nobody has touched it for the wall's focus time (each roam restarts the wait).
  const idleMs = useWallUi((s) => s.focusMs);
  useEffect(() => {
    if (roamed === null) return;
    const timer = setTimeout(() => setRoamed(null), idleMs);
    return () => clearTimeout(timer);
  }, [roamed, idleMs]);
  const byType = view.zoom >= EXPAND_ZOOM;
  const cameras = useParts(CITY_SCOPE, 'safety.camera_online');
  const sensors = useParts(CITY_SCOPE, 'safety.sensor_online');
  const clusters = useMemo(() => deviceClusters(profile, cameras, sensors, byType), [profile, cameras, sensors, byType]);
  // Zoomed or panned, the city map has the whole panel: the inset (the urban districts
  // enlarged) would cover it, and its link would point at where they no longer are.
  const shown = useMemo(() => (frames === null || roamed === null ? frames : { ...frames, inset: null }), [frames, roamed]);
  return (
    <div
      ref={el}
      className="city-map"
      data-testid="city-map"
      data-divisions={profile.divisions.length}
      data-metric={metric.id}
      data-inset={geometry.insetCodes.join(' ')}
      data-focus={focus?.kind === 'feed' ? (focus.site ?? focus.division) : (focus?.scope ?? '')}
      data-zoom={view.zoom.toFixed(2)}
      data-cluster-level={byType ? 'type' : 'division'}
      data-clusters={clusters.length}
    >
      {shown && panel && (
        <>
          {shown.inset && <InsetFrame box={shown.inset.frame} caption={t('map.inset')} />}
          <BaseMap metric={metric} frames={shown} panel={panel} geometry={geometry} view={view} onRoam={setRoamed} />
          {shown.inset && <InsetLink frames={shown} geometry={geometry} />}
          <MapOverlay metric={metric} frames={shown} panel={panel} geometry={geometry} view={view} clusters={clusters} roamed={roamed !== null} buttons={buttons} />
        </>
      )}
      {roamed !== null && (
        <button type="button" className="chip city-map__reset" data-testid="map-reset" onClick={() => setRoamed(null)}>
          {t('map.reset')}
        </button>
      )}
    </div>
  );
}

/** The city map's zoom and centre (lon, lat). */
interface MapView {
  zoom: number;
  center: [number, number];
}

/** The whole map panel and the extent the city map shows in it at zoom 1. */
interface Panel {
  box: Box;
  bounds: Bounds;
}

/** The geo boxes with the city map zoomed and centred as `view` says; `roam` lets a user pan and zoom it. */
function viewedGeos(frames: MapFrames, panel: Panel, geometry: CityGeometry, view: MapView, roam: boolean): Record<string, unknown>[] {
  const { west, east, north, south } = panel.bounds;
  // Clipped to the panel: zoomed in, the city fills the panel and stays inside it.
  return geoBoxes(frames, geometry).map((g, i) =>
    i === 0
      ? { ...g, left: panel.box.x, top: panel.box.y, width: panel.box.width, height: panel.box.height, boundingCoords: [[west, north], [east, south]], zoom: view.zoom, center: view.center, clip: true, ...(roam ? { roam: true, scaleLimit: { min: 1, max: MAX_ZOOM } } : {}) }
      : g,
  );
}

/** The inset's frame and caption, beneath the maps. */
export function InsetFrame({ box, caption }: { box: Box; caption: string }) {
  return (
    <div className="city-map__inset" data-testid="map-inset" style={{ left: box.x, top: box.y, width: box.width, height: box.height }}>
      <span className="city-map__inset-caption">{caption}</span>
    </div>
  );
}

/** The small divisions' outline on the city map, joined to the inset. */
export function InsetLink({ frames, geometry }: { frames: MapFrames; geometry: CityGeometry }) {
  const inset = frames.inset!;
  const b = geometry.insetBounds!;
  const [x1, y1] = toPixel(frames.main, geometry.bounds, [b.west, b.north]);
  const [x2, y2] = toPixel(frames.main, geometry.bounds, [b.east, b.south]);
  const f = inset.frame;
  // From the outline's corner nearest the inset to the frame's nearest corner.
  const from: [number, number] = [f.x > x2 ? x2 : x1, f.y > y2 ? y2 : y1];
  const to: [number, number] = [f.x > x2 ? f.x : f.x + f.width, f.y > y2 ? f.y : f.y + f.height];
  return (
    <svg className="city-map__links" aria-hidden>
      <rect x={x1} y={y1} width={x2 - x1} height={y2 - y1} />
      <line x1={from[0]} y1={from[1]} x2={to[0]} y2={to[1]} />
    </svg>
  );
}

/**
 * The divisions' live values of the map's metric, none where a division has no place the
 * figure is read from (no ticketed scenic area: no visitors to measure, not 0 visitors).
 */
function useMeasuredValues(metric: MetricDef, divisionCodes: readonly string[], profile: CityProfile): (number | null)[] {
  const values = useValues(divisionCodes, metric.id);
  const without = useMemo(() => divisionsWithout(placeKindOf(metric), profile), [metric, profile]);
  return useMemo(() => (without.size === 0 ? values : values.map((v, i) => (without.has(divisionCodes[i]!) ? null : v))), [values, without, divisionCodes]);
}

function BaseMap({ metric, frames, panel, geometry, view, onRoam }: { metric: MetricDef; frames: MapFrames; panel: Panel; geometry: CityGeometry; view: MapView; onRoam: (v: MapView) => void }) {
  const { profile, divisionCodes } = useWallData();
  const vh = useVh();
  const selected = useWallUi((s) => s.selectedDivision);
  const values = useMeasuredValues(metric, divisionCodes, profile);
  const scale = useMapScale(metric, values);
  // Which piece each division is in, as a string: the option (and the repaint) changes only when a colour does.
  const fillKey = values.map((v) => scale.pieceOfValue(v) ?? '').join(',');

  const option = useMemo<EChartsCoreOption>(() => {
    const fills = fillKey.split(',').map((f) => (f === '' ? NaN : Number(f)));
    const data = profile.divisions.map((d, i) => ({ name: d.code, value: fills[i] ?? NaN }));
    const inset = new Set(geometry.insetCodes);
    const region = {
      selectedMode: false,
      label: { show: false },
      itemStyle: { areaColor: NO_DATA, borderColor: 'rgba(190, 215, 255, 0.55)', borderWidth: Math.max(1, vh * 0.12) },
      emphasis: { disabled: true },
      regions: selected === null ? [] : [{ name: selected, itemStyle: { borderColor: '#ffffff', borderWidth: vh * 0.4 } }],
    };
    const geos = viewedGeos(frames, panel, geometry, view, true).map((g) => ({ ...g, ...region }));
    return {
      animation: false,
      visualMap: {
        type: 'piecewise',
        show: false,
        seriesIndex: geos.map((_, i) => i),
        pieces: scale.pieces.map((p, i) => ({ value: i, color: p.colour })),
        outOfRange: { color: NO_DATA },
      },
      geo: geos,
      series: geos.map((_, i) => ({ id: i === 0 ? 'divisions' : 'inset', type: 'map', geoIndex: i, data: i === 0 ? data : data.filter((d) => inset.has(d.name)) })),
    };
  }, [fillKey, scale, vh, selected, profile.divisions, frames, panel, geometry, view]);

  const codes = useMemo(() => new Set(divisionCodes), [divisionCodes]);
  const onClick = useCallback(
    (p: ChartClick) => {
      if (p.name !== undefined && codes.has(p.name)) selectDivision(p.name);
    },
    [codes],
  );
  return <EChart option={option} className="city-map__layer" onClick={onClick} onRoam={onRoam} replaceMerge={REPLACE} renderer="svg" testId="city-map-base" />;
}

function MapOverlay({ metric, frames, panel, geometry, view, clusters, roamed, buttons }: { metric: MetricDef; frames: MapFrames; panel: Panel; geometry: CityGeometry; view: MapView; clusters: DeviceCluster[]; roamed: boolean; buttons: { width: number; height: number } }) {
  const { l, t, value } = useI18n();
  const { profile, place, divisionCodes } = useWallData();
  const vh = useVh();
  const values = useMeasuredValues(metric, divisionCodes, profile);
  const statuses = useStatuses(divisionCodes, metric.id);
  const cameras = useParts(CITY_SCOPE, 'safety.camera_online');
  const sensors = useParts(CITY_SCOPE, 'safety.sensor_online');
  const feed = useLive(feedOf);
  const alerts = useLive(alertsOf);
  const focus = useWallUi((s) => s.focus);

  const devices = useMemo(() => deviceMarkers(profile.devices, cameras, sensors), [profile.devices, cameras, sensors]);
  const incidents = useMemo(() => incidentMarkers(feed, place, INCIDENTS_SHOWN), [feed, place]);
  const alerted = useMemo(() => alertLevels(alerts), [alerts]);
  const focusAt = useMemo(() => (focus === null ? null : focusLocation(focus, profile, place)), [focus, profile, place]);
  const scenic = useMemo(() => profile.sites.filter((s) => s.type === 'scenic'), [profile.sites]);

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const isAqi = metric.compute.kind === 'aqi';
    const geos = viewedGeos(frames, panel, geometry, view, false).map((g) => ({ ...g, show: false, silent: true }));
    const byType = view.zoom >= EXPAND_ZOOM;
    const labelAt = new Map(geometry.divisions.map((d) => [d.code, d.labelAt]));
    // Zoomed in there is no inset: every division is named on the city map.
    const inset = new Set(frames.inset === null ? [] : geometry.insetCodes);
    const labelData = (inInset: boolean) =>
      profile.divisions.flatMap((d, i) => {
        if (inset.has(d.code) !== inInset) return [];
        const v = values[i] ?? null;
        const status = statuses[i] ?? 'nodata';
        const mark = isAqi && v !== null ? l(aqiCategory(v)) : status === 'warning' || status === 'critical' ? STATUS_MARK[status] : '';
        return [{ name: d.code, value: labelAt.get(d.code) ?? d.center, label: { formatter: `{n|${mapLabelName(l(d.name))}}\n{v|${value(v, metric)}}${mark ? ` {m|${mark}}` : ''}` } }];
      });
    const label = namePlate(vh, font);
    // The metric buttons sit over the map's top-left corner (both start at the panel's origin).
    const obstacle: Box = { x: 0, y: 0, width: buttons.width, height: buttons.height };
    const labels = (id: string, geoIndex: number, data: unknown[], within: Box) => ({
      id,
      type: 'scatter',
      coordinateSystem: 'geo',
      geoIndex,
      silent: true,
      zlevel: LABELS,
      z: 10,
      symbolSize: 0,
      data,
      label,
      // A name near the edge of its map slides inwards rather than spilling over the frame, and
      // one under the metric buttons slides right, past them.
      labelLayout: (p: { labelRect: Box }) => {
        const dx = nudgeInto(p.labelRect, within);
        return { dx: dx + pastObstacle({ ...p.labelRect, x: p.labelRect.x + dx }, obstacle, PAD_VH * vh) };
      },
    });
    const clusterFont = font;
    // Clusters sit below their division's name plate; a division's type clusters side by side.
    const clusterSeries = (id: string, geoIndex: number, list: DeviceCluster[]) => {
      const row = new Map<string, number>();
      for (const c of list) row.set(c.division, (row.get(c.division) ?? 0) + 1);
      const seen = new Map<string, number>();
      return {
        id,
        type: 'scatter',
        coordinateSystem: 'geo',
        geoIndex,
        silent: true,
        zlevel: MARKERS,
        z: 5,
        data: list.map((c) => {
          const i = seen.get(c.division) ?? 0;
          seen.set(c.division, i + 1);
          const text = `${c.type === undefined ? '' : `${t(`map.cluster.${c.type}`)} `}${c.total}`;
          const width = (text.length * 0.62 + 1.2) * clusterFont;
          const colour = CLUSTER_COLOUR[clusterState(c)];
          return {
            name: c.id,
            value: labelAt.get(c.division) ?? profile.divisions.find((d) => d.code === c.division)?.center,
            symbol: 'roundRect',
            symbolSize: [width, clusterFont * 1.7],
            symbolOffset: [(i - ((row.get(c.division) ?? 1) - 1) / 2) * (width + 0.4 * vh), 4.6 * vh],
            itemStyle: { color: 'rgba(6, 18, 38, 0.85)', borderColor: colour, borderWidth: Math.max(1.5, vh * 0.22) },
            label: { show: true, position: 'inside', formatter: text, color: colour, fontSize: clusterFont, fontWeight: 700 },
          };
        }),
      };
    };
    return {
      animation: false,
      geo: geos,
      series: [
        {
          id: 'scenic',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'triangle',
          symbolSize: vh * 1.5,
          itemStyle: { color: '#f4f7ff', borderColor: '#061226', borderWidth: 1.5 },
          data: scenic.map((s) => ({ name: s.id, value: s.location })),
        },
        // Named devices one by one only when zoomed in; the wall's own zoom shows clusters.
        {
          id: 'devices',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          data: (byType ? devices : []).map((d) => ({
            name: d.id,
            value: d.location,
            symbol: `${d.online === false ? 'empty' : ''}${d.camera ? 'rect' : 'diamond'}`,
            symbolSize: d.camera ? vh * 0.8 : vh * 1.0,
            itemStyle: {
              color: d.online === false ? DEVICE_COLOUR.offline : d.camera ? DEVICE_COLOUR.camera : DEVICE_COLOUR.sensor,
              borderColor: d.online === false ? DEVICE_COLOUR.offline : '#061226',
              borderWidth: 1,
            },
          })),
        },
        clusterSeries('clusters', 0, clusters.filter((c) => c.type !== undefined || !inset.has(c.division))),
        ...(frames.inset === null ? [] : [clusterSeries('inset-clusters', 1, byType ? [] : clusters.filter((c) => inset.has(c.division)))]),
        {
          id: 'incidents',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'pin',
          data: incidents.map((m) => ({
            name: m.id,
            value: m.location,
            symbolSize: m.severity === 'critical' ? vh * 3.2 : vh * 2.4,
            itemStyle: { color: SEVERITY_COLOUR[m.severity], borderColor: '#061226', borderWidth: 1.5 },
          })),
        },
        {
          id: 'alerts',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'circle',
          data: profile.divisions
            .filter((d) => alerted.has(d.code))
            .map((d) => ({ name: d.code, value: d.center, symbolSize: vh * 7, itemStyle: { color: RING_FILL, borderColor: ALERT_LEVEL_COLORS[alerted.get(d.code)!], borderWidth: vh * 0.45 } })),
        },
        {
          id: 'focus',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'circle',
          symbolSize: vh * 10,
          itemStyle: { color: RING_FILL, borderColor: '#ffffff', borderWidth: vh * 0.7 },
          data: focusAt === null ? [] : [{ name: 'focus', value: focusAt }],
        },
        // Names last and on their own layer: markers never cover them.
        labels('labels', 0, labelData(false), roamed ? panel.box : frames.main),
        ...(frames.inset === null ? [] : [labels('inset-labels', 1, labelData(true), frames.inset.map)]),
      ],
    };
  }, [vh, metric, values, statuses, profile, l, t, value, scenic, devices, incidents, alerted, focusAt, frames, panel, geometry, view, clusters, roamed, buttons]);

  return <EChart option={option} className="city-map__layer city-map__layer--overlay" replaceMerge={REPLACE_OVERLAY} renderer="svg" testId="city-map-overlay" />;
}
