import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { journalLines } from '../storage/sqlite-rollups.ts';
import { TEST_START, airReading, call, cleanupAfterEach, login, startTestServer, tempDataDir } from '../testing/harness.ts';
import { ChildServer } from './child-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const { cleanups, server } = cleanupAfterEach();
const children: ChildServer[] = [];
afterEach(async () => {
  while (children.length > 0) await children.pop()!.stop();
});

const report: NewCase = {
  title: '邵水桥护栏损坏',
  description: '邵水桥东侧护栏被撞坏。',
  channel: 'hotline_12345',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.4812, 27.2381],
  address: '双清区邵水桥',
};

/** Case intakes and event batches in a loop; only 2xx answers count as acknowledged. */
function writeBurst(url: string, officer: string, admin: string) {
  const cases: string[] = [];
  const events: string[] = [];
  const state = { stop: false };
  let n = 0;
  const loop = async (write: () => Promise<void>) => {
    while (!state.stop) await write();
  };
  const done = Promise.all([
    loop(async () => {
      const r = await call({ url }, 'POST', '/api/v1/cases', officer, report);
      if (r.status !== 201) throw new Error(`intake ${r.status}`);
      cases.push(r.body['id'] as string);
    }),
    loop(async () => {
      const ids = Array.from({ length: 25 }, () => `bk-${n++}`);
      const r = await call({ url }, 'POST', '/api/v1/events', admin, { events: ids.map((id, i) => airReading('430503', Date.parse(TEST_START) - i, 40, id)) });
      if (r.status !== 202) throw new Error(`ingest ${r.status}`);
      events.push(...ids);
    }),
  ]);
  return { cases, events, stop: () => ((state.stop = true), done) };
}

function storeContents(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      cases: new Set(db.prepare('SELECT id FROM cases').pluck().all() as string[]),
      events: new Set(journalLines(db).map((l) => (JSON.parse(l) as { id?: string }).id)),
    };
  } finally {
    db.close();
  }
}

function npm(script: 'backup' | 'restore', args: string[], dataDir: string) {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('online backup and restore', () => {
  it('POST /api/v1/admin/backup during writes holds every write acknowledged before it; a restore brings exactly that back', async () => {
    const dir = tempDataDir();
    const s = await server({ DATA_DIR: dir });
    const officer = await login(s, 'officer');
    const admin = await login(s, 'admin');
    expect((await call(s, 'POST', '/api/v1/admin/backup', officer)).status).toBe(403);
    expect((await call(s, 'POST', '/api/v1/admin/backup', undefined)).status).toBe(401);

    const burst = writeBurst(s.url, officer, admin);
    while (burst.cases.length < 15 || burst.events.length < 150) await new Promise((r) => setTimeout(r, 20));
    const casesBefore = [...burst.cases];
    const eventsBefore = [...burst.events];
    const backup = await call(s, 'POST', '/api/v1/admin/backup', admin);
    await burst.stop();
    // Writes after the backup answered: in the live store, not in the backup.
    const later = await call(s, 'POST', '/api/v1/cases', officer, report);
    expect(later.status).toBe(201);
    const laterId = later.body['id'] as string;

    expect(backup.status).toBe(201);
    expect(backup.body).toMatchObject({ integrity: 'ok', file: expect.stringMatching(/^city-window-\d{8}T\d{6}Z\.sqlite$/) });
    const file = path.join(dir, 'backups', backup.body['file'] as string);
    expect(fs.statSync(file).size).toBe(backup.body['bytes']);
    const copy = storeContents(file);
    expect(copy.integrity).toBe('ok');
    expect(casesBefore.filter((id) => !copy.cases.has(id))).toEqual([]);
    expect(eventsBefore.filter((id) => !copy.events.has(id))).toEqual([]);
    expect(copy.cases.has(laterId)).toBe(false);

    await cleanups.pop()!();
    const restore = npm('restore', [file], dir);
    expect(restore.status, restore.stderr).toBe(0);
    expect(JSON.parse(restore.stdout.trim().split('\n').pop()!)).toMatchObject({ integrity: 'ok', restored: path.join(dir, 'city-window.sqlite') });

    const again: RunningServer = await startTestServer({ DATA_DIR: dir });
    cleanups.push(() => again.stop());
    const officer2 = await login(again, 'officer');
    expect((await call(again, 'GET', `/api/v1/cases/${casesBefore[0]!}`, officer2)).status).toBe(200);
    expect((await call(again, 'GET', `/api/v1/cases/${casesBefore.at(-1)!}`, officer2)).status).toBe(200);
    expect((await call(again, 'GET', `/api/v1/cases/${laterId}`, officer2)).status).toBe(404);
  }, 120_000);

  it('npm run backup copies a running server under writes; npm run restore refuses while it runs and a bad file, then restores', async () => {
    const dir = tempDataDir();
    const child = await ChildServer.start(dir);
    children.push(child);
    const officer = await login(child, 'officer');
    const burst = writeBurst(child.url, officer, await login(child, 'admin'));
    while (burst.cases.length < 10 || burst.events.length < 100) await new Promise((r) => setTimeout(r, 20));
    const casesBefore = [...burst.cases];
    const eventsBefore = [...burst.events];
    const out = path.join(tempDataDir(), 'nightly.sqlite');
    const backup = npm('backup', ['--out', out], dir);
    // A few writes more, all after the copy was made.
    const ackedAtBackup = burst.cases.length;
    while (burst.cases.length < ackedAtBackup + 3) await new Promise((r) => setTimeout(r, 20));
    await burst.stop();

    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout.trim().split('\n').pop()!)).toEqual({ file: out, bytes: fs.statSync(out).size, integrity: 'ok' });
    const copy = storeContents(out);
    expect(copy.integrity).toBe('ok');
    expect(casesBefore.filter((id) => !copy.cases.has(id))).toEqual([]);
    expect(eventsBefore.filter((id) => !copy.events.has(id))).toEqual([]);
    // An existing file is never overwritten.
    expect(npm('backup', ['--out', out], dir).status).toBe(1);

    const refused = npm('restore', [out], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('stop it first');

    child.signal('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    const later = storeContents(path.join(dir, 'city-window.sqlite'));
    const afterBackup = [...later.cases].filter((id) => !copy.cases.has(id));
    expect(afterBackup.length).toBeGreaterThanOrEqual(3);

    const garbage = path.join(tempDataDir(), 'garbage.sqlite');
    fs.writeFileSync(garbage, 'SQLite format 3\0 this is not a database'.repeat(200));
    const bad = npm('restore', [garbage], dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('restore refused');

    const restored = npm('restore', [out], dir);
    expect(restored.status, restored.stderr).toBe(0);
    const previous = (JSON.parse(restored.stdout.trim().split('\n').pop()!) as { previous: string }).previous;
    expect(fs.existsSync(path.join(previous, 'city-window.sqlite'))).toBe(true);

    const again = await ChildServer.start(dir);
    children.push(again);
    const officer2 = await login(again, 'officer');
    for (const id of [casesBefore[0]!, casesBefore.at(-1)!]) expect((await call(again, 'GET', `/api/v1/cases/${id}`, officer2)).status).toBe(200);
    for (const id of afterBackup.slice(0, 3)) expect((await call(again, 'GET', `/api/v1/cases/${id}`, officer2)).status).toBe(404);
  }, 180_000);
});
