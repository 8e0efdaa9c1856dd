import { useMemo } from 'react';
import { AQI_CATEGORIES } from '@cw/aqi';
import type { CityProfile } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';
import { EChart } from '../charts/EChart.tsx';
import { echarts, type EChartsCoreOption } from '../charts/echarts.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDivisionReadings } from './useDivisionReadings.ts';

const MAP_NAME = 'city';

/** The city map, divisions coloured by their live AQI in the HJ 633-2012 category colours. */
export function CityMap({ profile, geo }: { profile: CityProfile; geo: DivisionsGeoJson }) {
  const { t, l } = useI18n();
  const readings = useDivisionReadings(profile, 'env.aqi');

  // Registered during render, once per boundary set: the chart's first setOption (in a
  // child effect) already names the map.
  useMemo(() => echarts.registerMap(MAP_NAME, geo as unknown as Parameters<typeof echarts.registerMap>[1]), [geo]);

  const names = useMemo(() => new Map(profile.divisions.map((d) => [d.code, l(d.name)])), [profile, l]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}<br/>AQI ${Number.isFinite(p.value) ? p.value : '—'}` },
      visualMap: {
        type: 'piecewise',
        show: true,
        left: '1%',
        top: '2%',
        orient: 'vertical',
        itemWidth: 28,
        itemHeight: 18,
        textStyle: { color: '#c7d6f0', fontSize: 16 },
        pieces: AQI_CATEGORIES.map((c) => ({
          min: c.min,
          ...(c.level === 6 ? {} : { max: c.max }),
          color: c.color,
          label: `${l(c)} ${c.min}${c.level === 6 ? '+' : `–${c.max}`}`,
        })),
        outOfRange: { color: '#2a3550' },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'adcode',
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          selectedMode: false,
          itemStyle: { borderColor: '#0b1530', borderWidth: 1.5, areaColor: '#2a3550' },
          emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#4d7cfe' } },
          label: {
            show: true,
            color: '#0b1530',
            fontSize: 15,
            fontWeight: 600,
            formatter: (p: { name: string; value: number }) => `${names.get(p.name) ?? p.name}\n${Number.isFinite(p.value) ? p.value : '—'}`,
          },
          data: profile.divisions.map((d, i) => ({ name: d.code, value: readings[i]?.value ?? NaN })),
        },
      ],
    }),
    [profile, readings, names, l],
  );

  return (
    <div className="panel panel--map" data-testid="city-map" data-divisions={profile.divisions.length}>
      <h2 className="panel__title">{t('air.mapTitle')}</h2>
      <EChart option={option} className="map-chart" />
    </div>
  );
}
