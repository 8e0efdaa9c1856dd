import { useMemo } from 'react';
import type { CaseLocation, CityProfile } from '@cw/contracts';
import { useMapTiles, type DivisionsGeoJson } from '../api/queries.ts';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { CHART } from '../charts/theme.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Bounds } from '../wall/overview/mapGeometry.ts';
import { CITY_MAP, CODE_PROPERTY, registerCityMap } from '../wall/overview/registerCityMap.ts';
import { StreetMap } from './StreetMap.tsx';

/** ECharts' boundingCoords for `b` with a tenth of its size around it: [west, north], [east, south]. */
function framed(b: Bounds): [[number, number], [number, number]] {
  const dx = (b.east - b.west) * 0.1;
  const dy = (b.north - b.south) * 0.1;
  return [
    [b.west - dx, b.north + dy],
    [b.east + dx, b.south - dy],
  ];
}

interface Props {
  geo: DivisionsGeoJson;
  profile: CityProfile;
  division: string;
  location: CaseLocation | undefined;
  className: string;
}

/**
 * Where a case is: the streets around its place when a tile source is configured and the case
 * has a place; otherwise the city's divisions with the case's own highlighted and a pin.
 */
export function CaseLocationMap({ geo, profile, division, location, className }: Props) {
  const { t, l } = useI18n();
  const tiles = useMapTiles().data;
  const geometry = registerCityMap(geo);
  const urban = geometry.insetCodes.includes(division) ? geometry.insetBounds : null;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      geo: {
        map: CITY_MAP,
        nameProperty: CODE_PROPERTY,
        roam: false,
        aspectScale: geometry.aspectScale,
        // Keep the city's shape: a box given on all four sides would stretch it.
        preserveAspect: 'contain',
        // A case in one of the divisions too small to read on the whole city (the wall's inset:
        // in Shaoyang the three urban districts) frames them, with their neighbours' edges around.
        ...(urban ? { boundingCoords: framed(urban) } : {}),
        silent: true,
        top: 8,
        bottom: 8,
        left: 8,
        right: 8,
        itemStyle: { areaColor: '#132a55', borderColor: '#061226', borderWidth: 1 },
        regions: [{ name: division, itemStyle: { areaColor: '#1d5fa8', borderColor: CHART.today, borderWidth: 2 } }],
      },
      series: [
        {
          id: 'labels',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbolSize: 0,
          labelLayout: { hideOverlap: true },
          label: { show: true, formatter: '{b}', color: '#9fb2d6', fontSize: 11 },
          // Framed on the urban districts, all of them are named, so the case's reads among its neighbours.
          data: profile.divisions
            .filter((d) => d.code === division || (urban !== null && geometry.insetCodes.includes(d.code)))
            .map((d) => ({ name: l(d.name), value: geometry.divisions.find((g) => g.code === d.code)?.labelAt ?? d.center })),
        },
        {
          id: 'case',
          type: 'scatter',
          coordinateSystem: 'geo',
          silent: true,
          symbol: 'pin',
          symbolSize: 30,
          itemStyle: { color: CHART.warning, borderColor: '#061226', borderWidth: 1 },
          data: location ? [{ name: 'case', value: location }] : [],
        },
      ],
    }),
    [division, location, profile.divisions, l, geometry, urban],
  );
  if (tiles?.url && location) {
    return (
      <div className={className}>
        <StreetMap source={tiles} location={location} label={t('map.caseLocation')} />
      </div>
    );
  }
  return <EChart option={option} className={className} testId="case-map" />;
}
