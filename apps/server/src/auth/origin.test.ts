import { describe, expect, it } from 'vitest';
import { normalizeOrigin, originAllowed, parseAllowedOrigins, requestOrigin } from './origin.ts';

describe('origin checks', () => {
  const own = 'https://ops.city.example';

  it('accepts the own origin, with or without the default port', () => {
    expect(originAllowed('https://ops.city.example', own, [])).toBe(true);
    expect(originAllowed('https://ops.city.example:443', own, [])).toBe(true);
    expect(originAllowed('HTTPS://OPS.CITY.EXAMPLE', own, [])).toBe(true);
  });

  it('refuses another scheme, another port and another host', () => {
    expect(originAllowed('http://ops.city.example', own, [])).toBe(false);
    expect(originAllowed('https://ops.city.example:8443', own, [])).toBe(false);
    expect(originAllowed('http://evil.example', own, [])).toBe(false);
    expect(originAllowed('https://ops.city.example.evil.example', own, [])).toBe(false);
  });

  it('accepts an allow-listed origin and only that one', () => {
    expect(originAllowed('https://wall.city.example', own, ['https://wall.city.example'])).toBe(true);
    expect(originAllowed('http://wall.city.example', own, ['https://wall.city.example'])).toBe(false);
  });

  it('refuses malformed origins', () => {
    for (const bad of ['null', '', 'ops.city.example', 'https://ops.city.example/path', 'https://u@ops.city.example', 'file:///etc', 'javascript://x']) {
      expect(originAllowed(bad, own, []), bad).toBe(false);
    }
    expect(originAllowed('https://ops.city.example', null, [])).toBe(false);
  });

  it('takes the scheme from the connection, and from X-Forwarded-Proto only behind a trusted proxy', () => {
    expect(requestOrigin('ops.city.example', false, undefined, false)).toBe('http://ops.city.example');
    expect(requestOrigin('ops.city.example', true, undefined, false)).toBe('https://ops.city.example');
    expect(requestOrigin('ops.city.example', false, 'https', false)).toBe('http://ops.city.example');
    expect(requestOrigin('ops.city.example', false, 'https', true)).toBe('https://ops.city.example');
    expect(requestOrigin('127.0.0.1:8080', false, 'https, http', true)).toBe('https://127.0.0.1:8080');
    expect(requestOrigin(undefined, false, undefined, false)).toBe(null);
  });

  it('normalises and parses the allow-list', () => {
    expect(normalizeOrigin('https://a.example:443')).toBe('https://a.example');
    expect(parseAllowedOrigins(' https://a.example  http://b.example:81 nope ')).toEqual({ origins: ['https://a.example', 'http://b.example:81'], invalid: ['nope'] });
  });
});
