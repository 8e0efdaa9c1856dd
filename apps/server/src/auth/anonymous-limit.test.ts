import { describe, expect, it } from 'vitest';
import { call, login, startTestServer } from '../testing/harness.ts';
import { AnonymousLimiter } from './anonymous-limit.ts';

describe('AnonymousLimiter', () => {
  it('lets an address make its allowance in the minute from its first request, then refuses until that minute is over', () => {
    const l = new AnonymousLimiter(3);
    expect([l.take('a', 10_000), l.take('a', 10_001), l.take('a', 10_002)]).toEqual([0, 0, 0]);
    expect(l.take('a', 30_000)).toBe(40_000);
    expect(l.take('b', 30_000)).toBe(0);
    expect(l.take('a', 70_000)).toBe(0);
  });

  it('makes addresses beyond its table share one allowance, after forgetting those whose minute is over', () => {
    const l = new AnonymousLimiter(3, 2);
    expect([l.take('a', 0), l.take('b', 30_000)]).toEqual([0, 0]);
    // 'a' is forgotten (its minute is over) to make room for 'c'; 'b' is not.
    expect(l.take('c', 65_000)).toBe(0);
    // 'd', 'e', 'f' and now 'a' share one window from 65 000.
    expect([l.take('d', 65_000), l.take('e', 65_000)]).toEqual([0, 0]);
    expect(l.take('f', 66_000)).toBe(0);
    expect(l.take('a', 66_000)).toBe(59_000);
    // 'b' and 'c' keep their own allowance.
    expect([l.take('b', 66_000), l.take('c', 66_000)]).toEqual([0, 0]);
  });
});

describe('anonymous API traffic against a real server', () => {
  it('refuses an address past its allowance with Retry-After, and still serves signed-in callers and health probes there', async () => {
    const s = await startTestServer({ ANON_RATE_LIMIT: '20' });
    try {
      const token = await login(s, 'officer');
      const statuses: number[] = [];
      // Anonymous and made-up credentials count alike.
      for (let i = 0; i < 25; i++) statuses.push((await call(s, 'GET', `/api/v1/nothing-here?i=${i}`, i % 2 === 0 ? undefined : 'made-up-token')).status);
      // The sign-in above was the address's first anonymous request: 19 more are allowed.
      expect(statuses.slice(0, 19).every((st) => st === 404 || st === 401)).toBe(true);
      expect(statuses.slice(19)).toEqual([429, 429, 429, 429, 429, 429]);
      const refused = await fetch(`${s.url}/api/v1/auth/me`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await call(s, 'GET', '/api/v1/auth/me', token)).status).toBe(200);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});
