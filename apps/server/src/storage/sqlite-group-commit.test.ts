import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../testing/harness.ts';
import { openSqliteStorage } from './sqlite.ts';
import { GroupCommit } from './sqlite-group-commit.ts';

/** A database whose transactions are counted (each is one commit: one fsync with synchronous=FULL). */
function counted() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (v TEXT NOT NULL); CREATE TABLE other (v TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all() as string[];
  let commits = 0;
  const countingDb = {
    transaction: (fn: (...a: never[]) => unknown) => {
      const tx = db.transaction(fn);
      return (...a: never[]) => {
        commits++;
        return tx(...a);
      };
    },
  } as unknown as Database.Database;
  const group = new GroupCommit<string>(countingDb, (v) => insert.run(v));
  return { db, group, rows, commits: () => commits };
}

describe('GroupCommit', () => {
  it('commits what concurrent callers add in one turn in one transaction, and answers each only after it', async () => {
    const { group, rows, commits } = counted();
    const answered: string[] = [];
    const all = ['a', 'b', 'c', 'd'].map((v) =>
      group.add(v).then(() => {
        // Told only once its row is committed (and every row of its group with it).
        expect(rows()).toEqual(['a', 'b', 'c', 'd']);
        answered.push(v);
      }),
    );
    expect(rows()).toEqual([]);
    await Promise.all(all);
    expect(answered).toEqual(['a', 'b', 'c', 'd']);
    expect(commits()).toBe(1);
    // A later turn is a later group.
    await Promise.all([group.add('e'), group.add('f')]);
    expect(commits()).toBe(2);
    expect(rows()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('rides in another transaction that commits first; when that one fails, commits on its own', async () => {
    const { db, group, rows, commits } = counted();
    const insertOther = db.prepare('INSERT INTO other (v) VALUES (?)');
    const a = group.add('a');
    let settle!: (committed: boolean) => void;
    db.transaction(() => {
      insertOther.run('x');
      settle = group.join();
    })();
    settle(true);
    await a;
    expect(rows()).toEqual(['a']);
    // Nothing was left for a transaction of its own.
    await new Promise((r) => setImmediate(r));
    expect(commits()).toBe(0);

    const b = group.add('b');
    expect(() =>
      db.transaction(() => {
        settle = group.join();
        throw new Error('the other write failed');
      })(),
    ).toThrow('the other write failed');
    settle(false);
    // Rolled back with it, then written again on its own.
    expect(rows()).toEqual(['a']);
    await b;
    expect(rows()).toEqual(['a', 'b']);
    expect(commits()).toBe(1);
  });

  it('tells every caller of a failed transaction', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const group = new GroupCommit<string | null>(db, (v) => insert.run(v));
    const results = await Promise.allSettled([group.add('a'), group.add(null)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(0);
  });
});

describe('the SQLite store under a crash', () => {
  it('keeps every audit entry and journal batch it acknowledged before the process was killed', async () => {
    const dir = tempDataDir();
    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), '../testing/audit-crash-child.ts');
    // Killed on its 40th acknowledgement: one of the entries committed in a transaction of their own (were it
    // acknowledged before that commit, the kill would come first and the entry be missing).
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dir, '40'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBe('SIGKILL');
    const acked = run.stdout.trim().split('\n');
    expect(acked).toHaveLength(40);
    const storage = openSqliteStorage(dir);
    const audit = new Set((await storage.listAudit(1000)).map((e) => `audit ${e.action}`));
    const events = new Set((await storage.eventsSince(0)).map((e) => `event ${e.id}`));
    for (const a of acked) expect(audit.has(a) || events.has(a), a).toBe(true);
    // Three whole rounds (ten entries and a batch each); in the fourth, the five entries that rode in its batch's
    // transaction, the batch, and the first of the five committed on their own just after.
    expect(acked.slice(33)).toEqual(['audit a3-0', 'audit a3-1', 'audit a3-2', 'audit a3-3', 'audit a3-4', 'event e3', 'audit a3-5']);
    await storage.close();
  }, 90_000);
});
