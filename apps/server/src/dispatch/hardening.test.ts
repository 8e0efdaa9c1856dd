import { describe, expect, it } from 'vitest';
import type { CaseDetail, NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { call, login, pairDisplay, recordingClient, sourceKey, startTestServer, tempDataDir, waitFor, cleanupAfterEach } from '../testing/harness.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import type { Storage } from '../storage/storage.ts';

const { cleanups, server } = cleanupAfterEach();

const report: NewCase = {
  title: '宝庆中路垃圾未清运',
  description: '市民来电反映宝庆中路与敏州路交叉口垃圾桶已满三天未清运。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  reporter: { name: '张女士', phone: '138 0000 1234' },
};

const NOT_FOUND = { status: 404, body: { error: 'not_found', message: 'no such case' } };
type Body = Record<string, unknown>;
const cmd = (s: RunningServer, token: string, id: string, body: Body) => call(s, 'POST', `/api/v1/cases/${id}/commands`, token, { caseId: id, ...body });

async function dispatchedTo(s: RunningServer, officer: string, department: string): Promise<string> {
  const id = (await call(s, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;
  expect((await cmd(s, officer, id, { expectedVersion: 1, action: 'register' })).status).toBe(200);
  expect((await cmd(s, officer, id, { expectedVersion: 2, action: 'dispatch', department })).status).toBe(200);
  return id;
}

async function postWithKey(s: RunningServer, token: string, key: string, body: unknown) {
  const res = await fetch(`${s.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('no error reply tells a department handler about a case they may not read', () => {
  it('answers commands on another department’s case exactly as for a case that does not exist', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const cgj = await login(s, 'cgj');
    const id = await dispatchedTo(s, officer, 'zjj');
    const missing = 'C20261127-9999';
    // A stale version (was 409 with the case), a valid version but a transition the state
    // does not allow (was 422 with the case), and the right one (was 403 wrong_department).
    for (const body of [
      { expectedVersion: 1, action: 'acknowledge' },
      { expectedVersion: 3, action: 'feedback', comment: '已处理' },
      { expectedVersion: 3, action: 'acknowledge' },
    ]) {
      const theirs = await cmd(s, cgj, id, body);
      const none = await cmd(s, cgj, missing, body);
      expect(theirs).toEqual(NOT_FOUND);
      expect(none).toEqual(NOT_FOUND);
      expect(JSON.stringify(theirs.body)).not.toContain('宝庆');
    }
    expect(await call(s, 'GET', `/api/v1/cases/${id}`, cgj)).toEqual(NOT_FOUND);
    expect(await call(s, 'GET', `/api/v1/cases/${missing}`, cgj)).toEqual(NOT_FOUND);
    // Nothing changed.
    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(detail.case.version).toBe(3);
  });

  it('still shows the handler their own case on a conflict, so they can retry', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const cgj = await login(s, 'cgj');
    const id = await dispatchedTo(s, officer, 'cgj');
    const r = await cmd(s, cgj, id, { expectedVersion: 1, action: 'acknowledge' });
    expect(r.status).toBe(409);
    expect((r.body['current'] as { version: number }).version).toBe(3);
  });
});

describe('what a wall reads of a case', () => {
  it('gets neither the description nor the caller', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const wall = await pairDisplay(s);
    const id = (await call(s, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;
    const r = await call(s, 'GET', `/api/v1/cases/${id}`, wall);
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('三天未清运');
    expect(text).not.toContain('138 0000 1234');
    expect(text).not.toContain('张女士');
    expect((r.body as unknown as CaseDetail).case.title).toBe('宝庆中路垃圾未清运');
    // The duty officer still reads both.
    const full = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(full.case.description).toBe(report.description);
  });
});

describe('intake with an Idempotency-Key', () => {
  it('answers a retry with the original case, also after a restart, and refuses the key for another report', async () => {
    const dataDir = tempDataDir();
    const first = await startTestServer({ DATA_DIR: dataDir, STORAGE: 'sqlite' });
    let stopped = false;
    cleanups.push(() => (stopped ? undefined : first.stop()));
    const key = await sourceKey(first);
    const a = await postWithKey(first, key, 'hotline-ticket-20261127-0042', report);
    expect(a.status).toBe(201);
    const again = await postWithKey(first, key, 'hotline-ticket-20261127-0042', report);
    expect(again.status).toBe(200);
    expect(again.body['id']).toBe(a.body['id']);
    const other = await postWithKey(first, key, 'hotline-ticket-20261127-0042', { ...report, title: '另一件事' });
    expect(other.status).toBe(422);
    expect(other.body['error']).toBe('idempotency_mismatch');
    expect((await postWithKey(first, key, 'bad key with spaces', report)).status).toBe(400);
    await first.stop();
    stopped = true;

    const second = await server({ DATA_DIR: dataDir, STORAGE: 'sqlite' });
    const afterRestart = await postWithKey(second, key, 'hotline-ticket-20261127-0042', report);
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body['id']).toBe(a.body['id']);
    // Only one case was ever opened: the next report takes number 0002.
    const next = await postWithKey(second, key, 'hotline-ticket-20261127-0043', report);
    expect(String(next.body['id'])).toMatch(/-0002$/);
  });
});

describe('the live cases topic', () => {
  it('is the same before and after a restart, voided and merged reports included (they end like closed ones)', async () => {
    const dataDir = tempDataDir();
    const env = { DATA_DIR: dataDir, STORAGE: 'sqlite' };
    const first = await startTestServer(env);
    let stopped = false;
    cleanups.push(() => (stopped ? undefined : first.stop()));
    const officer = await login(first, 'officer');
    const open = (await call(first, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;
    const voided = (await call(first, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;
    const dup = (await call(first, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;
    expect((await cmd(first, officer, voided, { expectedVersion: 1, action: 'void', comment: '重复来电，无效' })).status).toBe(200);
    expect((await cmd(first, officer, open, { expectedVersion: 1, action: 'merge', duplicateId: dup, duplicateExpectedVersion: 1 })).status).toBe(200);
    const { client } = recordingClient(first.url, ['cases'], { token: officer });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live' && client.entries('cases')[dup]?.state === 'merged', 'live');
    expect(client.entries('cases')[voided]?.state).toBe('voided');
    const before = Object.keys(client.entries('cases')).sort();
    expect(before).toEqual([open, voided, dup].sort());
    client.close();
    await first.stop();
    stopped = true;

    const second = await server(env);
    const { client: again } = recordingClient(second.url, ['cases'], { token: await login(second, 'officer') });
    cleanups.push(() => again.close());
    await waitFor(() => again.status().state === 'live' && again.entries('cases')[open], 'live after restart');
    expect(Object.keys(again.entries('cases')).sort()).toEqual(before);
  });
});

describe('restore', () => {
  it('reads the store a fixed number of times however many cases are live', async () => {
    const counts: number[] = [];
    for (const n of [3, 30]) {
      const { CaseService } = await import('./case-service.ts');
      const { TopicRegistry } = await import('../publish/topics.ts');
      const { DEFAULT_SLA_POLICY, createWorkingCalendar, openCase } = await import('@cw/dispatch');
      const storage = createMemoryStorage();
      const now = Date.parse('2026-11-27T10:00:00+08:00');
      const rules = { calendar: createWorkingCalendar({ utcOffsetMinutes: 480, holidays: [] }), sla: DEFAULT_SLA_POLICY };
      for (let i = 1; i <= n; i++) {
        const opened = openCase(report, `C20261127-${String(i).padStart(4, '0')}`, { userId: 'u', role: 'duty_officer' }, now - i * 60_000, rules);
        await storage.insertCase(opened.case, opened.transition);
      }
      let calls = 0;
      const counted = new Proxy(storage, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            calls += 1;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as Storage;
      const topics = new TopicRegistry('e', ['430502'], 100);
      const svc = new CaseService(
        counted,
        topics,
        { now: () => now },
        {
          rules,
          departments: () => [],
          utcOffsetMs: 480 * 60_000,
          kpiDays: 30,
        },
        (await import('pino')).default({ level: 'silent' }),
      );
      await svc.restore();
      svc.stop();
      expect(topics.get('cases')!.snapshot().entries).toHaveProperty(`C20261127-${String(n).padStart(4, '0')}`);
      counts.push(calls);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
