import { CITY_SCOPE, siteScope, type RawEvent } from '@cw/contracts';

export interface Observation {
  series: string;
  value: number;
}

/**
 * Turns a raw event into what the rollup engine aggregates. One rule for every kind:
 * - `<kind>` = 1: every event counts once;
 * - `<kind>.<field>` = value, for each numeric value;
 * - with a `type`: also `<kind>|<type>` and `<kind>.<field>|<type>`, for breakdowns.
 */
export function observe(event: RawEvent): Observation[] {
  const out: Observation[] = [];
  forEachObservation(event, (series, value) => out.push({ series, value }));
  return out;
}

/** The same observations without allocating: the ingest hot path. */
export function forEachObservation(event: RawEvent, visit: (series: string, value: number) => void): void {
  const type = 'type' in event ? event.type : undefined;
  visit(event.kind, 1);
  if (type !== undefined) visit(seriesName(event.kind, '', type), 1);
  const values = event.values as Record<string, number>;
  for (const field in values) {
    const value = values[field]!;
    visit(seriesName(event.kind, field, undefined), value);
    if (type !== undefined) visit(seriesName(event.kind, field, type), value);
  }
}

/** The scopes an event counts in: its division, the city, and its place if it has one. */
export function scopesOf(event: RawEvent): string[] {
  return 'site' in event && event.site !== undefined ? [event.division, CITY_SCOPE, siteScope(event.site)] : [event.division, CITY_SCOPE];
}

// Series names are interned in nested maps: the hot path then neither builds strings nor
// hashes new ones.
const names = new Map<string, Map<string, Map<string, string>>>();
function seriesName(kind: string, field: string, type: string | undefined): string {
  let byField = names.get(kind);
  if (byField === undefined) names.set(kind, (byField = new Map()));
  let byType = byField.get(field);
  if (byType === undefined) byField.set(field, (byType = new Map()));
  const t = type ?? '';
  let name = byType.get(t);
  if (name === undefined) {
    name = (field === '' ? kind : `${kind}.${field}`) + (type === undefined ? '' : `|${type}`);
    byType.set(t, name);
  }
  return name;
}
