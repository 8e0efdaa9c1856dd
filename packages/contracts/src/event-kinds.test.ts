import { describe, expect, it } from 'vitest';
import { eventKindDefSchema, eventSchemaOf, profileKindsSchema } from './event-kinds.ts';

const landslide = eventKindDefSchema.parse({
  kind: 'geo.landslide',
  name: { zh: '地质灾害监测', en: 'Landslide monitoring' },
  values: { displacement: { min: 0, max: 10000 }, tilt: { min: 0, max: 90, optional: true }, alarm: { min: 0, max: 1, integer: true } },
});

describe('configured event kinds', () => {
  it('builds the events schema from the definition: bounds, integers, optional fields, no stray fields', () => {
    const schema = eventSchemaOf(landslide);
    const ok = { kind: 'geo.landslide', ts: 1, division: 'ex-south', values: { displacement: 31, alarm: 1 } };
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse({ ...ok, values: { displacement: 31, alarm: 0.5 } }).success).toBe(false);
    expect(schema.safeParse({ ...ok, values: { displacement: -1, alarm: 0 } }).success).toBe(false);
    expect(schema.safeParse({ ...ok, values: { alarm: 0 } }).success).toBe(false);
    expect(schema.safeParse({ ...ok, values: { displacement: 1, alarm: 0, rain: 3 } }).success).toBe(false);
    // No site unless the kind says so.
    expect(schema.safeParse({ ...ok, site: 'cam-1' }).success).toBe(false);
  });

  it('refuses a built-in kind, a kind defined twice, and a mapping to a field the kind lacks', () => {
    expect(eventKindDefSchema.safeParse({ ...landslide, kind: 'air.reading' }).success).toBe(false);
    expect(eventKindDefSchema.safeParse({ ...landslide, kind: 'Landslide' }).success).toBe(false);
    const twice = profileKindsSchema.safeParse({ kinds: [landslide, landslide] });
    expect(twice.error?.issues.map((i) => i.message)).toEqual(['kind "geo.landslide" is defined twice']);
    const badMap = profileKindsSchema.safeParse({ kinds: [landslide], ngsi: { types: [{ type: 'LandslideObserved', kind: 'geo.landslide', values: { rain: 'rainfall' } }] } });
    expect(badMap.error?.issues.map((i) => i.message)).toEqual(['kind "geo.landslide" has no value "rain"']);
    expect(profileKindsSchema.parse({})).toEqual({ kinds: [], metrics: [], ngsi: { types: [], entities: {} } });
  });
});
