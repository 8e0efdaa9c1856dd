import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@cw/contracts';
import { cleanupAfterEach, login, waitFor } from './testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

/** A non-browser client: no cookie, no Origin; its handshake `auth` and headers as given. */
function connect(url: string, auth: Record<string, unknown>, headers: Record<string, string> = {}) {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, extraHeaders: headers });
  cleanups.push(() => void socket.close());
  let outcome: { connected: true } | { connected: false; code?: string; message: string } | undefined;
  socket.on('connect', () => (outcome = { connected: true }));
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => (outcome = { connected: false, code: err.data?.code, message: err.message }));
  return () => outcome;
}

describe('the socket handshake (docs/protocol.md)', () => {
  it('takes the credential from an Authorization: Bearer header when the handshake carries no token', async () => {
    const s = await server();
    const token = await login(s, 'officer');
    expect(await waitFor(connect(s.url, { protocol: PROTOCOL_VERSION }, { authorization: `Bearer ${token}` }), 'bearer')).toEqual({ connected: true });
    const madeUp = await waitFor(connect(s.url, { protocol: PROTOCOL_VERSION }, { authorization: 'Bearer made-up-token-made-up-token' }), 'made-up bearer');
    expect(madeUp).toMatchObject({ connected: false, code: 'unauthenticated' });
    const none = await waitFor(connect(s.url, { protocol: PROTOCOL_VERSION }), 'no credential');
    expect(none).toMatchObject({ connected: false, code: 'unauthenticated' });
  });

  it('refuses a fractional or missing protocol version as a bad message, never rounding it to a version', async () => {
    const s = await server();
    const token = await login(s, 'officer');
    for (const auth of [{ protocol: PROTOCOL_VERSION + 0.5, token }, { protocol: PROTOCOL_VERSION - 0.5, token }, { token }, { protocol: String(PROTOCOL_VERSION), token }]) {
      const outcome = await waitFor(connect(s.url, auth), JSON.stringify(auth.protocol));
      expect(outcome, JSON.stringify(auth.protocol)).toMatchObject({ connected: false, code: 'bad_message' });
    }
  });
});
