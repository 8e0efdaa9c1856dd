import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@cw/contracts';
import type { AuthService, Principal } from '../auth/auth-service.ts';
import { createSocketGateway } from './socket-gateway.ts';
import { TopicRegistry } from './topics.ts';

beforeAll(async () => {
  // The cookie plugin loads its parser when registered, as the app's start does.
  const app = fastify();
  await app.register(fastifyCookie);
  await app.ready();
  await app.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

describe('revalidating open sockets', () => {
  it('checks each socket once a minute, a sixtieth of them each second, and cuts one whose credential is gone', async () => {
    // Only the gateway's interval is simulated; sockets, timeouts and setImmediate stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let n = 0;
    const checks: string[] = [];
    const revoked = new Set<string>();
    const auth = {
      resolve: async () => ({ kind: 'display', id: `w${++n}`, username: 'wall', name: 'Wall', role: 'wall', department: null, mustChangePassword: false, tokenHash: `h${n}` }),
      stillValid: async (p: Principal) => {
        checks.push(p.id);
        return !revoked.has(p.id);
      },
    } as unknown as AuthService;
    const server = http.createServer();
    const gw = createSocketGateway(server, new TopicRegistry('e1', [], 10), auth, { now: () => 0 }, pino({ level: 'silent' }), { tickMs: 1000, origins: { allowed: [], trustProxy: false }, maxBufferedBytes: 1 << 20 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sockets: Socket[] = [];
    try {
      // One after the other, so they are w1, w2, w3 in the order they connected.
      for (let i = 0; i < 3; i++) {
        const s = connect(url, { auth: { protocol: PROTOCOL_VERSION, token: 'x'.repeat(24) }, transports: ['websocket'], reconnection: false });
        sockets.push(s);
        await until(() => s.connected);
      }
      revoked.add('w2');
      const perSecond: number[] = [];
      for (let second = 0; second < 60; second++) {
        const before = checks.length;
        vi.advanceTimersByTime(1000);
        await new Promise((r) => setTimeout(r, 5));
        perSecond.push(checks.length - before);
      }
      // Sockets 1, 2 and 3 fall in the first three seconds of the minute, one each.
      expect(perSecond.slice(0, 4)).toEqual([1, 1, 1, 0]);
      expect(checks).toEqual(['w1', 'w2', 'w3']);
      await until(() => !sockets[1]!.connected);
      expect(sockets.map((s) => s.connected)).toEqual([true, false, true]);
      // The next minute checks them again (the cut one is gone).
      for (let second = 0; second < 60; second++) vi.advanceTimersByTime(1000);
      await until(() => checks.length === 5);
      expect(checks.slice(3)).toEqual(['w1', 'w3']);
    } finally {
      for (const s of sockets) s.close();
      gw.shutdown();
      void gw.io.close();
    }
  });
});
