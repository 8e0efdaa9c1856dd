import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { profileKindsSchema } from '@cw/contracts';
import { CATALOGUE } from '@cw/metrics';
import { loadProfile } from '../profile.ts';
import { cityKinds } from './kinds.ts';
import { EventValidator } from './validate.ts';

const profiles = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../profiles');
const kind = { kind: 'gas.leak', name: { zh: '燃气泄漏', en: 'Gas leak' }, values: { ppm: { min: 0 } } };
const metric = (id: string, series: string) => ({
  id,
  domain: 'safety',
  name: { zh: id, en: id },
  unit: { zh: '', en: '' },
  decimals: 0,
  compute: { kind: 'window', series, agg: 'max', window: 'today' },
  staleAfterSec: 3600,
});

describe('cityKinds', () => {
  it("joins example-city's kinds.json: its kind is validated, its figures join the catalogue", () => {
    const { kinds } = loadProfile('example-city', profiles);
    const city = cityKinds(kinds, CATALOGUE);
    expect(city.catalogue.length).toBe(CATALOGUE.length + 2);
    expect(city.configured.map((k) => k.kind)).toEqual(['traffic.flow', 'crowd.flow', 'water.quality', 'alert.raised', 'geo.landslide']);
    const validator = new EventValidator(city.schemas);
    expect(validator.check({ kind: 'geo.landslide', ts: 1, division: 'ex-south', values: { displacement: 3, alarm: 2 } })).toBe('values.alarm must be <= 1');
    expect(typeof validator.check({ kind: 'geo.landslide', ts: 1, division: 'ex-south', values: { displacement: 3, alarm: 1 } })).toBe('object');
  });

  it('refuses, by name, a kind already defined, a metric id already in the catalogue, a series of no known kind or field', () => {
    const parse = (doc: unknown) => profileKindsSchema.parse(doc);
    expect(() => cityKinds(parse({ kinds: [{ ...kind, kind: 'traffic.flow' }] }), CATALOGUE)).toThrow('kinds.json: kind "traffic.flow" is already defined (built in, or a Smart Data Models kind)');
    expect(() => cityKinds(parse({ kinds: [kind], metrics: [metric('env.aqi', 'gas.leak.ppm')] }), CATALOGUE)).toThrow('kinds.json: metric "env.aqi" is already in the catalogue');
    expect(() => cityKinds(parse({ kinds: [kind], metrics: [metric('safety.gas', 'gas.burst.ppm')] }), CATALOGUE)).toThrow('kinds.json: metric "safety.gas" reads series "gas.burst.ppm" of no known kind');
    expect(() => cityKinds(parse({ kinds: [kind], metrics: [metric('safety.gas', 'gas.leak.co')] }), CATALOGUE)).toThrow('kinds.json: metric "safety.gas" reads "gas.leak.co", but kind "gas.leak" has no value "co"');
    expect(cityKinds(parse({ kinds: [kind], metrics: [metric('safety.gas', 'gas.leak.ppm')] }), CATALOGUE).catalogue.at(-1)!.id).toBe('safety.gas');
  });
});
