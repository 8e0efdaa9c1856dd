import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewCase, Shutdown } from '@cw/contracts';
import { connectLive, type ConnectionStatus } from '@cw/live-client';
import { journalLines } from '../storage/sqlite-rollups.ts';
import { TEST_START, airReading, login, tempDataDir, waitFor } from '../testing/harness.ts';
import { ChildServer } from './child-server.ts';

const report: NewCase = {
  title: '红旗路路灯不亮',
  description: '红旗路一段路灯夜间不亮。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  address: '双清区红旗路',
};

const children: ChildServer[] = [];
afterEach(async () => {
  while (children.length > 0) await children.pop()!.stop();
});

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> } | null> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    // Refused or cut: not acknowledged, so it may or may not be stored.
    return null;
  }
}

/** A report whose body never finishes arriving: in flight for as long as its socket is open. */
async function stuckRequest(server: ChildServer): Promise<http.ClientRequest> {
  const officer = await login(server, 'officer');
  const { port } = new URL(server.url);
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/cases', headers: { 'content-type': 'application/json', 'content-length': '5000', authorization: `Bearer ${officer}` } });
  req.on('error', () => undefined);
  req.write('{"title":');
  await waitFor(() => req.socket !== null && req.socket.writableLength === 0 && req.socket.bytesWritten > 0, 'partial body sent');
  // Sent is not yet read: a loaded server may not have parsed the headers, and a connection
  // without a request in progress counts as idle and is closed at once by a graceful stop.
  // The server reads ready sockets in order, so once a later request is answered the stuck
  // one is in progress.
  expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
  return req;
}

describe('graceful stop of the real server process', () => {
  it('on SIGTERM keeps every acknowledged write, tells sockets to come back, and exits 0', async () => {
    const dir = tempDataDir();
    const server = await ChildServer.start(dir, { SHUTDOWN_TIMEOUT_MS: '20000' });
    children.push(server);
    const officer = await login(server, 'officer');
    const admin = await login(server, 'admin');

    const statuses: ConnectionStatus[] = [];
    const shutdowns: Shutdown[] = [];
    const client = connectLive({ url: server.url, topics: ['cases'], token: await login(server, 'leader'), onEntries: () => undefined, onStatus: (s) => statuses.push(s) });
    client.socket.on('shutdown', (m) => shutdowns.push(m));
    await waitFor(() => client.status().state === 'live', 'socket live');
    const epoch = client.status().epoch;

    // Writers that keep going through the stop; each records only what was answered 2xx.
    const ackedCases: string[] = [];
    const ackedEvents: string[] = [];
    let refused = 0;
    let done = false;
    const caseWriter = async () => {
      while (!done) {
        const r = await post(`${server.url}/api/v1/cases`, officer, report);
        if (r?.status === 201) ackedCases.push(r.body['id'] as string);
        else if (r === null || r.status === 503) refused += 1;
        else throw new Error(`intake answered ${r.status}`);
      }
    };
    let n = 0;
    const eventWriter = async (worker: number) => {
      while (!done) {
        const ids = Array.from({ length: 20 }, () => `sd-${worker}-${n++}`);
        const r = await post(`${server.url}/api/v1/events`, admin, { events: ids.map((id, i) => airReading('430502', Date.parse(TEST_START) - i, 30 + (i % 50), id)) });
        if (r?.status === 202) ackedEvents.push(...ids);
        else if (r === null || r.status === 503) refused += 1;
        else throw new Error(`ingest answered ${r.status}`);
      }
    };
    const writers = [caseWriter(), caseWriter(), eventWriter(1), eventWriter(2)];
    await waitFor(() => ackedCases.length >= 20 && ackedEvents.length >= 200, 'writes under way', 60_000);

    server.signal('SIGTERM');
    const exit = await server.exited;
    done = true;
    await Promise.all(writers);
    // The socket was told, and takes it as a restart, not a failure; it keeps trying to come back.
    await waitFor(() => statuses.some((s) => s.reason === 'server_restarting'), 'client offline as restarting');
    client.close();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(shutdowns).toEqual([{ epoch }]);
    // The first word after live is the restart; failed reconnects to the stopped server follow.
    expect(statuses.find((s) => s.state !== 'live' && s.state !== 'connecting')?.reason).toBe('server_restarting');
    expect(refused).toBeGreaterThan(0);

    const db = new Database(path.join(dir, 'city-window.sqlite'), { readonly: true });
    const cases = new Set(db.prepare('SELECT id FROM cases').pluck().all() as string[]);
    const events = new Set(journalLines(db).map((l) => (JSON.parse(l) as { id?: string }).id));
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    expect(ackedCases.filter((id) => !cases.has(id))).toEqual([]);
    expect(ackedEvents.filter((id) => !events.has(id))).toEqual([]);
    expect(integrity).toBe('ok');

    // stdout is the JSON log only; the person starting it read the banner on stderr.
    const out = server.stdout.split('\n').filter((l) => l.length > 0);
    for (const line of out) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(out.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(expect.arrayContaining(['graceful stop', 'stopped']));
    expect(server.stderr).toContain('City Window is running');
    // A clean stop frees DATA_DIR for a restore.
    expect(fs.existsSync(path.join(dir, 'server.pid'))).toBe(false);
  }, 180_000);

  it('exits 1 with a log line when a request is still in flight after SHUTDOWN_TIMEOUT_MS', async () => {
    const server = await ChildServer.start(tempDataDir(), { SHUTDOWN_TIMEOUT_MS: '500' });
    children.push(server);
    const stuck = await stuckRequest(server);

    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    stuck.destroy();
    const lines = server.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as { msg: string; level: number });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'graceful stop took longer than SHUTDOWN_TIMEOUT_MS: exiting', level: 50 }));
  }, 120_000);

  it('exits at once on a second signal', async () => {
    const server = await ChildServer.start(tempDataDir(), { SHUTDOWN_TIMEOUT_MS: '60000' });
    children.push(server);
    // Keeps the graceful stop waiting, so the second signal surely comes first.
    const stuck = await stuckRequest(server);

    server.signal('SIGTERM');
    await waitFor(() => server.stdout.includes('"graceful stop"'), 'graceful stop begun');
    server.signal('SIGINT');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    stuck.destroy();
    expect(server.stdout).toContain('second signal: exiting without finishing the graceful stop');
  }, 120_000);
});
