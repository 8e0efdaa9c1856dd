import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInPairKey } from '@cw/access';
import type { Alert, NewCase } from '@cw/contracts';
import { DEFAULT_SLA_POLICY, createWorkingCalendar, openCase } from '@cw/dispatch';
import { airReading, tempDataDir } from '../testing/harness.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres.ts';
import { createMemoryStorage } from './memory.ts';
import { PG_MIGRATIONS, openPostgresStorage } from './postgres.ts';
import { SQLITE_FILE, SQLITE_MIGRATIONS, openSqliteStorage } from './sqlite.ts';
import { journalLines } from './sqlite-rollups.ts';
import { CaseConflict, StaleWriter, type Storage } from './storage.ts';
import { storageContract } from './storage-contract.ts';

// One contract, every implementation.
storageContract('memory', async () => createMemoryStorage());
storageContract('sqlite', async () => openSqliteStorage(tempDataDir()));

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});
storageContract('postgres', async () => openPostgresStorage({ connectionString: await server.createDatabase(), poolSize: 4 }));

const rules = { calendar: createWorkingCalendar({ utcOffsetMinutes: 480, holidays: [] }), sla: DEFAULT_SLA_POLICY };
const report: NewCase = {
  title: '占道经营',
  description: '人行道上有流动摊贩。',
  channel: 'grid_inspector',
  category: 'city_appearance',
  requestType: 'complaint',
  urgency: 'normal',
  division: '430502',
  location: [111.47, 27.24],
};

/**
 * Two processes' stores on one database: `a` was the writer (fence 1), `b` took over with
 * fence 2 while `a` was paused. Everything `a` then writes of the writer's data is refused
 * and changes nothing; `b` writes on; auth and audit, which every node writes, are not fenced.
 */
async function staleWriterIsRefused(a: Storage, b: Storage, edge: Storage): Promise<void> {
  const win = (sum: number) => ({ window: '1m', series: 'air.reading.pm25', scope: 'city', start: 0, agg: { count: 1, sum, min: sum, max: sum, last: sum, lastTs: 1 } });
  expect(await a.claimWriter(1)).toEqual({ claimed: true, current: 1 });
  await a.saveClosedWindows([win(10)], 60_000);
  const opened = openCase(report, 'C20261127-0001', { userId: 'u', role: 'duty_officer' }, 1000, rules);
  await a.insertCase(opened.case, opened.transition);
  expect(await a.nextInSequence('case:20261127')).toBe(1);

  expect(await b.claimWriter(2)).toEqual({ claimed: true, current: 2 });
  await expect(a.saveClosedWindows([win(99)], 120_000)).rejects.toBeInstanceOf(StaleWriter);
  await expect(a.appendEvents([airReading('430502', 1000, 1, 'late')])).rejects.toBeInstanceOf(StaleWriter);
  await expect(a.nextInSequence('case:20261127')).rejects.toBeInstanceOf(StaleWriter);
  const moved = { case: { ...opened.case, version: 2, state: 'registered' as const, updatedAt: 2000 }, expectedVersion: 1, transitions: [{ ...opened.transition, seq: 2, action: 'register' as const, from: 'reported' as const, to: 'registered' as const, at: 2000 }] };
  await expect(a.updateCases([moved])).rejects.toBeInstanceOf(StaleWriter);
  const alert: Alert = { id: 'al-1', metric: 'env.aqi', scope: 'city', level: 'yellow', value: 160, threshold: 151, clearAt: 90, raisedAt: 5000, escalatedAt: null, clearedAt: null, acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null };
  await expect(a.saveAlert(alert)).rejects.toBeInstanceOf(StaleWriter);
  // The stale writer cannot win back the store by claiming its old number again.
  expect(await a.claimWriter(1)).toEqual({ claimed: false, current: 2 });
  await expect(a.saveClosedWindows([win(99)], 120_000)).rejects.toBeInstanceOf(StaleWriter);

  // Nothing of what it tried is stored.
  expect(await b.closedUpTo()).toBe(60_000);
  expect((await b.loadWindows('1m', 0)).map((w) => w.agg.sum)).toEqual([10]);
  expect(await b.eventsSince(0)).toEqual([]);
  expect((await b.caseById(opened.case.id))!.version).toBe(1);
  expect(await b.caseHistory(opened.case.id)).toHaveLength(1);
  expect(await b.liveAlerts()).toEqual([]);
  // The new writer writes on, and numbers on from what the old one took.
  await b.saveClosedWindows([win(20)], 120_000);
  await b.updateCases([moved]);
  expect(await b.nextInSequence('case:20261127')).toBe(2);
  expect((await edge.caseById(opened.case.id))!.version).toBe(2);
  // Every node, the deposed writer too, still writes what is not the writer's.
  await a.appendAudit({ at: 1, actor: null, actorName: null, role: null, action: 'login', target: null, outcome: 'ok', ip: null, detail: null });
  await a.putSetting('mode', 'war');
  await a.recordThrottleFailure('account', 'admin', 1, { maxFailures: 5, windowMs: 60_000, lockMs: 60_000, maxLockMs: 3_600_000 });
  expect(await b.listAudit(10)).toHaveLength(1);
  expect(await b.getSetting('mode')).toBe('war');
  expect(await b.throttleEntry('account', 'admin')).toEqual({ failures: [1], lockedUntil: 0, strikes: 0 });
}

describe('sqlite storage', () => {
  it('refuses every write of the writer\'s data by a writer whose fence was overtaken (two connections to one file)', async () => {
    const dir = tempDataDir();
    const [a, b, edge] = [openSqliteStorage(dir), openSqliteStorage(dir), openSqliteStorage(dir)];
    await staleWriterIsRefused(a, b, edge);
    await Promise.all([a.close(), b.close(), edge.close()]);
  });

  it('keeps everything across close and reopen', async () => {
    const dir = tempDataDir();
    const s = openSqliteStorage(dir);
    await s.appendEvents([airReading('430502', 1000, 1, 'x')]);
    await s.saveClosedWindows([{ window: '1h', series: 'air.reading.pm25', scope: 'city', start: 0, agg: { count: 1, sum: 30, min: 30, max: 30, last: 30, lastTs: 5 } }], 3_600_000);
    expect(await s.nextInSequence('case:20261127')).toBe(1);
    await s.close();
    const again = openSqliteStorage(dir);
    expect(await again.closedUpTo()).toBe(3_600_000);
    expect(await again.eventsSince(0)).toHaveLength(1);
    expect(await again.appendEvents([airReading('430502', 1000, 1, 'x')])).toEqual([]);
    expect(await again.loadWindows('1h', 0)).toHaveLength(1);
    expect(await again.nextInSequence('case:20261127')).toBe(2);
    await again.close();
  });

  it('upgrades a store from before the migrations table: records what ran, numbers on after the day’s highest case', async () => {
    const dir = tempDataDir();
    // A store as the server left it before: eight migrations counted in user_version.
    const old = new Database(path.join(dir, SQLITE_FILE));
    for (const m of SQLITE_MIGRATIONS.slice(0, 8)) old.exec(m.sql);
    old.pragma('user_version = 8');
    for (const id of ['C20261127-0001', 'C20261127-0007', 'C20261128-0002']) {
      const c = openCase(report, id, { userId: 'u', role: 'duty_officer' }, 1000, rules);
      old.prepare('INSERT INTO cases (id, version, state, department, reported_at, closed_at, body) VALUES (?, 1, ?, NULL, 1000, NULL, ?)').run(id, 'reported', JSON.stringify(c.case));
    }
    old.close();
    const s = openSqliteStorage(dir);
    expect(await s.nextInSequence('case:20261127')).toBe(8);
    expect(await s.nextInSequence('case:20261128')).toBe(3);
    expect(await s.nextInSequence('emergency:20261127')).toBe(1);
    await s.close();
    const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(SQLITE_MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
    db.close();
  });

  it('carries a journal of one row per event into chunks: replayed in time order, its ids still known, pruned by time', async () => {
    const dir = tempDataDir();
    // A store as the server left it before the journal was chunked: one row per event.
    const old = new Database(path.join(dir, SQLITE_FILE));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const chunked = SQLITE_MIGRATIONS.findIndex((m) => m.name === 'journal in chunks');
    SQLITE_MIGRATIONS.slice(0, chunked).forEach((m, i) => {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(i + 1, m.name);
    });
    const insert = old.prepare('INSERT INTO events (id, ts, body) VALUES (?, ?, ?)');
    insert.run('src-1/a', 3000, JSON.stringify(airReading('430502', 3000, 1, 'a')));
    insert.run('src-1/b', 1000, JSON.stringify(airReading('430502', 1000, 2, 'b')));
    insert.run(null, 2000, JSON.stringify(airReading('430503', 2000, 3)));
    old.close();
    const s = openSqliteStorage(dir);
    expect((await s.eventsSince(0)).map((e) => [e.ts, e.id])).toEqual([[1000, 'b'], [2000, undefined], [3000, 'a']]);
    expect(await s.knownIds(['a', 'b', 'c'], 'src-1')).toEqual(new Set(['a', 'b']));
    // New events join the old: a retry of an old one is a duplicate; ties in time keep their order.
    const c = airReading('430502', 2000, 4, 'c');
    expect(await s.appendEvents([airReading('430502', 3000, 1, 'a'), c], 'src-1')).toEqual([c]);
    expect((await s.eventsSince(2000)).map((e) => [e.ts, e.id])).toEqual([[2000, undefined], [2000, 'c'], [3000, 'a']]);
    // The carried-over chunks stay text; the new one is stored compressed, and both replay.
    const peek = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(peek.prepare('SELECT typeof(body) FROM event_chunks ORDER BY seq').pluck().all()).toEqual(['text', 'text', 'text', 'blob']);
    expect(journalLines(peek).map((l) => (JSON.parse(l) as { id?: string }).id)).toEqual(['a', 'b', undefined, 'c']);
    peek.close();
    // Pruning before 2500 drops b, the anonymous event and c (their ids too), keeps a.
    await s.prune(2500, {});
    expect((await s.eventsSince(0)).map((e) => e.id)).toEqual(['a']);
    expect(await s.knownIds(['a', 'b', 'c'], 'src-1')).toEqual(new Set(['a']));
    await s.close();
  });

  it('carries the id keys over to per-source numbers: retries from before the upgrade are still duplicates, per source', async () => {
    const dir = tempDataDir();
    // A store as the server left it with the chunked journal: ids keyed "<source>/<id>", the simulator's bare.
    const old = new Database(path.join(dir, SQLITE_FILE));
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const numbered = SQLITE_MIGRATIONS.findIndex((m) => m.name === 'journal source numbers');
    SQLITE_MIGRATIONS.slice(0, numbered).forEach((m, i) => {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(i + 1, m.name);
    });
    const key = old.prepare('INSERT INTO event_ids (key, ts) VALUES (?, ?)');
    key.run('9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b/r1', 1000);
    key.run('9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b/r2', 2000);
    key.run('user-7/r1', 1500);
    key.run('430502-aq-1@1000', 1000);
    old.close();
    const s = openSqliteStorage(dir);
    expect(await s.knownIds(['r1', 'r2', 'r3'], '9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b')).toEqual(new Set(['r1', 'r2']));
    expect(await s.knownIds(['r1', 'r2'], 'user-7')).toEqual(new Set(['r1']));
    expect(await s.knownIds(['r1'], 'never-sent')).toEqual(new Set());
    expect(await s.knownIds(['430502-aq-1@1000', 'r1'])).toEqual(new Set(['430502-aq-1@1000']));
    // Retries are duplicates; the same id from another source, or without one, is another event.
    const r1 = airReading('430502', 1000, 1, 'r1');
    const r2 = airReading('430502', 2000, 2, 'r2');
    expect(await s.appendEvents([r1, r2], '9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b')).toEqual([]);
    expect(await s.appendEvents([r1, r2], 'user-7')).toEqual([r2]);
    expect(await s.appendEvents([r1, airReading('430502', 1000, 3, '430502-aq-1@1000')])).toEqual([r1]);
    // A new source after the upgrade gets its own number, and pruning by time reaches every key.
    expect(await s.appendEvents([r1], 'new-source')).toEqual([r1]);
    expect(await s.appendEvents([r1], 'new-source')).toEqual([]);
    await s.prune(1800, {});
    expect(await s.knownIds(['r1', 'r2'], '9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b')).toEqual(new Set(['r2']));
    expect(await s.knownIds(['r1'], 'new-source')).toEqual(new Set());
    await s.close();
    const peek = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    expect(peek.prepare('SELECT source FROM journal_sources ORDER BY no').pluck().all()).toEqual(['9b2f6a7e-0c1d-4e5f-8a9b-0c1d2e3f4a5b', 'user-7', 'new-source']);
    peek.close();
  });

  it('refuses, in the database itself, to change or delete audit entries', async () => {
    const dir = tempDataDir();
    const s = openSqliteStorage(dir);
    await s.appendAudit({ at: 1, actor: null, actorName: null, role: null, action: 'login', target: null, outcome: 'ok', ip: null, detail: null });
    await s.close();
    const db = new Database(path.join(dir, SQLITE_FILE));
    expect(() => db.prepare("UPDATE audit SET outcome = 'refused'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('postgres storage, several processes on one database', () => {
  it('refuses every write of the writer\'s data by a writer whose fence was overtaken', async () => {
    const url = await server.createDatabase();
    const [a, b, edge] = (await Promise.all([1, 2, 3].map(() => openPostgresStorage({ connectionString: url, poolSize: 2 })))) as [Storage, Storage, Storage];
    await staleWriterIsRefused(a, b, edge);
    await Promise.all([a.close(), b.close(), edge.close()]);
  });

  it('lets a stale writer\'s transaction that was checked before the claim finish, and none after', async () => {
    const url = await server.createDatabase();
    const [a, b] = (await Promise.all([1, 2].map(() => openPostgresStorage({ connectionString: url, poolSize: 2 })))) as [Storage, Storage];
    await a.claimWriter(1);
    // Many writes of the old writer racing the new writer's claim: each is either stored
    // whole before the claim or refused; none lands after it.
    const writes = Array.from({ length: 20 }, (_, i) => a.nextInSequence('case:20261127').then((n) => ({ i, n }), (err: unknown) => ({ i, err })));
    const claim = b.claimWriter(2);
    const outcomes = await Promise.all(writes);
    expect((await claim).claimed).toBe(true);
    const stored = outcomes.filter((o) => 'n' in o);
    for (const o of outcomes) if ('err' in o) expect(o.err).toBeInstanceOf(StaleWriter);
    // The new writer's first number follows exactly the old writer's stored ones.
    expect(await b.nextInSequence('case:20261127')).toBe(stored.length + 1);
    await Promise.all([a.close(), b.close()]);
  });

  it('migrates once when several open a fresh database at the same time, and records each migration', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStorage({ connectionString: url, poolSize: 2 })));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(PG_MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
    await stores[0]!.appendAudit({ at: 1, actor: null, actorName: null, role: null, action: 'login', target: null, outcome: 'ok', ip: null, detail: null });
    await expect(db.query("UPDATE audit SET outcome = 'refused'")).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
    await db.end();
    await Promise.all(stores.map((s) => s.close()));
  });

  it('counts sign-in failures made through two processes at once, every one of them', async () => {
    const url = await server.createDatabase();
    const [a, b] = (await Promise.all([1, 2].map(() => openPostgresStorage({ connectionString: url, poolSize: 4 })))) as [Storage, Storage];
    const policy = { maxFailures: 5, windowMs: 900_000, lockMs: 60_000, maxLockMs: 3_600_000 };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).recordThrottleFailure('account', 'admin', 1000, policy)));
    // Failures 5 to 12 each locked: 8 strikes; the last lock 60 s × 2^7, capped at an hour.
    expect(await b.throttleEntry('account', 'admin')).toEqual({ failures: [1000, 1000, 1000, 1000, 1000], lockedUntil: 3_601_000, strikes: 8 });
    await Promise.all([a.close(), b.close()]);
  });

  it('lets exactly the limits of sign-in attempts made through two processes at once past the lock-outs, counting every one', async () => {
    const url = await server.createDatabase();
    const [a, b] = (await Promise.all([1, 2].map(() => openPostgresStorage({ connectionString: url, poolSize: 4 })))) as [Storage, Storage];
    const policy = {
      perAddress: { maxFailures: 5, windowMs: 900_000, lockMs: 60_000, maxLockMs: 3_600_000 },
      perAccount: { maxFailures: 20, windowMs: 900_000, lockMs: 60_000, maxLockMs: 900_000 },
    };
    const waits = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).reserveSignIn('admin', '10.0.0.1', 1000, policy)));
    // Five reserved; the fifth locked the address for a minute, so the other seven wait 60 s and are not counted.
    expect([...waits].sort((x, y) => x - y)).toEqual([0, 0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(await a.throttleEntry('account-address', signInPairKey('admin', '10.0.0.1'))).toEqual({ failures: [1000, 1000, 1000, 1000, 1000], lockedUntil: 61_000, strikes: 1 });
    // Thirty more at once from thirty clean addresses, mixed with the locked one: each clean one goes through once.
    const spread = await Promise.all(Array.from({ length: 31 }, (_, i) => (i % 2 === 0 ? a : b).reserveSignIn('admin', i === 30 ? '10.0.0.1' : `10.1.0.${i}`, 1000, policy)));
    expect(spread.filter((w) => w === 0)).toHaveLength(30);
    // All 35 counted into the account: failures 20 to 35 each locked it, 16 strikes, the last lock capped at 15 minutes.
    expect(await b.throttleEntry('account', 'admin')).toEqual({ failures: Array.from({ length: 20 }, () => 1000), lockedUntil: 901_000, strikes: 16 });
    await Promise.all([a.close(), b.close()]);
  });

  it('gives each case number once, and lets exactly one of two writers move a case', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([openPostgresStorage({ connectionString: url, poolSize: 4 }), openPostgresStorage({ connectionString: url, poolSize: 4 })]) as [Storage, Storage];
    const numbers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a : b).nextInSequence('case:20261127')));
    expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));

    const opened = openCase(report, 'C20261127-0001', { userId: 'u', role: 'duty_officer' }, 1000, rules);
    await a.insertCase(opened.case, opened.transition);
    const change = (by: string) => ({
      case: { ...opened.case, version: 2, state: 'registered' as const, updatedAt: 2000, title: by },
      expectedVersion: 1,
      transitions: [{ ...opened.transition, seq: 2, action: 'register' as const, from: 'reported' as const, to: 'registered' as const, at: 2000 }],
    });
    const outcomes = await Promise.allSettled([a.updateCases([change('a')]), b.updateCases([change('b')])]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CaseConflict);
    const winner = outcomes[0]!.status === 'fulfilled' ? 'a' : 'b';
    expect((await b.caseById(opened.case.id))!.title).toBe(winner);
    expect((await a.caseHistory(opened.case.id)).map((t) => t.seq)).toEqual([1, 2]);
    // What one process writes, the other reads at once: nothing is cached.
    await a.putSetting('mode', 'war');
    expect(await b.getSetting('mode')).toBe('war');
    await Promise.all([a.close(), b.close()]);
  });
});
