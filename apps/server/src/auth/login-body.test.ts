import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { call, startTestServer } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

describe('sign-in with a malformed body', () => {
  // Found by `npm run fuzz`: the route's rate-limit key read the name before validation, and
  // an object whose toString is not a function made String() throw (a 500).
  it('answers 400 for names that are objects, arrays or numbers, and still signs a real user in', async () => {
    for (const username of [{ toString: {} }, { toString: {}, valueOf: {} }, [{ toString: {} }, 1], 42, null]) {
      const r = await call(s, 'POST', '/api/v1/auth/login', undefined, { username, password: 'x' });
      expect(r.status).toBe(400);
      expect(r.body['error']).toBe('bad_request');
    }
    expect((await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'officer', password: 'citywindow-demo' })).status).toBe(200);
  });
});
