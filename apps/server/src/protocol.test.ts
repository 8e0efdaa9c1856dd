import { describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { ASOF_STEP_MS, PROTOCOL_VERSION, type Delta, type ProtocolError, type Snapshot, type VitalReading } from '@cw/contracts';
import { airReading, login, postEvents, recordingClient, startTestServer, tempDataDir, waitFor, cleanupAfterEach, recordWire } from './testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

/** A raw socket, to see exactly what the server sends. */
function rawSocket(url: string, token: string, protocol = PROTOCOL_VERSION) {
  const socket = io(url, { auth: { protocol, token }, transports: ['websocket'], reconnection: false });
  cleanups.push(() => void socket.close());
  const messages = recordWire(socket);
  return { socket, messages };
}

const readingsToday = (entries: Record<string, unknown>) => (entries['env.readings_today'] as VitalReading | undefined)?.value;

describe('realtime protocol', () => {
  it('sends a snapshot, then deltas with consecutive sequence numbers carrying only changes', async () => {
    const s = await server();
    const { socket, messages } = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => socket.connected, 'connect');
    socket.emit('subscribe', { topic: 'vitals:city' });
    socket.emit('subscribe', { topic: 'vitals:430503' });
    const snap = (await waitFor(() => messages.find((m) => m.event === 'snapshot' && (m.msg as Snapshot).topic === 'vitals:city'), 'snapshot'))
      .msg as Snapshot;
    expect(snap.epoch).toBe(s.epoch);
    expect(readingsToday(snap.entries)).toBe(0);
    expect(snap.entries['env.aqi']).toEqual({ value: null, status: 'nodata', asOf: null });

    const cityDeltas = () => messages.filter((m) => m.event === 'delta' && (m.msg as Delta).topic === 'vitals:city').map((m) => m.msg as Delta);
    for (let i = 0; i < 3; i++) {
      const r = await postEvents(s, [airReading('430502', s.clock.now(), 40 + i)]);
      expect(r).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
      await waitFor(() => cityDeltas().length > i, `delta ${i + 1}`);
    }
    const deltas = cityDeltas();
    expect(deltas.map((d) => d.seq)).toEqual([snap.seq + 1, snap.seq + 2, snap.seq + 3]);
    expect(deltas.every((d) => d.epoch === s.epoch)).toBe(true);
    expect(deltas.map((d) => (d.put['env.readings_today'] as VitalReading | undefined)?.value)).toEqual([1, 2, 3]);
    // PM2.5 40, 41, 42 → trailing-hour means 40, 40.5 → 41 (rounded), 41: the third is
    // unchanged, so it travels only if its asOf entered a new 10 s step.
    const pm25 = deltas.map((d) => d.put['env.pm25'] as VitalReading | undefined);
    expect(pm25.slice(0, 2).map((r) => r?.value)).toEqual([40, 41]);
    if (pm25[2] !== undefined) expect(Math.floor(pm25[2].asOf! / ASOF_STEP_MS)).toBeGreaterThan(Math.floor(pm25[1]!.asOf! / ASOF_STEP_MS));
    // Nothing happened in 大祥区 (430503): its topic got no delta at all.
    expect(messages.some((m) => m.event === 'delta' && (m.msg as Delta).topic === 'vitals:430503')).toBe(false);
  });

  it('coalesces: many events within a tick give at most one delta per topic', async () => {
    const s = await server({ TICK_MS: '1000' });
    const { socket, messages } = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => socket.connected, 'connect');
    socket.emit('subscribe', { topic: 'vitals:city' });
    await waitFor(() => messages.find((m) => m.event === 'snapshot'), 'snapshot');
    const now = s.clock.now();
    for (let i = 0; i < 20; i++) await postEvents(s, [airReading('430502', now + i, 50)]);
    await waitFor(() => messages.some((m) => m.event === 'delta' && readingsToday((m.msg as Delta).put as Record<string, VitalReading>) === 20), 'all 20 counted', 5000);
    const deltas = messages.filter((m) => m.event === 'delta');
    // 20 posts over well under two ticks: at most two deltas (one per tick boundary crossed).
    expect(deltas.length).toBeLessThanOrEqual(2);
  });

  it("carries every subscribed topic's change of a tick in one socket message", async () => {
    const s = await server();
    const { socket, messages } = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => socket.connected, 'connect');
    socket.emit('subscribe', { topic: 'vitals:city' });
    socket.emit('subscribe', { topic: 'vitals:430502' });
    await waitFor(() => messages.filter((m) => m.event === 'snapshot').length === 2, 'two snapshots');
    await postEvents(s, [airReading('430502', s.clock.now(), 40)]);
    // One reading in 双清区 (430502) counts for the division and for the city alike.
    const counted = (topic: string) => messages.find((m) => m.event === 'delta' && (m.msg as Delta).topic === topic && readingsToday((m.msg as Delta).put) === 1);
    const [city, division] = await waitFor(() => counted('vitals:city') && counted('vitals:430502') && [counted('vitals:city')!, counted('vitals:430502')!], 'both counted');
    expect(city.batch).toBeDefined();
    expect(division.batch).toBe(city.batch);
  });

  it('resyncs after a forced gap and ends equal to the server', async () => {
    const s = await server();
    const { client } = recordingClient(s.url, ['vitals:city'], { token: await login(s, 'officer') });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live' && client.entries('vitals:city')['env.aqi'], 'snapshot');
    // Drop exactly one delta on the floor, as a lossy network would.
    const [handler] = client.socket.listeners('deltas');
    client.socket.off('deltas', handler);
    let dropped = 0;
    client.socket.on('deltas', (batch) => {
      if (dropped === 0 && batch.deltas.some(([topic]) => topic === 'vitals:city')) {
        dropped = 1;
        return;
      }
      handler!(batch);
    });
    for (let i = 1; i <= 4; i++) {
      await postEvents(s, [airReading('430503', s.clock.now(), 30 * i)]);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(dropped).toBe(1);
    const probe = recordingClient(s.url, ['vitals:city'], { token: await login(s, 'officer') });
    cleanups.push(() => probe.client.close());
    await waitFor(() => readingsToday(probe.client.entries('vitals:city')) === 4 && readingsToday(client.entries('vitals:city')) === 4, 'both at 4');
    expect(client.entries('vitals:city')).toEqual(probe.client.entries('vitals:city'));
  });

  it('answers a client a few deltas behind with exactly the missed deltas', async () => {
    const s = await server();
    const { socket, messages } = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => socket.connected, 'connect');
    socket.emit('subscribe', { topic: 'vitals:430502' });
    const snap = (await waitFor(() => messages.find((m) => m.event === 'snapshot'), 'snapshot')).msg as Snapshot;
    for (let i = 0; i < 3; i++) {
      await postEvents(s, [airReading('430502', s.clock.now(), 60)]);
      await waitFor(() => messages.filter((m) => m.event === 'delta').length > i, 'delta');
    }
    const late = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => late.socket.connected, 'connect');
    late.socket.emit('subscribe', { topic: 'vitals:430502', since: { epoch: snap.epoch, seq: snap.seq + 1 } });
    await waitFor(() => late.messages.filter((m) => m.event === 'delta').length === 2, 'two missed deltas');
    expect(late.messages.filter((m) => m.event === 'snapshot')).toHaveLength(0);
    expect(late.messages.filter((m) => m.event === 'delta').map((m) => (m.msg as Delta).seq)).toEqual([snap.seq + 2, snap.seq + 3]);
  });

  it('survives a server restart on the same data directory: new epoch, fresh snapshot, today kept', async () => {
    const dataDir = tempDataDir();
    // One simulated minute per 100 ms, so minute windows close (and are stored) quickly.
    const env = { DATA_DIR: dataDir, SIM_SPEED: '600' };
    const first = await startTestServer(env);
    const port = String(first.port);
    const { client } = recordingClient(first.url, ['vitals:city', 'vitals:430511'], { token: await login(first, 'leader') });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live', 'live');
    const t0 = first.clock.now();
    const batch = Array.from({ length: 10 }, (_, i) => airReading('430511', t0 + i * 1000, 35 + i, `restart-${i}`));
    expect((await postEvents(first, batch)).status).toBe(202);
    // Let their windows close and be stored, then add a few that stay in open windows.
    await new Promise((r) => setTimeout(r, 1500));
    const t1 = first.clock.now();
    expect((await postEvents(first, [airReading('430511', t1, 80, 'open-1'), airReading('430511', t1, 90, 'open-2')])).status).toBe(202);
    await waitFor(() => readingsToday(client.entries('vitals:city')) === 12, 'count 12 before restart');
    const before = client.entries('vitals:430511')['env.readings_today'];
    const firstEpoch = client.status().epoch;
    await first.stop();
    await waitFor(() => client.status().state === 'offline', 'offline');

    const second = await startTestServer({ ...env, PORT: port });
    cleanups.push(() => second.stop());
    await waitFor(() => client.status().state === 'live' && client.status().epoch === second.epoch, 'reconnected to the new server');
    expect(second.epoch).not.toBe(firstEpoch);
    await waitFor(() => readingsToday(client.entries('vitals:city')) === 12, 'today kept across the restart');
    expect(client.entries('vitals:430511')['env.readings_today']?.value).toBe(before?.value);
    // A retried event is recognised as already acknowledged, not counted twice.
    const retry = await postEvents(second, [airReading('430511', t1, 80, 'open-1')]);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 1 });
    const probe = recordingClient(second.url, ['vitals:city'], { token: await login(second, 'leader') });
    cleanups.push(() => probe.client.close());
    await waitFor(() => readingsToday(probe.client.entries('vitals:city')) === 12, 'probe');
    await waitFor(() => JSON.stringify(client.entries('vitals:city')) === JSON.stringify(probe.client.entries('vitals:city')), 'equal to server');
  });

  it('refuses a client speaking another protocol version with a typed error that says which side is behind', async () => {
    const s = await server();
    const token = await login(s, 'officer');
    const refusal = async (protocol: number) => {
      const { client } = recordingClient(s.url, ['vitals:city'], { protocol, token });
      cleanups.push(() => client.close());
      return (await waitFor(() => (client.status().state === 'incompatible' ? client.status() : undefined), `refusal of ${protocol}`)).refusal;
    };
    const newer = await refusal(PROTOCOL_VERSION + 1);
    expect(newer).toMatchObject({ code: 'protocol_mismatch', serverProtocol: PROTOCOL_VERSION, incompatibility: 'server_too_old' });
    expect(newer?.message).toMatch(/waiting for the server/);
    const older = await refusal(PROTOCOL_VERSION - 1);
    expect(older).toMatchObject({ code: 'protocol_mismatch', serverProtocol: PROTOCOL_VERSION, incompatibility: 'client_too_old' });
    expect(older?.message).toMatch(/reload/);
  });

  it('answers malformed and unknown messages with typed errors while other clients keep receiving', async () => {
    const s = await server();
    const { client: good } = recordingClient(s.url, ['vitals:city'], { token: await login(s, 'officer') });
    cleanups.push(() => good.close());
    const bad = rawSocket(s.url, await login(s, 'officer'));
    await waitFor(() => bad.socket.connected && good.status().state === 'live', 'both connected');

    bad.socket.emit('subscribe', { topic: 42 });
    bad.socket.emit('subscribe', 'not even an object');
    bad.socket.emit('subscribe', { topic: 'vitals:nowhere' });
    bad.socket.emit('launch_missiles', { now: true });
    const errors = await waitFor(() => {
      const e = bad.messages.filter((m) => m.event === 'protocol_error').map((m) => m.msg as ProtocolError);
      return e.length === 4 ? e : undefined;
    }, 'four errors');
    expect(errors.map((e) => e.code)).toEqual(['bad_message', 'bad_message', 'unknown_topic', 'unknown_message']);
    expect(errors[3]!.event).toBe('launch_missiles');
    expect(bad.socket.connected).toBe(true);

    for (let i = 1; i <= 3; i++) {
      await postEvents(s, [airReading('430502', s.clock.now(), 20)]);
      await waitFor(() => readingsToday(good.entries('vitals:city')) === i, `good client sees ${i}`);
    }
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});
