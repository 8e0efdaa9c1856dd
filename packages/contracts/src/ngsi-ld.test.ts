import { describe, expect, it } from 'vitest';
import { idPatternRegExp, matchesQuery, parseQuery, parseSubscription, pickAttributes, type QueryExpr } from './ngsi-ld.ts';

/** A CityVitalSign as the server gives it, normalized (values written by hand). */
const vital = {
  id: 'urn:ngsi-ld:CityVitalSign:city:env.aqi',
  type: 'CityVitalSign',
  value: { type: 'Property', value: 87, observedAt: '2026-11-27T02:00:00.000Z' },
  status: { type: 'Property', value: 'warning' },
  stale: { type: 'Property', value: false },
  scope: { type: 'Property', value: 'city' },
};
const alert = {
  id: 'urn:ngsi-ld:Alert:citywindow:a1',
  type: 'Alert',
  severity: { type: 'Property', value: 'high' },
  dateIssued: { type: 'Property', value: { '@type': 'DateTime', '@value': '2026-11-27T02:00:00.000Z' } },
};

const q = (text: string): QueryExpr => {
  const r = parseQuery(text);
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const hits = (text: string, e: Record<string, unknown> = vital) => matchesQuery(e, q(text));

describe('the NGSI-LD query language subset (ETSI GS CIM 009 §4.9)', () => {
  it('compares numbers, quoted strings, booleans and date-times', () => {
    expect(hits('value==87')).toBe(true);
    expect(hits('value==87.0')).toBe(true);
    expect(hits('value!=87')).toBe(false);
    expect(hits('value>86.5')).toBe(true);
    expect(hits('value>=87')).toBe(true);
    expect(hits('value<87')).toBe(false);
    expect(hits('value<=100')).toBe(true);
    expect(hits('status=="warning"')).toBe(true);
    expect(hits('status=="critical"')).toBe(false);
    expect(hits('stale==false')).toBe(true);
    // A number never equals the text of it.
    expect(hits('value=="87"')).toBe(false);
    expect(hits('dateIssued>=2026-11-27T00:00:00Z', alert)).toBe(true);
    expect(hits('dateIssued<2026-11-27T00:00:00Z', alert)).toBe(false);
  });

  it('takes lists and ranges with == and !=', () => {
    expect(hits('status=="warning","critical"')).toBe(true);
    expect(hits('status!="warning","critical"')).toBe(false);
    expect(hits('value==80..90')).toBe(true);
    expect(hits('value==87.5..90')).toBe(false);
    expect(hits('value!=88..90')).toBe(true);
  });

  it('joins terms with ; (and) and | (or), ; binding closer, parentheses grouping', () => {
    expect(hits('value>80;status=="warning"')).toBe(true);
    expect(hits('value>90;status=="warning"')).toBe(false);
    expect(hits('value>90|status=="warning"')).toBe(true);
    // a | b ; c is a | (b ; c).
    expect(hits('status=="warning"|value>90;stale==true')).toBe(true);
    expect(hits('(status=="warning"|value>90);stale==true')).toBe(false);
  });

  it('makes a term on a missing attribute false, != included; a bare name asks that it exists', () => {
    expect(hits('sample')).toBe(false);
    expect(hits('value')).toBe(true);
    expect(hits('sample!=3')).toBe(false);
  });

  it('names what is wrong', () => {
    expect(parseQuery('value=="open')).toBe('unterminated string at character 8');
    expect(parseQuery('value>')).toBe('a value expected at character 7');
    expect(parseQuery('(value>1')).toBe('")" expected at character 9');
    expect(parseQuery('value>1,2')).toBe('a list goes with == or != only at character 8');
    expect(parseQuery('name~="x"')).toBe('pattern matching (~=) is not offered at character 5');
    expect(parseQuery('1==1')).toBe('an attribute name expected at character 1');
  });
});

describe('pickAttributes', () => {
  it('keeps id, type and the attributes asked for', () => {
    expect(pickAttributes(vital, ['status', 'nope'])).toEqual({ id: vital.id, type: 'CityVitalSign', status: vital.status });
  });
});

describe('parseSubscription', () => {
  // The shape of ETSI GS CIM 009 §5.2.12's Subscription, with our type and attributes.
  const spec = {
    id: 'urn:ngsi-ld:Subscription:mySubscription',
    type: 'Subscription',
    entities: [{ type: 'CityVitalSign' }],
    watchedAttributes: ['value'],
    q: 'value>50',
    notification: { attributes: ['value', 'status'], format: 'keyValues', endpoint: { uri: 'http://my.endpoint.org/notify', accept: 'application/json' } },
    throttling: 5,
    '@context': ['https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld'],
  };

  it('reads a subscription, with the spec defaults', () => {
    const r = parseSubscription({ type: 'Subscription', entities: [{ type: 'Alert' }], notification: { endpoint: { uri: 'https://broker.city.example/ngsi-ld/notify' } } });
    expect(r).toEqual({
      ok: true,
      spec: { type: 'Subscription', entities: [{ type: 'Alert' }], isActive: true, notification: { format: 'normalized', endpoint: { uri: 'https://broker.city.example/ngsi-ld/notify', accept: 'application/json' } } },
    });
    expect(parseSubscription(spec).ok).toBe(true);
  });

  it('names what is wrong', () => {
    expect(parseSubscription({ ...spec, watchedAttributes: [] })).toEqual({ ok: false, problem: 'watchedAttributes: Too small: expected array to have >=1 items' });
    const { entities: _e, watchedAttributes: _w, ...neither } = spec;
    expect(parseSubscription(neither)).toEqual({ ok: false, problem: 'give entities or watchedAttributes (or both)' });
    expect(parseSubscription({ ...spec, notification: { endpoint: { uri: 'ftp://my.endpoint.org/x' } } })).toEqual({ ok: false, problem: 'notification.endpoint.uri: an http or https URL' });
    expect(parseSubscription({ ...spec, q: 'value>' })).toEqual({ ok: false, problem: 'q: a value expected at character 7' });
    expect(parseSubscription({ ...spec, timeInterval: 60 })).toEqual({ ok: false, problem: 'not offered here: timeInterval' });
    expect(parseSubscription({ ...spec, type: 'Subscriptions' }).ok).toBe(false);
    expect(parseSubscription({ ...spec, throttling: -1 }).ok).toBe(false);
    expect(parseSubscription({ ...spec, entities: [{ type: 'Alert', idPattern: '(' }] }).ok).toBe(false);
  });
});

describe('idPattern', () => {
  it('takes the patterns clients write: literals, ., classes, escapes, anchors, | and up to two quantifiers', () => {
    for (const p of ['^urn:ngsi-ld:CityVitalSign:ex-south:', 'urn:ngsi-ld:Alert:.*', ':env\\.aqi$', '^urn:ngsi-ld:CityVitalSign:4305[0-9]{2}:.*', ':city:|:430502:', '\\(literal\\)']) {
      expect(idPatternRegExp(p), p).toBeInstanceOf(RegExp);
    }
    expect((idPatternRegExp(':env\\.aqi$') as RegExp).test('urn:ngsi-ld:CityVitalSign:city:env.aqi')).toBe(true);
  });

  it('refuses what could backtrack for a long time, and what is not a pattern, saying why', () => {
    // Nested quantifiers (exponential), a chain of .* (polynomial), back-references.
    expect(idPatternRegExp('^(a+)+$')).toBe('idPattern may not use groups');
    expect(idPatternRegExp('(?:x*)*')).toBe('idPattern may not use groups');
    expect(idPatternRegExp('.*.*.*x')).toBe('idPattern may use at most two quantifiers (*, +, ?, {n,m})');
    expect(idPatternRegExp('a{1,9}b{1,9}c?')).toBe('idPattern may use at most two quantifiers (*, +, ?, {n,m})');
    expect(idPatternRegExp('\\1')).toBe('idPattern may not use back-references');
    expect(idPatternRegExp('[')).toBe('idPattern is not a regular expression');
    expect(idPatternRegExp('')).toBe('idPattern has 1 to 200 characters');
    expect(idPatternRegExp('a'.repeat(201))).toBe('idPattern has 1 to 200 characters');
    // Escaped or inside a class, * and + are characters, not quantifiers.
    expect(idPatternRegExp('\\*\\+[*+?]x*y*')).toBeInstanceOf(RegExp);
  });
});
