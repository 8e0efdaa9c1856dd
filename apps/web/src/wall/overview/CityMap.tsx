import { useCallback, useMemo } from 'react';
import { AQI_CATEGORIES, aqiCategory, aqiLevel } from '@cw/aqi';
import { ALERT_LEVEL_COLORS, CITY_SCOPE, type MetricDef } from '@cw/contracts';
import { EChart, type ChartClick } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { alertsOf, feedOf, useLive, useParts, useStatuses, useValues } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useVh } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';
import { selectDivision, useWallUi } from '../wallStore.ts';
import { alertLevels, deviceMarkers, focusLocation, incidentMarkers } from './mapData.ts';
import { RAMP_STEPS, rampMax, rampStep } from './mapScale.ts';
import { CITY_MAP, CODE_PROPERTY, registerCityMap } from './registerCityMap.ts';

/** Newest placed incidents drawn on the map; the feed holds more. */
const INCIDENTS_SHOWN = 20;
const SEVERITY_COLOUR = { info: '#7fb2ff', warning: CHART.warning, critical: CHART.critical } as const;
const DEVICE_COLOUR = { camera: '#5ad1ff', sensor: '#c39bff', offline: '#7a86a3' } as const;
const NO_DATA = '#2a3550';
/** Rings are drawn hollow, so the label inside stays readable. */
const RING_FILL = 'rgba(0, 0, 0, 0)';
const REPLACE = ['visualMap'];
// The overlay's own layers (canvases): markers change with events, labels (on top) with the figures.
const MARKERS = 0;
const LABELS = 1;

/** Both layers place the map identically, so the overlay's markers sit on the base's boundaries. */
const GEO_LAYOUT = { map: CITY_MAP, nameProperty: CODE_PROPERTY, roam: false, layoutCenter: ['50%', '50%'], layoutSize: '98%' } as const;

/**
 * The city map, in two stacked charts. The base draws the division boundaries coloured by
 * the selected metric (AQI in its HJ 633 category colours, others on a neutral ramp) and
 * repaints only when a division's colour changes; the transparent overlay draws what moves
 * every few seconds: labels, cameras and sensors with their online state, scenic areas,
 * the latest incidents, divisions with open alerts and the focused item. A tap on a
 * division shows its figures.
 */
export function CityMap({ metric }: { metric: MetricDef }) {
  const { profile, geo } = useWallData();
  const focus = useWallUi((s) => s.focus);
  registerCityMap(geo);
  return (
    <div
      className="city-map"
      data-testid="city-map"
      data-divisions={profile.divisions.length}
      data-metric={metric.id}
      data-focus={focus?.kind === 'feed' ? (focus.site ?? focus.division) : (focus?.scope ?? '')}
    >
      <BaseMap metric={metric} />
      <MapOverlay metric={metric} />
    </div>
  );
}

function BaseMap({ metric }: { metric: MetricDef }) {
  const { profile, divisionCodes } = useWallData();
  const vh = useVh();
  const selected = useWallUi((s) => s.selectedDivision);
  const values = useValues(divisionCodes, metric.id);
  const isAqi = metric.compute.kind === 'aqi';
  // What the fill shows: the AQI category, or the step on the ramp. Compared as a string,
  // so the option (and the repaint) changes only when a colour does.
  const max = rampMax(values);
  const fillKey = values.map((v) => (v === null ? '' : isAqi ? aqiLevel(v) : rampStep(v, max))).join(',');

  const option = useMemo<EChartsCoreOption>(() => {
    const fills = fillKey.split(',').map((f) => (f === '' ? NaN : Number(f)));
    const visualMap = isAqi
      ? { type: 'piecewise', show: false, seriesIndex: 0, pieces: AQI_CATEGORIES.map((c) => ({ value: c.level, color: c.color })), outOfRange: { color: NO_DATA } }
      : { type: 'continuous', show: false, seriesIndex: 0, min: 0, max: RAMP_STEPS, inRange: { color: [...CHART.ramp] }, outOfRange: { color: NO_DATA } };
    return {
      animation: false,
      visualMap,
      geo: {
        ...GEO_LAYOUT,
        selectedMode: false,
        label: { show: false },
        itemStyle: { areaColor: NO_DATA, borderColor: '#061226', borderWidth: Math.max(1, vh * 0.15) },
        emphasis: { disabled: true },
        regions: selected === null ? [] : [{ name: selected, itemStyle: { borderColor: '#ffffff', borderWidth: vh * 0.4 } }],
      },
      series: [{ id: 'divisions', type: 'map', geoIndex: 0, data: profile.divisions.map((d, i) => ({ name: d.code, value: fills[i] ?? NaN })) }],
    };
  }, [fillKey, isAqi, vh, selected, profile.divisions]);

  const codes = useMemo(() => new Set(divisionCodes), [divisionCodes]);
  const onClick = useCallback(
    (p: ChartClick) => {
      if (p.name !== undefined && codes.has(p.name)) selectDivision(p.name);
    },
    [codes],
  );
  return <EChart option={option} className="city-map__layer" onClick={onClick} replaceMerge={REPLACE} renderer="svg" />;
}

function MapOverlay({ metric }: { metric: MetricDef }) {
  const { l, value } = useI18n();
  const { profile, place, divisionCodes } = useWallData();
  const vh = useVh();
  const values = useValues(divisionCodes, metric.id);
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
    return {
      animation: false,
      geo: { ...GEO_LAYOUT, show: false, silent: true },
      series: [
        {
          id: 'labels',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          zlevel: LABELS,
          symbolSize: 0,
          // Small urban districts crowd together: their labels give way rather than overlap.
          labelLayout: { hideOverlap: true },
          data: profile.divisions.map((d, i) => {
            const v = values[i] ?? null;
            const status = statuses[i] ?? 'nodata';
            const mark = isAqi && v !== null ? l(aqiCategory(v)) : status === 'warning' || status === 'critical' ? STATUS_MARK[status] : '';
            return { name: d.code, value: d.center, label: { formatter: `{n|${l(d.name)}}\n{v|${value(v, metric)}}${mark ? ` {m|${mark}}` : ''}` } };
          }),
          label: {
            show: true,
            position: 'inside',
            textBorderColor: '#061226',
            textBorderWidth: Math.max(2, vh * 0.3),
            color: '#ffffff',
            lineHeight: font * 1.3,
            rich: {
              n: { fontSize: font, color: '#ffffff', fontWeight: 600 },
              v: { fontSize: font * 1.3, color: '#ffffff', fontWeight: 800 },
              m: { fontSize: font, color: '#ffffff', fontWeight: 700 },
            },
          },
        },
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
        {
          id: 'devices',
          type: 'scatter',
          zlevel: MARKERS,
          coordinateSystem: 'geo',
          silent: true,
          data: devices.map((d) => ({
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
      ],
    };
  }, [vh, metric, values, statuses, profile, l, value, scenic, devices, incidents, alerted, focusAt]);

  return <EChart option={option} className="city-map__layer city-map__layer--overlay" renderer="svg" />;
}
