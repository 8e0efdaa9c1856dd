import { createHash } from 'node:crypto';
import { SDM_ALERT_SEVERITIES, type CityProfile, type NgsiEntityPlace, type NgsiTypeMapping, type ProfileKinds } from '@cw/contracts';

/**
 * NGSI-LD entities (as an Orion-LD or Scorpio subscription notifies them, ETSI GS CIM 009
 * §5.3.1) turned into raw events. Both representations are read: normalized (every
 * attribute `{ "type": "Property", "value": … }`, DateTime values as `{ "@type", "@value" }`)
 * and key-values. The result is an event object still to be checked against its kind's
 * schema like any other ingested line, or the reason it cannot be one.
 */

type Entity = Record<string, unknown>;

/** An attribute's node (for `unitCode`, `observedAt`) in either representation. */
function node(e: Entity, name: string): Record<string, unknown> | null {
  const a = e[name];
  if (typeof a === 'object' && a !== null && !Array.isArray(a) && ('value' in a || 'object' in a) && 'type' in a) return a as Record<string, unknown>;
  return null;
}

/** An attribute's value: a Property's `value`, a Relationship's `object`, a typed literal's `@value`, or the key-values value. */
function valueOf(e: Entity, name: string): unknown {
  const n = node(e, name);
  const v = n === null ? e[name] : 'value' in n ? n['value'] : n['object'];
  if (typeof v === 'object' && v !== null && '@value' in v) return (v as { '@value': unknown })['@value'];
  return v;
}

/** A number from a number or a boolean (true = 1), else undefined. */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** The short name of a type given as a URI (`https://smartdatamodels.org/dataModel.Environment/AirQualityObserved`) or as a term. */
export function shortType(type: string): string {
  return type.slice(Math.max(type.lastIndexOf('/'), type.lastIndexOf('#')) + 1);
}

const ISO_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 time in ms; a time without a zone is read in the city's local time. */
function timeOf(v: unknown, utcOffsetMs: number): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(ISO_ZONE.test(v) ? v : `${v}Z`);
  if (Number.isNaN(t)) return undefined;
  return ISO_ZONE.test(v) ? t : t - utcOffsetMs;
}

/** µg/m³ per unit (UN/CEFACT codes, as NGSI-LD's `unitCode`): GQ µg/m³, GP mg/m³. */
const MICROGRAMS_PER_M3: Record<string, number> = { GQ: 1, GP: 1000 };
const POLLUTANTS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'] as const;

export interface EntityPlaces {
  /** Entity id → its place, from kinds.json `ngsi.entities`. */
  entities: Readonly<Record<string, NgsiEntityPlace>>;
  profile: CityProfile;
}

interface Where {
  division: string;
  site?: string;
  station?: string;
}

/**
 * Where an entity is: as mapped in kinds.json, else an entity id ending in a profile place's
 * or air station's id (`urn:ngsi-ld:Device:cam-001`).
 */
function placeOf(e: Entity, places: EntityPlaces): Where | string {
  const id = String(e['id']);
  const p: NgsiEntityPlace = places.entities[id] ?? { site: id.slice(id.lastIndexOf(':') + 1) };
  const { profile } = places;
  if (p.station !== undefined) {
    const s = profile.airStations.find((x) => x.id === p.station);
    if (s !== undefined) return { division: p.division ?? s.division, station: s.id };
  }
  if (p.site !== undefined) {
    const s = [...profile.sites, ...profile.devices, ...profile.deviceFleets].find((x) => x.id === p.site);
    if (s !== undefined) return { division: p.division ?? s.division, site: s.id };
    const station = profile.airStations.find((x) => x.id === p.site);
    if (station !== undefined) return { division: station.division, station: station.id };
  }
  if (p.division !== undefined) return { division: p.division };
  return `entity "${id.slice(0, 128)}" has no place in the city: map it under ngsi.entities in the profile's kinds.json`;
}

/** A source-unique event id: the entity and its observation time, so a re-sent notification counts once. */
function eventId(entityId: string, ts: number): string {
  const id = `${entityId}@${new Date(ts).toISOString()}`;
  return id.length <= 128 ? id : createHash('sha256').update(id).digest('hex');
}

export interface Mapped {
  event: Record<string, unknown>;
}

/**
 * One entity as an event, or why not. `types` are the configured mappings (kinds.json
 * `ngsi.types`); the six Smart Data Models below are built in.
 */
export function entityToEvent(e: unknown, notifiedAt: number | undefined, places: EntityPlaces, types: readonly NgsiTypeMapping[], utcOffsetMs: number): Mapped | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'not an entity (a JSON object)';
  const entity = e as Entity;
  if (typeof entity['id'] !== 'string' || typeof entity['type'] !== 'string') return 'an entity needs "id" and "type"';
  const type = shortType(entity['type']);
  const configured = types.find((t) => t.type === entity['type'] || t.type === type);
  const builtIn = BUILT_IN[type];
  if (configured === undefined && builtIn === undefined) return `entity type "${type.slice(0, 64)}" is not mapped (built in: ${Object.keys(BUILT_IN).join(', ')}; others through ngsi.types in kinds.json)`;
  const observed =
    timeOf(valueOf(entity, 'dateObserved'), utcOffsetMs) ??
    timeOf(valueOf(entity, 'dateIssued'), utcOffsetMs) ??
    firstObservedAt(entity, utcOffsetMs) ??
    notifiedAt;
  if (observed === undefined) return `entity "${String(entity['id']).slice(0, 128)}" has no time (dateObserved, observedAt or the notification's notifiedAt)`;
  const where = placeOf(entity, places);
  if (typeof where === 'string') return where;
  const base = { id: eventId(entity['id'], observed), ts: observed, division: where.division };
  const body = configured !== undefined ? fromMapping(entity, configured, where) : builtIn!(entity, where);
  if (typeof body === 'string') return `${type}: ${body}`;
  return { event: { ...base, ...body } };
}

function firstObservedAt(e: Entity, utcOffsetMs: number): number | undefined {
  for (const name of Object.keys(e)) {
    const n = node(e, name);
    const t = n === null ? undefined : timeOf(n['observedAt'], utcOffsetMs);
    if (t !== undefined) return t;
  }
  return undefined;
}

function location(e: Entity): [number, number] | undefined {
  const v = valueOf(e, 'location') as { type?: unknown; coordinates?: unknown } | undefined;
  if (v?.type === 'Point' && Array.isArray(v.coordinates) && v.coordinates.length >= 2) return [Number(v.coordinates[0]), Number(v.coordinates[1])];
  return undefined;
}

function fromMapping(e: Entity, m: NgsiTypeMapping, where: Where): Record<string, unknown> | string {
  const values: Record<string, number> = {};
  for (const [field, attr] of Object.entries(m.values)) {
    const v = numberOf(valueOf(e, attr));
    if (v !== undefined) values[field] = v;
  }
  const out: Record<string, unknown> = { kind: m.kind, values };
  if (m.typeFrom !== undefined) out['type'] = valueOf(e, m.typeFrom);
  if (where.site !== undefined) out['site'] = where.site;
  return out;
}

type BuiltIn = (e: Entity, where: Where) => Record<string, unknown> | string;

const BUILT_IN: Record<string, BuiltIn> = {
  AirQualityObserved: (e, where) => {
    const values: Record<string, number> = {};
    for (const p of POLLUTANTS) {
      const v = numberOf(valueOf(e, p));
      if (v === undefined) continue;
      const unit = node(e, p)?.['unitCode'];
      // Without a unitCode a value is taken in this system's units: µg/m³, CO in mg/m³.
      if (unit === undefined) values[p] = v;
      else {
        const f = typeof unit === 'string' ? MICROGRAMS_PER_M3[unit] : undefined;
        if (f === undefined) return `unitCode "${String(unit)}" of ${p} is not a concentration this system reads (GQ µg/m³, GP mg/m³)`;
        values[p] = p === 'co' ? (v * f) / 1000 : v * f;
      }
    }
    if (Object.keys(values).length === 0) return `none of ${POLLUTANTS.join(', ')}`;
    return { kind: 'air.reading', station: where.station ?? where.site ?? String(e['id']).slice(-64), values };
  },
  WaterQualityObserved: (e, where) =>
    optionalValues(e, where, 'water.quality', { ph: 'pH', temperature: 'temperature', conductivity: 'conductivity', o2: 'O2' }),
  TrafficFlowObserved: (e) => {
    const out = optionalValues(e, {}, 'traffic.flow', { intensity: 'intensity', speed: 'averageVehicleSpeed', occupancy: 'occupancy' });
    const at = location(e);
    return typeof out === 'string' || at === undefined ? out : { ...out, location: at };
  },
  CrowdFlowObserved: (e, where) => optionalValues(e, where, 'crowd.flow', { people: 'peopleCount', congested: 'congested' }),
  Alert: (e, where) => {
    const severity = SDM_ALERT_SEVERITIES.indexOf(valueOf(e, 'severity') as (typeof SDM_ALERT_SEVERITIES)[number]) + 1;
    if (severity === 0) return `severity must be one of ${SDM_ALERT_SEVERITIES.join(', ')}`;
    const category = valueOf(e, 'category');
    const out: Record<string, unknown> = { kind: 'alert.raised', type: typeof category === 'string' ? category.toLowerCase() : 'other', values: { severity } };
    if (where.site !== undefined) out['site'] = where.site;
    const at = location(e);
    if (at !== undefined) out['location'] = at;
    return out;
  },
  Device: (e, where) => {
    if (where.site === undefined) return 'a Device must be a device of the city profile (its id, or ngsi.entities)';
    const state = valueOf(e, 'deviceState');
    if (typeof state !== 'string') return 'deviceState (text) is required';
    return { kind: 'device.status', site: where.site, values: { online: OFFLINE_STATES.has(state.toLowerCase()) ? 0 : 1 } };
  },
};

/** deviceState is vendor text; these say the device is not reporting. Any other state ("ok", "low battery") is online. */
const OFFLINE_STATES = new Set(['offline', 'off', 'disconnected', 'unreachable', 'down', 'error', 'fault', 'failure']);

function optionalValues(e: Entity, where: { site?: string }, kind: string, attrs: Record<string, string>): Record<string, unknown> | string {
  const values: Record<string, number> = {};
  for (const [field, attr] of Object.entries(attrs)) {
    const v = numberOf(valueOf(e, attr));
    if (v !== undefined) values[field] = v;
  }
  if (Object.keys(values).length === 0) return `none of ${Object.values(attrs).join(', ')}`;
  return where.site === undefined ? { kind, values } : { kind, site: where.site, values };
}

/** The mappings and places of a profile's kinds.json. */
export function ngsiConfig(kinds: ProfileKinds, profile: CityProfile): { places: EntityPlaces; types: readonly NgsiTypeMapping[] } {
  return { places: { entities: kinds.ngsi.entities, profile }, types: kinds.ngsi.types };
}
