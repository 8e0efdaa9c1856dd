import { z } from 'zod';
import { eventBase, rawEventSchema, siteIdSchema } from './events.ts';
import { metricDefSchema } from './metrics.ts';
import { localizedSchema } from './profile.ts';

/**
 * Event kinds and the vital signs computed from them as configuration: a city profile's
 * optional `kinds.json`. Adding, say, landslide sensors (地质灾害监测) or gas-leak alarms
 * (燃气泄漏) is a new entry here and a metric over its series, with no code change: the
 * ingest path validates the kind from this definition, the rollups name its series by the
 * one rule of observe.ts, and the metrics join the catalogue every screen reads.
 */

const fieldNameSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/, 'a field name: a lower-case letter, then letters and digits');

/** One numeric value of a configured kind. */
export const kindFieldSchema = z
  .object({
    /** Label and unit for people reading the configuration (and the API document). */
    name: localizedSchema.optional(),
    unit: z.string().max(16).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** Whole numbers only (counts, 0/1 flags). */
    integer: z.boolean().default(false),
    /** May be left out of an event. */
    optional: z.boolean().default(false),
  })
  .strict()
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, 'min is above max');
export type KindField = z.infer<typeof kindFieldSchema>;

const BUILT_IN_KINDS: ReadonlySet<string> = new Set(rawEventSchema.options.map((o) => o.shape.kind.value));

export const eventKindDefSchema = z
  .object({
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'a kind: "<domain>.<name>", lower case, e.g. "geo.landslide"')
      .refine((k) => !BUILT_IN_KINDS.has(k), 'is a built-in kind'),
    name: localizedSchema,
    values: z.record(fieldNameSchema, kindFieldSchema).refine((v) => Object.keys(v).length <= 16, 'at most 16 values'),
    /** Whether an event names a place or device of the profile (`site`): then it also counts in that place's scope. */
    site: z.enum(['required', 'optional', 'none']).default('none'),
    /** When given, every event carries one of these as `type`, and its series split by it. */
    types: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/)).min(1).max(32).optional(),
    /** Events may carry a point `[lon, lat]`. */
    location: z.boolean().default(false),
  })
  .strict();
export type EventKindDef = z.infer<typeof eventKindDefSchema>;
export type EventKindDefInput = z.input<typeof eventKindDefSchema>;

/** The zod schema of a configured kind's events: the same shape rules as the built-in kinds in events.ts. */
export function eventSchemaOf(def: EventKindDef) {
  const values: Record<string, z.ZodType> = {};
  for (const [field, f] of Object.entries(def.values)) {
    let n = f.integer ? z.number().int() : z.number().finite();
    if (f.min !== undefined) n = n.min(f.min);
    if (f.max !== undefined) n = n.max(f.max);
    values[field] = f.optional ? n.optional() : n;
  }
  const extra: Record<string, z.ZodType> = {};
  if (def.site === 'required') extra['site'] = siteIdSchema;
  if (def.site === 'optional') extra['site'] = siteIdSchema.optional();
  if (def.types) extra['type'] = z.enum(def.types as [string, ...string[]]);
  if (def.location) extra['location'] = z.tuple([z.number(), z.number()]).optional();
  return z.object({ ...eventBase, kind: z.literal(def.kind), values: z.object(values).strict(), ...extra }).strict();
}

/**
 * How entities of an NGSI-LD type become events of a kind (see docs/ingest.md#ngsi-ld):
 * each value field is read from an attribute (numbers as they are, booleans as 0/1), the
 * event's `type` from an attribute, the time from `observedAt`, `dateObserved` or the
 * notification's `notifiedAt`.
 */
export const ngsiTypeMappingSchema = z
  .object({
    /** The entity type: its short name (as with the Smart Data Models' @context) or its full URI. */
    type: z.string().min(1).max(256),
    kind: z.string().min(1),
    values: z.record(fieldNameSchema, z.string().min(1).max(128)),
    typeFrom: z.string().min(1).max(128).optional(),
  })
  .strict();
export type NgsiTypeMapping = z.infer<typeof ngsiTypeMappingSchema>;

/** Where an NGSI-LD entity is in the city: its division, and the profile place, device or air station it is. */
export const ngsiEntityPlaceSchema = z
  .object({ division: z.string().min(1).optional(), site: siteIdSchema.optional(), station: z.string().min(1).max(64).optional() })
  .strict()
  .refine((p) => p.division !== undefined || p.site !== undefined || p.station !== undefined, 'names a division, a site or a station');
export type NgsiEntityPlace = z.infer<typeof ngsiEntityPlaceSchema>;

export const profileKindsSchema = z
  .object({
    $schema: z.string().optional(),
    kinds: z.array(eventKindDefSchema).default([]),
    /** Vital signs over the configured kinds' series (or any series), added to the catalogue. */
    metrics: z.array(metricDefSchema).default([]),
    ngsi: z
      .object({
        types: z.array(ngsiTypeMappingSchema).default([]),
        /** NGSI-LD entity id → its place in the city. */
        entities: z.record(z.string().min(1).max(256), ngsiEntityPlaceSchema).default({}),
      })
      .strict()
      .default({ types: [], entities: {} }),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.kinds.forEach((k, i) => {
      if (seen.has(k.kind)) ctx.addIssue({ code: 'custom', path: ['kinds', i, 'kind'], message: `kind "${k.kind}" is defined twice` });
      seen.add(k.kind);
    });
    const ids = new Set<string>();
    doc.metrics.forEach((m, i) => {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'id'], message: `metric "${m.id}" is defined twice` });
      ids.add(m.id);
    });
    doc.ngsi.types.forEach((t, i) => {
      const def = doc.kinds.find((k) => k.kind === t.kind);
      if (def === undefined) {
        ctx.addIssue({ code: 'custom', path: ['ngsi', 'types', i, 'kind'], message: `kind "${t.kind}" is not among this file's kinds` });
        return;
      }
      for (const field of Object.keys(t.values)) {
        if (!(field in def.values)) ctx.addIssue({ code: 'custom', path: ['ngsi', 'types', i, 'values', field], message: `kind "${t.kind}" has no value "${field}"` });
      }
    });
  });
export type ProfileKinds = z.infer<typeof profileKindsSchema>;
