import { useMemo } from 'react';
import type { CaseLocation } from '@cw/contracts';
import { EChart } from '../../charts/EChart.tsx';
import type { EChartsCoreOption } from '../../charts/echarts.ts';
import { CHART } from '../../charts/theme.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CITY_MAP, CODE_PROPERTY, registerCityMap } from '../../wall/overview/registerCityMap.ts';
import { useDesk } from '../deskContext.ts';

/** Where the case is: the city's divisions, the case's own highlighted, and a pin at the reported place. */
export function CaseMap({ division, location }: { division: string; location: CaseLocation | undefined }) {
  const { t, l } = useI18n();
  const { geo, profile } = useDesk();
  registerCityMap(geo);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      geo: {
        map: CITY_MAP,
        nameProperty: CODE_PROPERTY,
        roam: false,
        // Keep the city's shape: a box given on all four sides would stretch it.
        preserveAspect: 'contain',
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
          data: profile.divisions.filter((d) => d.code === division).map((d) => ({ name: l(d.name), value: d.center })),
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
    [division, location, profile.divisions, l],
  );
  return (
    <section className="section section--map" aria-label={t('map.caseLocation')}>
      <EChart option={option} className="case-map" testId="case-map" />
      {!location && <p className="case-map__note">{t('map.noLocation')}</p>}
    </section>
  );
}
