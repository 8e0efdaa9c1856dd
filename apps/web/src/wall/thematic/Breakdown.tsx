import { useMemo } from 'react';
import { aqiCategory } from '@cw/aqi';
import { CITY_SCOPE, POLLUTANTS, type MetricDef } from '@cw/contracts';
import { breakdownMetrics, type Breakdown } from '../../domains.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useAqiDetail, useMetricStatuses, useMetricValues, useParts } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useWallData } from '../WallData.tsx';
import { BarList, type BarRow } from './BarList.tsx';

/** A breakdown of the domain's live figures, as a panel (thematic pages) or a block (overview columns). */
export function BreakdownPanel({ breakdown, embedded = false }: { breakdown: Breakdown; embedded?: boolean }) {
  const { t, l } = useI18n();
  const { metric } = useWallData();
  const defs = breakdownMetrics(breakdown).map(metric);
  if (defs.some((d) => d === undefined)) return null;
  const first = defs[0]!;
  const title =
    breakdown.kind === 'iaqi'
      ? t('air.byPollutant')
      : breakdown.kind === 'pass'
        ? t('water.sections')
        : breakdown.kind === 'compare'
          ? t('breakdown.rates')
          : t('breakdown.by', { metric: l(first.name) });
  const Tag = embedded ? 'div' : 'section';
  return (
    <Tag className={embedded ? 'breakdown-block' : 'panel'} data-testid="breakdown" data-kind={breakdown.kind} data-metric={first.id}>
      <h2 className={embedded ? 'block__title' : 'panel__title'}>{title}</h2>
      {breakdown.kind === 'parts' && <PartsBars def={first} />}
      {breakdown.kind === 'iaqi' && <SubIndexBars def={first} />}
      {breakdown.kind === 'pass' && <PassList def={first} />}
      {breakdown.kind === 'compare' && <CompareBars defs={defs as MetricDef[]} />}
    </Tag>
  );
}

/** The event kind a type split refers to, for its labels: `police.incident` from `police.incident…`. */
function eventKindOf(def: MetricDef): string {
  const c = def.compute;
  const series = c.kind === 'window' ? c.series : c.kind === 'net' ? c.plus.series : '';
  return series.split('.').slice(0, 2).join('.');
}

/** A split metric's parts: event types with their labels, or places with their names. */
function PartsBars({ def }: { def: MetricDef }) {
  const { l, label, value } = useI18n();
  const { place } = useWallData();
  const parts = useParts(CITY_SCOPE, def.id);
  const capacity = useParts(CITY_SCOPE, 'tour.capacity_use');
  const rows = useMemo<BarRow[]>(() => {
    const kind = eventKindOf(def);
    return Object.entries(parts)
      .map(([key, v]) => {
        const site = def.split?.by === 'place' ? place(key) : undefined;
        // A list row holds two lines: the profile's short name where the full one is longer.
        const name = site ? l('shortName' in site && site.shortName ? site.shortName : site.name) : label(`type.${kind}.${key}`, key);
        // Visitors by scenic area also show how full each area is (承载率).
        const use = def.split?.by === 'place' && site?.type === 'scenic' ? capacity[key] : undefined;
        return { key, label: name, value: v ?? 0, display: value(v, def), ...(use != null ? { note: `${value(use, { decimals: 0 })}%` } : {}) };
      })
      .sort((a, b) => b.value - a.value);
  }, [parts, capacity, def, place, l, label, value]);
  return <BarList rows={rows} max={Math.max(1, ...rows.map((r) => r.value))} testId={`parts-${def.id}`} />;
}

/** The AQI's sub-index per pollutant (from the live reading), coloured by the category it alone would reach. */
function SubIndexBars({ def }: { def: MetricDef }) {
  const { t, l } = useI18n();
  const { iaqi, primary } = useAqiDetail(CITY_SCOPE, def.id);
  const rows = useMemo<BarRow[]>(
    () =>
      POLLUTANTS.map((p) => {
        const v = iaqi[p];
        const cat = v === undefined ? undefined : aqiCategory(v);
        return {
          key: p,
          label: t(`pollutant.${p}`),
          value: v ?? 0,
          display: v === undefined ? '—' : String(Math.round(v)),
          ...(cat ? { color: cat.color, note: `${primary.includes(p) ? '★ ' : ''}${l(cat)}` } : {}),
        };
      }),
    [iaqi, primary, t, l],
  );
  return <BarList rows={rows} max={Math.max(100, ...rows.map((r) => r.value))} testId="iaqi" />;
}

/** Places that meet their target or not (parts 100 / 0), e.g. surface-water sections. */
function PassList({ def }: { def: MetricDef }) {
  const { t, l } = useI18n();
  const { place } = useWallData();
  const parts = useParts(CITY_SCOPE, def.id);
  const entries = Object.entries(parts).sort(([, a], [, b]) => (a ?? -1) - (b ?? -1));
  return (
    <ul className="pass-list" data-testid={`pass-${def.id}`}>
      {entries.map(([id, v]) => {
        const state = v === null ? 'nodata' : v >= 50 ? 'meets' : 'fails';
        const site = place(id);
        return (
          <li key={id} className={`pass-list__item is-${state}`}>
            <span className="pass-list__mark">{state === 'meets' ? '✓' : state === 'fails' ? '✕' : '○'}</span>
            <span className="pass-list__name">{site ? l(site.name) : id}</span>
            <span className="pass-list__state">{state === 'nodata' ? t('status.nodata') : t(state === 'meets' ? 'water.meets' : 'water.fails')}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Several percentages side by side, each with its status mark. */
function CompareBars({ defs }: { defs: MetricDef[] }) {
  const { l, value } = useI18n();
  const ids = defs.map((d) => d.id);
  const values = useMetricValues(CITY_SCOPE, ids);
  const statuses = useMetricStatuses(CITY_SCOPE, ids);
  const rows: BarRow[] = defs.map((def, i) => {
    const v = values[i] ?? null;
    const status = statuses[i] ?? 'nodata';
    return {
      key: def.id,
      label: l(def.name),
      value: v ?? 0,
      display: `${value(v, def)}${l(def.unit)}`,
      status,
      note: status === 'warning' || status === 'critical' ? STATUS_MARK[status] : '',
    };
  });
  return <BarList rows={rows} max={100} testId="compare" />;
}
