import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../app.ts';
import { DEMO_PASSWORD, startTestServer } from '../testing/harness.ts';
import type * as Secrets from './secrets.ts';

// Counts the password checks (argon2 verifications) the server makes, by the password tried.
const checked = vi.hoisted(() => new Map<string, number>());
vi.mock('./secrets.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof Secrets>();
  return {
    ...actual,
    verifyPassword: (stored: string, password: string) => {
      checked.set(password, (checked.get(password) ?? 0) + 1);
      return actual.verifyPassword(stored, password);
    },
  };
});

let s: RunningServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
  checked.clear();
});

const signIn = async (username: string, password: string) => {
  const res = await fetch(`${s!.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
};

// The per account and address limit (auth-service.ts): 5 failures in 15 minutes lock that address out of the account for a minute.
describe.each(['memory', 'sqlite'])('a burst of wrong sign-ins at one account (%s store)', (storage) => {
  it('checks at most five of 20 guesses sent at once; the other 15 get 429 with Retry-After, unhashed', async () => {
    s = await startTestServer({ STORAGE: storage });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn('admin', `wrong-${i}`)));
    const wrongChecks = [...checked].filter(([p]) => p.startsWith('wrong-')).reduce((n, [, c]) => n + c, 0);
    expect(wrongChecks).toBe(5);
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    const locked = results.filter((r) => r.status === 429);
    expect(locked).toHaveLength(15);
    // The first lock lasts a minute from the burst (the clock is real: some seconds may pass).
    for (const r of locked) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const r of locked) expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
    // The legitimate user at the same address is locked out too, without a password check.
    expect(await signIn('admin', DEMO_PASSWORD)).toMatchObject({ status: 429 });
    expect(checked.get(DEMO_PASSWORD)).toBeUndefined();
    // Another account is untouched.
    expect((await signIn('officer', DEMO_PASSWORD)).status).toBe(200);
  });

  it('lets the correct password in after four failures, and starts the count afresh', async () => {
    s = await startTestServer({ STORAGE: storage });
    for (let round = 0; round < 2; round++) {
      const wrong = await Promise.all(Array.from({ length: 4 }, (_, i) => signIn('leader', `wrong-${round}-${i}`)));
      expect(wrong.map((r) => r.status)).toEqual([401, 401, 401, 401]);
      expect((await signIn('leader', DEMO_PASSWORD)).status).toBe(200);
    }
    expect(checked.get(DEMO_PASSWORD)).toBe(2);
  });
});
