import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.ts';
import { call, startTestServer, tempDataDir } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.stop());

const signIn = (username: string, password: string) => call(s, 'POST', '/api/v1/auth/login', undefined, { username, password });

describe('sign-in throttling per account and per address', () => {
  it('lets the real administrator in from an address that guessed 100 made-up names', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i++) statuses.add((await signIn(`nobody-${i}`, 'guess')).status);
    // The address is throttled after its first failures…
    expect(statuses.has(429)).toBe(true);
    // …and stays throttled for unknown names and wrong passwords,
    expect((await signIn('nobody-else', 'guess')).status).toBe(429);
    expect((await signIn('admin', 'wrong-password')).status).toBe(429);
    // but a correct password for a real account still signs in from it.
    expect((await signIn('leader', 'citywindow-demo')).status).toBe(200);
    // The made-up names locked no account: the officer, never guessed, signs in too.
    expect((await signIn('officer', 'citywindow-demo')).status).toBe(200);
  });
});

describe('sign-in lock-outs across a restart', () => {
  it('keeps an account locked after the server restarts on the same store', async () => {
    const dir = tempDataDir();
    let server = await startTestServer({ STORAGE: 'sqlite', DATA_DIR: dir });
    try {
      const attempt = (password: string) => call(server, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password });
      // The account's limit is 5 failures in 15 minutes (auth-service.ts policy).
      for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
      expect((await attempt('citywindow-demo')).status).toBe(429);
      await server.stop();
      server = await startTestServer({ STORAGE: 'sqlite', DATA_DIR: dir });
      // Restarting hands the attacker no fresh guesses: even the right password waits.
      expect((await attempt('citywindow-demo')).status).toBe(429);
      // Another account was never locked.
      expect((await call(server, 'POST', '/api/v1/auth/login', undefined, { username: 'officer', password: 'citywindow-demo' })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
