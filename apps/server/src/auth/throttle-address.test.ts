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

describe('sign-in throttling per account and address, and per account across addresses', () => {
  let proxied: RunningServer;
  beforeAll(async () => {
    // Behind a trusted proxy the client address is X-Forwarded-For: one server, many addresses.
    proxied = await startTestServer({ TRUST_PROXY: 'on' });
  });
  afterAll(async () => proxied?.stop());
  const from = async (address: string, username: string, password: string) => {
    const res = await fetch(`${proxied.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
    await res.text();
    return res.status;
  };

  it('locks the guessing address out of the account and lets the owner in from another', async () => {
    // 5 failures from one address lock that address out of the account (auth-service.ts policy).
    for (let i = 0; i < 5; i++) expect(await from('203.0.113.1', 'leader', `wrong-${i}`)).toBe(401);
    expect(await from('203.0.113.1', 'leader', 'citywindow-demo')).toBe(429);
    // Knowing the name was not enough to lock the owner out: from the owner's desk it signs in.
    expect(await from('198.51.100.7', 'leader', 'citywindow-demo')).toBe(200);
  });

  it('closes the account to the addresses that failed at it after 20 failures spread over many, never to a clean one', async () => {
    // One wrong guess from each of 20 addresses: under every address's own limit, but the account's 20th failure.
    for (let i = 0; i < 20; i++) expect(await from(`192.0.2.${i}`, 'inspector', `wrong-${i}`)).toBe(401);
    // An address that failed at it is held, even with the right password…
    expect(await from('192.0.2.3', 'inspector', 'citywindow-demo')).toBe(429);
    // …and a new one gets one try: a wrong guess is counted, and then it is held too.
    expect(await from('192.0.2.100', 'inspector', 'wrong-again')).toBe(401);
    expect(await from('192.0.2.100', 'inspector', 'citywindow-demo')).toBe(429);
    // The owner at a desk that has not failed signs in, which clears the account's count.
    expect(await from('198.51.100.8', 'inspector', 'citywindow-demo')).toBe(200);
    expect(await from('192.0.2.3', 'inspector', 'citywindow-demo')).toBe(200);
  });
});

describe('sign-in lock-outs across a restart', () => {
  it('keeps an account locked after the server restarts on the same store', async () => {
    const dir = tempDataDir();
    let server = await startTestServer({ STORAGE: 'sqlite', DATA_DIR: dir });
    try {
      const attempt = (password: string) => call(server, 'POST', '/api/v1/auth/login', undefined, { username: 'admin', password });
      // One address's limit at an account is 5 failures in 15 minutes (auth-service.ts policy).
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
