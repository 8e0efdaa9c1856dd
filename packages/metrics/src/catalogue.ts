import { metricDefSchema, type MetricDef } from '@cw/contracts';

/**
 * The vital-sign catalogue (城市运行体征). One entry per figure: how it is rolled up from
 * raw events, its thresholds and how fresh it should be. Screens, alerts and the API all
 * read this list. Series names are `<event kind>.<value field>` (see observe.ts).
 */
const entries: MetricDef[] = [
  {
    id: 'env.aqi',
    domain: 'environment',
    name: { zh: '空气质量指数', en: 'Air quality index' },
    unit: '',
    decimals: 0,
    compute: { kind: 'aqi' },
    thresholds: { warning: 101, critical: 201, bad: 'high' },
    staleAfterSec: 600,
  },
  ...(
    [
      ['pm25', 'PM2.5', 'μg/m³', 0, 75, 150],
      ['pm10', 'PM10', 'μg/m³', 0, 150, 350],
      ['so2', 'SO₂', 'μg/m³', 0, 500, 800],
      ['no2', 'NO₂', 'μg/m³', 0, 200, 700],
      ['co', 'CO', 'mg/m³', 1, 10, 35],
      ['o3', 'O₃', 'μg/m³', 0, 200, 300],
    ] as const
  ).map(
    ([p, label, unit, decimals, warning, critical]): MetricDef => ({
      id: `env.${p}`,
      domain: 'environment',
      name: { zh: `${label} 小时均值`, en: `${label} 1-hour mean` },
      unit,
      decimals,
      compute: { kind: 'window', series: `air.reading.${p}`, agg: 'mean', window: 'trailing1h' },
      // The 1-hour concentrations at which the pollutant alone reaches IAQI 101 and 201.
      thresholds: { warning, critical, bad: 'high' },
      staleAfterSec: 600,
    }),
  ),
  {
    id: 'env.readings_today',
    domain: 'environment',
    name: { zh: '今日监测数据', en: 'Readings today' },
    unit: '条',
    decimals: 0,
    compute: { kind: 'window', series: 'air.reading.pm25', agg: 'count', window: 'today' },
    staleAfterSec: 600,
  },
];

export const CATALOGUE: readonly MetricDef[] = entries.map((m) => metricDefSchema.parse(m));

export function metricById(id: string): MetricDef | undefined {
  return CATALOGUE.find((m) => m.id === id);
}
