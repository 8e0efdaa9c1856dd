import { POLLUTANTS, siteScope, type MetricDef } from '@cw/contracts';
import type { PlaceIndex } from './places.ts';

/**
 * The (series, scope) pairs a metric reads for a scope, including per-type and per-place
 * breakdowns: what the history API must load to evaluate it over stored windows.
 */
export function seriesNeeded(def: MetricDef, scope: string, places: PlaceIndex): { series: string; scope: string }[] {
  const c = def.compute;
  const out: { series: string; scope: string }[] = [];
  const base: string[] = [];
  switch (c.kind) {
    case 'aqi':
      base.push(...POLLUTANTS.map((p) => `air.reading.${p}`));
      break;
    case 'window':
      base.push(c.series);
      break;
    case 'ratio':
      base.push(c.num.series, c.den.series);
      break;
    case 'net':
      base.push(c.plus.series, c.minus.series);
      break;
    case 'gauge':
      for (const p of places.in(scope, c.places)) out.push({ series: c.series, scope: siteScope(p.id) });
      break;
    case 'gauge_ratio':
      for (const p of places.in(scope, c.places)) out.push({ series: c.num, scope: siteScope(p.id) }, { series: c.den, scope: siteScope(p.id) });
      break;
    case 'capacity_use':
      for (const p of places.in(scope, 'scenic')) out.push({ series: c.plus, scope: siteScope(p.id) }, { series: c.minus, scope: siteScope(p.id) });
      break;
    case 'good_days':
      break;
  }
  for (const s of base) {
    out.push({ series: s, scope });
    if (def.split?.by === 'type') for (const t of def.split.types) out.push({ series: `${s}|${t}`, scope });
    if (def.split?.by === 'place') for (const p of places.in(scope, def.split.places)) out.push({ series: s, scope: siteScope(p.id) });
  }
  return out;
}
