import { describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@cw/contracts';
import { login, waitFor, cleanupAfterEach } from './testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

/** A browser-like socket: the session cookie and an Origin header, no token in the handshake. */
function browserSocket(url: string, cookieToken: string, origin: string | undefined): { socket: Socket; outcome: () => 'connected' | 'refused' | undefined } {
  const socket = io(url, {
    auth: { protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: `cw_session=${cookieToken}`, ...(origin === undefined ? {} : { origin }) },
  });
  cleanups.push(() => void socket.close());
  let outcome: 'connected' | 'refused' | undefined;
  socket.on('connect', () => (outcome = 'connected'));
  socket.on('connect_error', () => (outcome = 'refused'));
  return { socket, outcome: () => outcome };
}

describe('socket origin check', () => {
  it('refuses a foreign origin and another port on the same host even with a valid cookie, and accepts its own', async () => {
    const s = await server({ ALLOWED_ORIGINS: 'https://wall.city.example' });
    const token = await login(s, 'officer');
    const own = `http://127.0.0.1:${s.port}`;
    const cases: [string | undefined, 'connected' | 'refused'][] = [
      ['http://evil.example', 'refused'],
      [`http://127.0.0.1:${s.port + 1}`, 'refused'],
      [`https://127.0.0.1:${s.port}`, 'refused'],
      ['null', 'refused'],
      [own, 'connected'],
      ['https://wall.city.example', 'connected'],
      // Non-browser clients send no Origin; they still need the credential.
      [undefined, 'connected'],
    ];
    for (const [origin, expected] of cases) {
      const { outcome } = browserSocket(s.url, token, origin);
      expect(await waitFor(outcome, `outcome for ${origin}`), String(origin)).toBe(expected);
    }
  });

  it('trusts X-Forwarded-Proto only with TRUST_PROXY', async () => {
    for (const [trust, expected] of [['off', 'refused'], ['on', 'connected']] as const) {
      const s = await server({ TRUST_PROXY: trust });
      const token = await login(s, 'officer');
      const socket = io(s.url, {
        auth: { protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie: `cw_session=${token}`, origin: `https://127.0.0.1:${s.port}`, 'x-forwarded-proto': 'https' },
      });
      cleanups.push(() => void socket.close());
      let outcome: string | undefined;
      socket.on('connect', () => (outcome = 'connected'));
      socket.on('connect_error', () => (outcome = 'refused'));
      expect(await waitFor(() => outcome, `trust ${trust}`)).toBe(expected);
    }
  });
});

describe('HTTP cross-site check', () => {
  it('refuses a cross-site write even when it carries an Authorization header', async () => {
    const s = await server();
    const body = JSON.stringify({ username: 'officer', password: 'citywindow-demo' });
    const post = (headers: Record<string, string>) =>
      fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
    expect(await post({ origin: 'http://evil.example' })).toBe(403);
    expect(await post({ origin: 'http://evil.example', authorization: 'Bearer whatever' })).toBe(403);
    expect(await post({ origin: `https://127.0.0.1:${s.port}` })).toBe(403);
    expect(await post({ origin: `http://127.0.0.1:${s.port}` })).toBe(200);
    expect(await post({})).toBe(200);
  });
});
