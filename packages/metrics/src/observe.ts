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
  const type = 'type' in event ? event.type : undefined;
  const out: Observation[] = [{ series: event.kind, value: 1 }];
  if (type !== undefined) out.push({ series: seriesName(event.kind, '', type), value: 1 });
  const values = event.values as Record<string, number>;
  for (const field in values) {
    const value = values[field]!;
    out.push({ series: seriesName(event.kind, field, undefined), value });
    if (type !== undefined) out.push({ series: seriesName(event.kind, field, type), value });
  }
  return out;
}

/** The scopes an event counts in: its division, the city, and its place if it has one. */
export function scopesOf(event: RawEvent): string[] {
  return 'site' in event && event.site !== undefined ? [event.division, CITY_SCOPE, siteScope(event.site)] : [event.division, CITY_SCOPE];
}

// Series names are interned: the hot path then hashes the same string objects every time.
const names = new Map<string, string>();
function seriesName(kind: string, field: string, type: string | undefined): string {
  const key = `${kind}\u0000${field}\u0000${type ?? ''}`;
  let name = names.get(key);
  if (name === undefined) {
    name = (field === '' ? kind : `${kind}.${field}`) + (type === undefined ? '' : `|${type}`);
    names.set(key, name);
  }
  return name;
}
