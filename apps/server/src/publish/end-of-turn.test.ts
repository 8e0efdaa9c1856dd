import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type DeltaBatch, type VitalReading } from '@cw/contracts';
import { TopicReplica, parseSnapshot, unpackDeltas } from '@cw/sync';
import type { AuthService } from '../auth/auth-service.ts';
import { createSocketGateway } from './socket-gateway.ts';
import { TopicRegistry } from './topics.ts';

const reading = (value: number): VitalReading => ({ value, status: 'normal', asOf: 1000 });
const wall = { kind: 'display', id: 'w1', username: 'wall', name: 'Wall', role: 'wall', department: null, mustChangePassword: false, tokenHash: 'h1' };
const auth = { resolve: async () => wall, stillValid: async () => true } as unknown as AuthService;

// The cookie plugin loads its parser when registered, as the app's start does.
beforeAll(async () => {
  const app = fastify();
  await app.register(fastifyCookie);
  await app.ready();
  await app.close();
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

async function gateway() {
  const server = http.createServer();
  const topics = new TopicRegistry('e1', [], 100);
  const gw = createSocketGateway(server, topics, auth, { now: () => 0 }, pino({ level: 'silent' }), { tickMs: 1000, origins: { allowed: [], trustProxy: false }, maxBufferedBytes: 1 << 20 });
  topics.attach(gw.fanout);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    gw.shutdown();
    void gw.io.close();
  });
  return { topics, io: gw.io, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a client receives, in order: snapshots as (topic, seq), deltas as their seqs. */
function client(url: string) {
  const socket: Socket = connect(url, { auth: { protocol: PROTOCOL_VERSION, token: 'x'.repeat(24) }, transports: ['websocket'], reconnection: false });
  cleanups.push(() => socket.close());
  const replica = new TopicReplica();
  const received: string[] = [];
  const outcomes: string[] = [];
  socket.on('snapshot', (json: string) => {
    const s = parseSnapshot(json)!;
    received.push(`snapshot ${s.seq}`);
    replica.applySnapshot(s);
  });
  socket.on('deltas', (batch: DeltaBatch) => {
    for (const d of unpackDeltas(batch)) {
      received.push(`delta ${d.seq}`);
      outcomes.push(replica.applyDelta(d));
    }
  });
  return { socket, replica, received, outcomes };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

describe('a turn of the socket gateway', () => {
  it('sends a snapshot before the deltas of the same turn, which it already contains: no gap', async () => {
    const { topics, io, url } = await gateway();
    topics.publish('vitals:city', new Map([['env.aqi', reading(1)]])); // seq 1, flushed to nobody
    // A delta published in the very turn the subscribe is answered (after the gateway's own
    // handler, which was registered first).
    io.on('connection', (s) => s.on('subscribe', () => topics.publish('vitals:city', new Map([['env.aqi', reading(2)]]))));
    const c = client(url);
    await until(() => c.socket.connected);
    c.socket.emit('subscribe', { topic: 'vitals:city' });
    await until(() => c.received.length >= 2);
    // The snapshot is taken at the end of the turn: seq 2, value 2; then the turn's delta 2,
    // which the replica drops as a duplicate. Before, a snapshot at seq 1 then delta 2.
    expect(c.received).toEqual(['snapshot 2', 'delta 2']);
    expect(c.outcomes).toEqual(['duplicate']);
    expect(c.replica.entries).toEqual({ 'env.aqi': reading(2) });
    topics.publish('vitals:city', new Map([['env.aqi', reading(3)]]));
    await until(() => c.received.length >= 3);
    expect(c.outcomes).toEqual(['duplicate', 'applied']);
    expect(c.replica.position).toEqual({ epoch: 'e1', seq: 3 });
  });

  it('answers the first subscribe of every socket with one snapshot and a repeated one with none, many sockets asking at once', async () => {
    const { topics, url } = await gateway();
    topics.publish('vitals:city', new Map([['env.aqi', reading(5)]]));
    const clients = [client(url), client(url), client(url)];
    await until(() => clients.every((c) => c.socket.connected));
    for (const c of clients) {
      c.socket.emit('subscribe', { topic: 'vitals:city' });
      c.socket.emit('subscribe', { topic: 'vitals:city' });
    }
    await until(() => clients.every((c) => c.received.length >= 1));
    topics.publish('vitals:city', new Map([['env.aqi', reading(6)]]));
    await until(() => clients.every((c) => c.received.length >= 2));
    for (const c of clients) {
      expect(c.received).toEqual(['snapshot 1', 'delta 2']);
      expect(c.replica.entries).toEqual({ 'env.aqi': reading(6) });
    }
  });
});
