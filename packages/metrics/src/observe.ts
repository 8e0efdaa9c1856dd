import { CITY_SCOPE, siteScope, type CityProfile, type RawEvent } from '@cw/contracts';

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

/**
 * The air stations whose readings make the city's own air quality: the urban assessment
 * stations (国控点) when the profile marks any, as HJ 663 assesses a city; null (every
 * station) when it marks none. County-seat stations still count in their own division.
 */
export function cityAirStations(profile: Pick<CityProfile, 'airStations'>): ReadonlySet<string> | null {
  const national = profile.airStations.filter((s) => s.national === true).map((s) => s.id);
  return national.length > 0 ? new Set(national) : null;
}

/**
 * The scopes an event counts in: its division, the city, and its place if it has one. An air
 * reading counts in the city only from a station of `cityStations` (when given).
 */
export function scopesOf(event: RawEvent, cityStations: ReadonlySet<string> | null = null): string[] {
  if (event.kind === 'air.reading' && cityStations !== null && !cityStations.has(event.station)) return [event.division];
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
