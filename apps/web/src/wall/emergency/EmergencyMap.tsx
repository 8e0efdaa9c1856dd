import { useMemo } from 'react';
import { type EmergencyRecord, type NearbyResource, type ResourceKind } from '@cw/contracts';
import { EMERGENCY_LEVEL_COLORS, RESOURCE_KIND_LABELS } from '@cw/vocabulary';
import { EChart } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { CHART, chartFont } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CITY_MAP, CODE_PROPERTY, registerCityMap } from '../overview/registerCityMap.ts';
import { useVh } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';
import { areaRing, labelSide, mapExtent } from './emergencyView.ts';

/**
 * Shape and colour per resource kind: the shape tells kinds apart without colour, and the
 * colours avoid the level colours (red, orange, yellow, blue), which mean the emergency.
 */
export const RESOURCE_STYLE: Record<ResourceKind, { symbol: string; colour: string; mark: string }> = {
  hospital: { symbol: 'path://M3,0H5V3H8V5H5V8H3V5H0V3H3Z', colour: '#7ee0c3', mark: '✚' },
  rescue_team: { symbol: 'triangle', colour: '#c39bff', mark: '▲' },
  fire_station: { symbol: 'diamond', colour: '#ff9ecb', mark: '◆' },
  shelter: { symbol: 'rect', colour: '#e6eefc', mark: '■' },
  supply_depot: { symbol: 'roundRect', colour: '#5fe0ff', mark: '▣' },
  water_gauge: { symbol: 'circle', colour: '#b8f36b', mark: '●' },
};

/** Resources drawn on the map: enough to act on, few enough to label; the list has the rest. */
const ON_MAP = 8;

/**
 * The division map zoomed to the incident: the boundaries, the incident's pin and its
 * affected area in the level's colour, and the nearest resources with their ETA.
 * `ordered` leads with the nearest of each kind (resourceOrder), so every kind is on it.
 */
export function EmergencyMap({ e, ordered }: { e: EmergencyRecord; ordered: readonly NearbyResource[] }) {
  const { t, l } = useI18n();
  const { profile, geo } = useWallData();
  const vh = useVh();
  registerCityMap(geo);
  const resources = useMemo(() => ordered.slice(0, ON_MAP), [ordered]);
  const ring = useMemo(() => areaRing(e.location, e.area), [e.location, e.area]);
  const extent = useMemo(() => mapExtent([...ring, ...resources.map((r) => r.resource.location)]), [ring, resources]);

  const option = useMemo<EChartsCoreOption>(() => {
    const font = chartFont(vh);
    const colour = EMERGENCY_LEVEL_COLORS[e.level];
    return {
      animation: false,
      geo: {
        map: CITY_MAP,
        nameProperty: CODE_PROPERTY,
        roam: false,
        boundingCoords: extent,
        // Keep the city's shape: a box given on all four sides would stretch it.
        preserveAspect: 'contain',
        left: font,
        right: font,
        top: font,
        bottom: font,
        silent: true,
        selectedMode: false,
        label: { show: false },
        itemStyle: { areaColor: '#122a52', borderColor: '#4f77bd', borderWidth: Math.max(1, vh * 0.15) },
        emphasis: { disabled: true },
      },
      series: [
        {
          id: 'divisions',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbolSize: 0,
          labelLayout: { hideOverlap: true },
          data: profile.divisions.map((d) => ({ name: d.code, value: d.center })),
          label: { show: true, position: 'inside', formatter: (p: { dataIndex: number }) => l(profile.divisions[p.dataIndex]!.name), color: CHART.muted, fontSize: font },
        },
        {
          id: 'area',
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          data: [{ coords: ring }],
          lineStyle: { color: colour, width: Math.max(2, vh * 0.35), type: 'dashed', opacity: 1 },
        },
        {
          id: 'resources',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          labelLayout: { hideOverlap: true },
          data: resources.map((r) => ({
            name: r.resource.id,
            value: r.resource.location,
            symbol: RESOURCE_STYLE[r.resource.kind].symbol,
            symbolSize: vh * 2,
            itemStyle: { color: RESOURCE_STYLE[r.resource.kind].colour, borderColor: '#061226', borderWidth: 1 },
            label: { position: labelSide(r.resource.location, extent), formatter: `${t('wemg.eta', { minutes: r.etaMinutes })} · ${l(r.resource.name)}` },
          })),
          // The ETA leads; long (English) names are cut rather than run off the map, the list has them whole.
          label: { show: true, color: CHART.text, fontSize: font, width: font * 16, overflow: 'truncate', textBorderColor: '#061226', textBorderWidth: Math.max(2, vh * 0.25) },
        },
        {
          id: 'incident',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'pin',
          symbolSize: vh * 5,
          symbolOffset: [0, '-45%'],
          itemStyle: { color: colour, borderColor: '#ffffff', borderWidth: Math.max(2, vh * 0.25) },
          data: [{ name: e.id, value: e.location }],
          z: 10,
        },
      ],
    };
  }, [vh, e.level, e.location, e.id, extent, ring, resources, profile.divisions, l, t]);

  const kinds = [...new Set(resources.map((r) => r.resource.kind))];
  return (
    <div className="emg-map">
      <EChart option={option} className="emg-map__chart" testId="emergency-map" renderer="svg" />
      <ul className="map-legend emg-map__legend" data-testid="emergency-map-legend">
        <li>
          <i className="sym sym--incident" style={{ background: EMERGENCY_LEVEL_COLORS[e.level] }} aria-hidden />
          {t('wemg.mapIncident')}
        </li>
        <li>
          <i className="emg-map__area-key" style={{ borderColor: EMERGENCY_LEVEL_COLORS[e.level] }} aria-hidden />
          {t('wemg.mapArea')}
        </li>
        {kinds.map((k) => (
          <li key={k}>
            <span style={{ color: RESOURCE_STYLE[k].colour }} aria-hidden>
              {RESOURCE_STYLE[k].mark}
            </span>
            {l(RESOURCE_KIND_LABELS[k])}
          </li>
        ))}
      </ul>
    </div>
  );
}
