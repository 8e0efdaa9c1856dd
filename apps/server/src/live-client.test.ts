import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@cw/contracts';
import type { ConnectionStatus } from '@cw/live-client';
import type { RunningServer } from './app.ts';
import { login, recordingClient, startTestServer, waitFor } from './testing/harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function server(): Promise<RunningServer> {
  const s = await startTestServer();
  cleanups.push(() => s.stop());
  return s;
}

describe('live client against a real server', () => {
  it('answers pings with pongs and reconnects when the pongs stop (a half-open connection)', async () => {
    const s = await server();
    const statuses: ConnectionStatus[] = [];
    const { client } = recordingClient(s.url, ['vitals:city'], {
      token: await login(s, 'officer'),
      heartbeatIntervalMs: 100,
      heartbeatTimeoutMs: 400,
      onStatus: (st) => statuses.push(st),
    });
    cleanups.push(() => client.close());
    let pongs = 0;
    client.socket.on('pong', () => pongs++);
    await waitFor(() => pongs >= 3, 'three pongs');
    expect(statuses.some((st) => st.state === 'offline')).toBe(false);

    // Nothing from the server reaches the heartbeat any more (neither pongs nor the deltas
    // that also prove the connection), as on a dead NAT mapping.
    const firstId = client.socket.id;
    for (const l of client.socket.listeners('pong')) client.socket.off('pong', l);
    for (const l of client.socket.listenersAny()) client.socket.offAny(l);
    await waitFor(() => statuses.find((st) => st.reason === 'heartbeat_timeout'), 'declared dead');
    expect(statuses.find((st) => st.reason === 'heartbeat_timeout')?.state).toBe('offline');
    await waitFor(() => client.status().state === 'live' && client.socket.id !== firstId, 'reconnected');
  });

  it('keeps retrying a refused protocol version and says why it is not live', async () => {
    const s = await server();
    const { client } = recordingClient(s.url, ['vitals:city'], { protocol: PROTOCOL_VERSION + 1, token: await login(s, 'officer'), reconnectDelayMaxMs: 100 });
    cleanups.push(() => client.close());
    let refusals = 0;
    client.socket.on('connect_error', () => refusals++);
    await waitFor(() => refusals >= 3, 'three attempts');
    expect(client.status()).toMatchObject({ state: 'incompatible', reason: 'protocol_mismatch', refusal: { code: 'protocol_mismatch', serverProtocol: PROTOCOL_VERSION } });
  });
});
