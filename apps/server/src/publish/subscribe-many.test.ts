import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ProtocolError, type SystemState, type VitalReading } from '@cw/contracts';
import type { AuthService } from '../auth/auth-service.ts';
import { createSocketGateway } from './socket-gateway.ts';
import { TopicRegistry } from './topics.ts';

const reading = (value: number): VitalReading => ({ value, status: 'normal', asOf: 1000 });
const wall = { kind: 'display', id: 'w1', username: 'wall', name: 'Wall', role: 'wall', department: null, mustChangePassword: false, tokenHash: 'h1' };
const handler = { kind: 'user', id: 'u2', username: 'roads', name: 'Roads', role: 'department', department: 'd1', mustChangePassword: false, tokenHash: 'h2' };

beforeAll(async () => {
  // The cookie plugin loads its parser when registered, as the app's start does.
  const app = fastify();
  await app.register(fastifyCookie);
  await app.ready();
  await app.close();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

async function gateway(principal: object = wall) {
  const server = http.createServer();
  const auth = { resolve: async () => principal, stillValid: async () => true } as unknown as AuthService;
  const topics = new TopicRegistry('e1', ['430502'], 100);
  const gw = createSocketGateway(server, topics, auth, { now: () => 0 }, pino({ level: 'silent' }), { tickMs: 1000, origins: { allowed: [], trustProxy: false }, maxBufferedBytes: 1 << 20 });
  topics.attach(gw.fanout);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    gw.shutdown();
    void gw.io.close();
  });
  return { topics, io: gw.io, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every message the client receives, in order, as [event, payload]. */
async function client(url: string) {
  const socket: Socket = connect(url, { auth: { protocol: PROTOCOL_VERSION, token: 'x'.repeat(24) }, transports: ['websocket'], reconnection: false });
  cleanups.push(() => socket.close());
  const got: [string, unknown][] = [];
  socket.onAny((event: string, payload: unknown) => got.push([event, payload]));
  await until(() => socket.connected && got.length >= 1);
  return { socket, got };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('subscribe { topics }', () => {
  it('answers every topic in one reply: a snapshot, the missed deltas, or the position it is current at', async () => {
    const { topics, url } = await gateway();
    topics.publish('vitals:city', new Map([['env.aqi', reading(1)]])); // city seq 1
    topics.publish('vitals:city', new Map([['env.aqi', reading(2)]])); // seq 2
    topics.publish('vitals:430502', new Map([['env.aqi', reading(10)]])); // division seq 1
    topics.publish('vitals:430502', new Map([['env.aqi', reading(11)]])); // seq 2
    topics.publish('vitals:430502', new Map([['env.pm25', reading(30)]])); // seq 3
    const system: SystemState = { mode: 'peace', city: { zh: '邵阳', en: 'Shaoyang' } };
    topics.publish('system', new Map([['state', system]])); // system seq 1
    const c = await client(url);
    c.socket.emit('subscribe', {
      topics: [
        { topic: 'vitals:city' },
        { topic: 'vitals:430502', since: { epoch: 'e1', seq: 1 } },
        { topic: 'system', since: { epoch: 'e1', seq: 1 } },
        // Another server life: a snapshot, not deltas.
        { topic: 'feed', since: { epoch: 'e0', seq: 7 } },
      ],
    });
    await until(() => c.got.length >= 2);
    await settle();
    expect(c.got.map(([event]) => event)).toEqual(['hello', 'synced']);
    expect(JSON.parse(c.got[1]![1] as string)).toEqual({
      epoch: 'e1',
      snapshots: [
        { topic: 'vitals:city', epoch: 'e1', seq: 2, entries: { 'env.aqi': { value: 2, status: 'normal', asOf: 1000 } } },
        { topic: 'feed', epoch: 'e1', seq: 0, entries: {} },
      ],
      // Division seq 2 and 3, packed [value, status index, asOf].
      deltas: [
        ['vitals:430502', 2, { 'env.aqi': [11, 0, 1000] }],
        ['vitals:430502', 3, { 'env.pm25': [30, 0, 1000] }],
      ],
      current: [['system', 1]],
    });
    // Subscribed to all four: the next change of any reaches it.
    topics.publish('system', new Map([['state', { ...system, mode: 'war' }]]));
    await until(() => c.got.length >= 3);
    expect(c.got[2]).toEqual(['deltas', { epoch: 'e1', deltas: [['system', 2, { state: { mode: 'war', city: { zh: '邵阳', en: 'Shaoyang' } } }]] }]);
  });

  it('refuses the topics that do not exist or may not be read, in one error, and subscribes the rest', async () => {
    const { topics, url } = await gateway(handler);
    topics.ensure('cases:d1');
    const c = await client(url);
    c.socket.emit('subscribe', { topics: [{ topic: 'cases:d1' }, { topic: 'vitals:city' }, { topic: 'vitals:430599' }] });
    await until(() => c.got.length >= 3);
    await settle();
    expect(c.got.map(([event]) => event)).toEqual(['hello', 'protocol_error', 'synced']);
    const error = c.got[1]![1] as ProtocolError;
    expect(error).toMatchObject({ code: 'unknown_topic', event: 'subscribe', detail: { unknown: ['vitals:430599'], forbidden: ['vitals:city'] } });
    expect(JSON.parse(c.got[2]![1] as string)).toEqual({ epoch: 'e1', snapshots: [{ topic: 'cases:d1', epoch: 'e1', seq: 0, entries: {} }], deltas: [], current: [] });
  });

  it('never sends a second snapshot to a socket already subscribed, and a malformed list changes nothing', async () => {
    const { topics, url } = await gateway();
    topics.publish('vitals:city', new Map([['env.aqi', reading(5)]]));
    const c = await client(url);
    c.socket.emit('subscribe', { topics: [{ topic: 'vitals:city' }, { topic: 'vitals:city' }] });
    c.socket.emit('subscribe', { topics: [{ topic: 'vitals:city' }] });
    await until(() => c.got.length >= 3);
    c.socket.emit('subscribe', { topics: [{ topic: 'vitals:city' }] });
    await until(() => c.got.length >= 4);
    await settle();
    expect(c.got.map(([event]) => event)).toEqual(['hello', 'protocol_error', 'synced', 'synced']);
    expect((c.got[1]![1] as ProtocolError).code).toBe('bad_message');
    expect(JSON.parse(c.got[2]![1] as string)).toMatchObject({ snapshots: [{ topic: 'vitals:city', seq: 1 }], current: [] });
    expect(JSON.parse(c.got[3]![1] as string)).toEqual({ epoch: 'e1', snapshots: [], deltas: [], current: [['vitals:city', 1]] });
  });

  it('gives sockets asking the same in one turn the same reply, which already holds that turn\'s deltas', async () => {
    const { topics, io, url } = await gateway();
    topics.publish('vitals:city', new Map([['env.aqi', reading(1)]]));
    const clients = await Promise.all([client(url), client(url), client(url)]);
    // A delta published in the very turn the subscribes are answered.
    let once = false;
    for (const s of io.sockets.sockets.values()) {
      s.on('subscribe', () => {
        if (once) return;
        once = true;
        topics.publish('vitals:city', new Map([['env.aqi', reading(2)]]));
      });
    }
    for (const c of clients) c.socket.emit('subscribe', { topics: [{ topic: 'vitals:city' }] });
    await until(() => clients.every((c) => c.got.length >= 3));
    await settle();
    for (const c of clients) {
      expect(c.got.map(([event]) => event)).toEqual(['hello', 'synced', 'deltas']);
      // The snapshot at seq 2 (value 2), then delta 2 again: the client drops it as a duplicate.
      expect(JSON.parse(c.got[1]![1] as string)).toMatchObject({ snapshots: [{ seq: 2, entries: { 'env.aqi': { value: 2 } } }] });
      expect(c.got[2]![1]).toEqual({ epoch: 'e1', deltas: [['vitals:city', 2, { 'env.aqi': [2, 0, 1000] }]] });
    }
    expect(new Set(clients.map((c) => c.got[1]![1])).size).toBe(1);
  });

  it('answers walls coming back from different positions each with the deltas it missed (a storm)', async () => {
    const { topics, url } = await gateway();
    for (const v of [1, 2, 3]) topics.publish('vitals:city', new Map([['env.aqi', reading(v)]]));
    topics.publish('system', new Map([['state', { mode: 'war', city: { zh: '邵阳', en: 'Shaoyang' } } satisfies SystemState]]));
    const clients = await Promise.all([client(url), client(url), client(url)]);
    const since = [1, 1, 2];
    clients.forEach((c, i) =>
      c.socket.emit('subscribe', { topics: [{ topic: 'vitals:city', since: { epoch: 'e1', seq: since[i]! } }, { topic: 'system', since: { epoch: 'e1', seq: 1 } }] }),
    );
    await until(() => clients.every((c) => c.got.length >= 2));
    await settle();
    const replies = clients.map((c) => JSON.parse(c.got[1]![1] as string) as unknown);
    // From seq 1: deltas 2 and 3 (values 2 and 3); from seq 2: delta 3 only. system is current at 1.
    const fromOne = { epoch: 'e1', snapshots: [], deltas: [['vitals:city', 2, { 'env.aqi': [2, 0, 1000] }], ['vitals:city', 3, { 'env.aqi': [3, 0, 1000] }]], current: [['system', 1]] };
    expect(replies[0]).toEqual(fromOne);
    expect(replies[1]).toEqual(fromOne);
    expect(replies[2]).toEqual({ epoch: 'e1', snapshots: [], deltas: [['vitals:city', 3, { 'env.aqi': [3, 0, 1000] }]], current: [['system', 1]] });
    expect(clients.map((c) => c.got.map(([event]) => event))).toEqual([['hello', 'synced'], ['hello', 'synced'], ['hello', 'synced']]);
  });
});
