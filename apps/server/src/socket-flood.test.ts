import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Delta, type ProtocolError, type Snapshot, type Subscribed, type VitalReading } from '@cw/contracts';
import type { RunningServer } from './app.ts';
import { MAX_DROPPED_IN_A_ROW, MESSAGE_BURST } from './publish/socket-gateway.ts';
import { airReading, login, postEvents, recordWire, startTestServer, waitFor } from './testing/harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function server(): Promise<RunningServer> {
  const s = await startTestServer();
  cleanups.push(() => s.stop());
  return s;
}

function rawSocket(url: string, token: string) {
  const socket = io(url, { auth: { protocol: PROTOCOL_VERSION, token }, transports: ['websocket'], reconnection: false });
  cleanups.push(() => void socket.close());
  const messages = recordWire(socket);
  let disconnected: string | undefined;
  socket.on('disconnect', (reason) => (disconnected = reason));
  return { socket, messages, disconnected: () => disconnected };
}

const of = <T>(messages: { event: string; msg: unknown }[], event: string) => messages.filter((m) => m.event === event).map((m) => m.msg as T);

describe('one socket cannot exhaust the server', () => {
  it('answers a repeated subscribe and a current since with a small subscribed message, never a second snapshot', async () => {
    const s = await server();
    const c = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => c.socket.connected, 'connect');
    c.socket.emit('subscribe', { topic: 'vitals:city' });
    const snap = (await waitFor(() => of<Snapshot>(c.messages, 'snapshot')[0], 'snapshot'));
    c.socket.emit('subscribe', { topic: 'vitals:city' });
    c.socket.emit('subscribe', { topic: 'vitals:city', since: { epoch: snap.epoch, seq: snap.seq } });
    const subscribed = await waitFor(() => (of<Subscribed>(c.messages, 'subscribed').length === 2 ? of<Subscribed>(c.messages, 'subscribed') : undefined), 'two answers');
    expect(subscribed).toEqual([
      { topic: 'vitals:city', epoch: s.epoch, seq: snap.seq },
      { topic: 'vitals:city', epoch: s.epoch, seq: snap.seq },
    ]);
    // A fresh socket whose since is current gets the same answer instead of silence.
    const fresh = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => fresh.socket.connected, 'connect');
    fresh.socket.emit('subscribe', { topic: 'vitals:city', since: { epoch: snap.epoch, seq: snap.seq } });
    expect(await waitFor(() => of<Subscribed>(fresh.messages, 'subscribed')[0], 'answer')).toEqual({ topic: 'vitals:city', epoch: s.epoch, seq: snap.seq });
    expect(of(c.messages, 'snapshot')).toHaveLength(1);
    expect(of(fresh.messages, 'snapshot')).toHaveLength(0);
  });

  it('rate-limits and then disconnects a flooding socket while a well-behaved one gets every delta in order', async () => {
    const s = await server();
    const good = rawSocket(s.url, await login(s, 'officer'));
    const hostile = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => good.socket.connected && hostile.socket.connected, 'both connected');
    good.socket.emit('subscribe', { topic: 'vitals:city' });
    const snap = await waitFor(() => of<Snapshot>(good.messages, 'snapshot')[0], 'good snapshot');

    for (let i = 0; i < 3000; i++) hostile.socket.emit('subscribe', { topic: 'cases' });
    for (let i = 1; i <= 5; i++) {
      expect((await postEvents(s, [airReading('430502', s.clock.now(), 30 + i)])).status).toBe(202);
      await waitFor(() => of<Delta>(good.messages, 'delta').length >= i, `good delta ${i}`);
    }
    expect(await waitFor(hostile.disconnected, 'hostile cut')).toBe('io server disconnect');

    const deltas = of<Delta>(good.messages, 'delta');
    expect(deltas.map((d) => d.seq)).toEqual([snap.seq + 1, snap.seq + 2, snap.seq + 3, snap.seq + 4, snap.seq + 5]);
    expect(deltas.map((d) => (d.put['env.readings_today'] as VitalReading | undefined)?.value)).toEqual([1, 2, 3, 4, 5]);
    expect(good.socket.connected).toBe(true);

    // Never a second snapshot for the whole flood (snapshots go out at the end of the turn
    // the subscribes arrived in, and the flooder may be cut within that very turn: then none);
    // the burst's other messages got the small answer.
    expect(of<Snapshot>(hostile.messages, 'snapshot').filter((m) => m.topic === 'cases').length).toBeLessThanOrEqual(1);
    expect(of<Subscribed>(hostile.messages, 'subscribed').length).toBeLessThanOrEqual(MESSAGE_BURST - 1);
    const errors = of<ProtocolError>(hostile.messages, 'protocol_error');
    expect(errors.map((e) => e.code)).toEqual(['rate_limited']);
    expect(MAX_DROPPED_IN_A_ROW).toBeLessThan(3000 - MESSAGE_BURST);
  });
});
