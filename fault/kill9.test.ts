import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { audit, runKill9 } from './kill9.ts';

describe('fault:kill9', () => {
  it('finds a missing event, a missing case and a case behind its acknowledged version', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-kill9-audit-'));
    const db = new Database(path.join(dir, 'city-window.sqlite'));
    db.exec('CREATE TABLE event_chunks (seq INTEGER PRIMARY KEY, body TEXT); CREATE TABLE cases (id TEXT, version INTEGER);');
    db.exec(`INSERT INTO event_chunks (body) VALUES ('{"id":"e0"}' || char(10) || '{"id":"e1"}'); INSERT INTO cases VALUES ('c1', 3), ('c2', 1);`);
    db.close();
    const r = audit(dir, { events: new Set(['e0', 'e1', 'e2']), cases: new Map([['c1', 3], ['c2', 2], ['c3', 1]]), commands: 0 });
    expect(r.integrity).toBe('ok');
    expect(r.lost.sort()).toEqual(['case c2 at version 1, acknowledged 2', 'case c3', 'event e2']);
    fs.rmSync(dir, { recursive: true });
  });

  // The short version of `npm run fault:kill9`: three kills of the real server process.
  it('loses no acknowledged write over three kill -9 under load, and every client converges', async () => {
    const r = await runKill9({ rounds: 3, seed: 8, clients: 2, maxLoadMs: 1500, log: () => undefined });
    expect(r.acknowledgedWrites).toBeGreaterThan(0);
    expect(r.lostSample).toEqual([]);
    expect(r.lost).toBe(0);
    expect(r.integrity).toBe('ok');
    expect(r.clientsConverged).toBe(2);
  }, 600_000);
});
