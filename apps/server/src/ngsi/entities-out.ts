import { CITY_SCOPE, type Alert, type Domain, type Localized, type MetricDef, type VitalReading } from '@cw/contracts';
import type { TopicRegistry } from '../publish/topics.ts';

/**
 * The city's vital signs and alerts as NGSI-LD entities (ETSI GS CIM 009), read-only:
 * each figure of each scope a `CityVitalSign`, each alert on the walls a Smart Data Models
 * `Alert`. Normalized by default, key-values on request.
 */

export const CORE_CONTEXT = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';
export const SDM_ALERT_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Alert/master/context.jsonld';
/** Terms of our own type, as absolute IRIs under a URN namespace (no web domain to vouch for). */
const VOCAB = 'urn:citywindow:vocab:';
export const VITAL_TYPE = 'CityVitalSign';

/** The @context document served at /ngsi-ld/v1/context.jsonld. */
export const CONTEXT_DOCUMENT = {
  '@context': [
    CORE_CONTEXT,
    SDM_ALERT_CONTEXT,
    {
      [VITAL_TYPE]: `${VOCAB}${VITAL_TYPE}`,
      metric: `${VOCAB}metric`,
      domain: `${VOCAB}domain`,
      scope: `${VOCAB}scope`,
      status: `${VOCAB}status`,
      unitText: `${VOCAB}unitText`,
      sample: `${VOCAB}sample`,
      stale: `${VOCAB}stale`,
      feeds: `${VOCAB}feeds`,
    },
  ],
};

/** Type names a query may use for each entity type: the term or the expanded IRI. */
export const TYPE_NAMES: Record<string, 'vital' | 'alert'> = {
  [VITAL_TYPE]: 'vital',
  [`${VOCAB}${VITAL_TYPE}`]: 'vital',
  Alert: 'alert',
  'https://smartdatamodels.org/dataModel.Alert/Alert': 'alert',
};

/** Each type's full IRI (the EntityType id of GET /ngsi-ld/v1/types?details=true). */
export const TYPE_IRI: Record<string, string> = { [VITAL_TYPE]: `${VOCAB}${VITAL_TYPE}`, Alert: 'https://smartdatamodels.org/dataModel.Alert/Alert' };

export const vitalId = (scope: string, metric: string) => `urn:ngsi-ld:${VITAL_TYPE}:${scope}:${metric}`;
export const alertId = (id: string) => `urn:ngsi-ld:Alert:citywindow:${id}`;

export type Entity = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const prop = (value: unknown, extra: Record<string, unknown> = {}) => ({ type: 'Property', value, ...extra });
const lang = (l: Localized) => ({ type: 'LanguageProperty', languageMap: { zh: l.zh, en: l.en } });

/** A figure of a scope, normalized. A figure with no value yet has no `value` attribute (NGSI-LD has no null values). */
export function vitalEntity(def: MetricDef, scope: string, r: VitalReading | undefined, stale: boolean): Entity {
  const e: Entity = {
    id: vitalId(scope, def.id),
    type: VITAL_TYPE,
    name: lang(def.name),
    metric: prop(def.id),
    domain: prop(def.domain satisfies Domain),
    scope: prop(scope),
    status: prop(r?.status ?? 'nodata'),
    stale: prop(stale),
  };
  if (def.unit.zh !== '') e['unitText'] = lang(def.unit);
  if (r !== undefined && r.value !== null) e['value'] = prop(r.value, r.asOf === null ? {} : { observedAt: iso(r.asOf) });
  if (r?.sample !== undefined) e['sample'] = prop(r.sample);
  return e;
}

const SEVERITY = { blue: 'low', yellow: 'medium', orange: 'high', red: 'critical' } as const;
/** The Smart Data Models' Alert categories closest to each domain. */
const CATEGORY: Record<Domain, string> = { environment: 'environment', safety: 'security', livelihood: 'health', government: 'other', tourism: 'other' };

/** An alert as a Smart Data Models Alert, normalized. */
export function alertEntity(a: Alert, def: MetricDef | undefined): Entity {
  const e: Entity = {
    id: alertId(a.id),
    type: 'Alert',
    category: prop(def ? CATEGORY[def.domain] : 'other'),
    subCategory: prop(a.metric),
    severity: prop(SEVERITY[a.level]),
    dateIssued: prop({ '@type': 'DateTime', '@value': iso(a.raisedAt) }),
    alertSource: prop(a.source ? `urn:citywindow:source:${a.source.id}` : vitalId(a.scope === CITY_SCOPE ? CITY_SCOPE : a.scope, a.metric)),
    description: prop(
      a.source
        ? `data source "${a.source.name}" silent for ${Math.round(a.value)} s (expected every ${a.threshold} s)`
        : `${def ? def.name.en : a.metric} reached ${a.value} (${a.level} threshold ${a.threshold}) in ${a.scope}`,
    ),
    validFrom: prop({ '@type': 'DateTime', '@value': iso(a.raisedAt) }),
  };
  if (a.clearedAt !== null) e['validTo'] = prop({ '@type': 'DateTime', '@value': iso(a.clearedAt) });
  return e;
}

/** The key-values (simplified) representation of a normalized entity. */
export function keyValues(e: Entity): Entity {
  const out: Entity = {};
  for (const [k, v] of Object.entries(e)) {
    if (typeof v !== 'object' || v === null) out[k] = v;
    else if ('languageMap' in v) out[k] = (v as { languageMap: unknown }).languageMap;
    else if ('object' in v) out[k] = (v as { object: unknown }).object;
    else out[k] = (v as { value: unknown }).value;
  }
  return out;
}

export interface CitySource {
  topics: TopicRegistry;
  catalogue: () => readonly MetricDef[];
  scopes: readonly string[];
  now: () => number;
}

/** Every entity served, normalized, from the writer's published topics: each figure of each scope, then each alert on the walls. */
export function cityEntities(src: CitySource): Entity[] {
  const now = src.now();
  const catalogue = src.catalogue();
  const out: Entity[] = [];
  for (const scope of [CITY_SCOPE, ...src.scopes]) {
    const entries = (src.topics.get(`vitals:${scope}`)?.snapshot().entries ?? {}) as Record<string, VitalReading>;
    for (const def of catalogue) {
      const r = entries[def.id];
      const stale = r?.asOf != null && now - r.asOf > def.staleAfterSec * 1000;
      out.push(vitalEntity(def, scope, r, stale));
    }
  }
  const alerts = Object.values(src.topics.get('alerts')?.snapshot().entries ?? {}) as Alert[];
  for (const a of alerts) out.push(alertEntity(a, catalogue.find((m) => m.id === a.metric)));
  return out;
}

/** The entity type a query or a subscription names (a short name or its full IRI), as the type entities carry; null when none here. */
export function servedType(name: string): string | null {
  const t = TYPE_NAMES[name];
  return t === undefined ? null : t === 'vital' ? VITAL_TYPE : 'Alert';
}
