import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewCase } from '@cw/contracts';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../app.ts';
import { DEMO_PASSWORD, TEST_START, airReading, call, login, tempDataDir } from '../testing/harness.ts';
import { createLogger, withLogPolicy } from './logging.ts';

const PHONE = '139 8765 4321';
const intake: NewCase = {
  title: '敏州路井盖缺失',
  description: '市民来电：敏州路口井盖缺失，夜间危险。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  address: '双清区敏州路',
  reporter: { name: '李先生', phone: PHONE },
};

/** A log destination that keeps every line the server writes. */
function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () => chunks.join('').split('\n').filter((l) => l.length > 0);
  return { logger: createLogger('debug', stream), lines };
}

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (servers.length > 0) await servers.pop()!.stop();
});

async function start(logger: ReturnType<typeof capture>['logger'], env: Record<string, string>) {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SIMULATOR: 'off',
    WRITE_RATE_LIMIT: '100000',
    TICK_MS: '100',
    SIM_START: TEST_START,
    DATA_DIR: tempDataDir(),
    WEB_DIST: path.join(os.tmpdir(), 'cw-no-web'),
    ...env,
  });
  const s = await startServer(config, logger);
  servers.push(s);
  return s;
}

describe('the JSON log', () => {
  it('has one JSON line per request with reqId, route pattern, status and ms, the case id, and no phone, password or token', async () => {
    const log = capture();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const s = await start(log.logger, { DEMO: 'on' });
    const officer = await login(s, 'officer');
    const admin = await login(s, 'admin');

    const created = await call(s, 'POST', '/api/v1/cases', officer, intake);
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    const registered = await call(s, 'POST', `/api/v1/cases/${id}/commands`, officer, { caseId: id, action: 'register', expectedVersion: 1 });
    expect(registered.status).toBe(200);
    // Refused: a phone in a bad report, a wrong password.
    expect((await call(s, 'POST', '/api/v1/cases', officer, { ...intake, urgency: 'whenever' })).status).toBe(400);
    expect((await call(s, 'POST', '/api/v1/auth/login', undefined, { username: 'officer', password: 'wrong-password-1' })).status).toBe(401);
    // Quiet when they succeed: ingest and probes.
    expect((await call(s, 'POST', '/api/v1/events', admin, { events: [airReading('430502', s.clock.now(), 40)] })).status).toBe(202);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    // A query string stays out of the log.
    expect((await call(s, 'GET', '/api/v1/alerts?limit=7&marker=q-in-url', officer)).status).toBe(200);
    await servers.pop()!.stop();

    const lines = log.lines();
    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines) {
      expect(l).not.toContain(PHONE);
      expect(l).not.toContain('13987654321');
      expect(l).not.toContain(DEMO_PASSWORD);
      expect(l).not.toContain('wrong-password-1');
      expect(l).not.toContain(officer);
      expect(l).not.toContain(admin);
      expect(l).not.toContain('marker=q-in-url');
    }
    const requests = parsed.filter((p) => p['route'] !== undefined);
    for (const r of requests) {
      expect(typeof r['reqId'], JSON.stringify(r)).toBe('string');
      expect(typeof r['ms']).toBe('number');
      expect(typeof r['status']).toBe('number');
    }
    const find = (method: string, route: string, status: number) => requests.filter((r) => r['method'] === method && r['route'] === route && r['status'] === status);
    expect(find('POST', '/api/v1/cases/:id/commands', 200)).toEqual([expect.objectContaining({ caseId: id })]);
    expect(find('POST', '/api/v1/cases', 201)).toEqual([expect.objectContaining({ caseId: id })]);
    expect(find('POST', '/api/v1/cases', 400)).toHaveLength(1);
    expect(find('POST', '/api/v1/auth/login', 401)).toHaveLength(1);
    expect(find('POST', '/api/v1/auth/login', 200)).toHaveLength(2);
    expect(find('GET', '/api/v1/alerts', 200)).toHaveLength(1);
    expect(requests.filter((r) => r['route'] === '/api/v1/events' || r['route'] === '/readyz')).toEqual([]);
    // Different requests, different ids.
    expect(new Set(requests.map((r) => r['reqId'])).size).toBe(requests.length);
  });

  it('prints the one-time administrator password on stderr only: not on stdout, not in the log', async () => {
    const log = capture();
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    await start(log.logger, { DEMO: 'off' });
    vi.restoreAllMocks();

    const password = /one-time password: (\S+)/.exec(stderr.join(''))?.[1];
    expect(password).toBeDefined();
    expect(stdout.join('')).not.toContain(password!);
    expect(stdout.join('')).not.toContain('one-time');
    expect(log.lines().join('\n')).not.toContain(password!);
    for (const l of log.lines()) expect(() => JSON.parse(l) as unknown).not.toThrow();
  });

  it('redacts credentials and phone numbers wherever a logged object carries them', () => {
    const log = capture();
    const policed = withLogPolicy(log.logger).child({ reqId: 'req-1' });
    policed.info({ case: { id: 'C1', reporter: { name: '王', phone: '138 0000 1234' } }, headers: { authorization: 'Bearer abc', cookie: 'cw_session=xyz' }, password: 'hunter22', token: 't0k' }, 'x');
    const line = JSON.parse(log.lines()[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      reqId: 'req-1',
      case: { id: 'C1', reporter: { name: '王', phone: '[redacted]' } },
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      password: '[redacted]',
      token: '[redacted]',
    });
  });
});
