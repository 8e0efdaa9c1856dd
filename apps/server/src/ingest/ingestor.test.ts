import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.ts';
import { Serial } from '../serial.ts';
import { createMemoryStorage } from '../storage/memory.ts';
import { SQLITE_FILE, openSqliteStorage } from '../storage/sqlite.ts';
import { airReading, tempDataDir } from '../testing/harness.ts';
import { testIngestor } from '../testing/ingestor-fixture.ts';
import { IngestRefused, type IngestSource } from './ingestor.ts';

const source = (id: string): IngestSource => ({ id, kinds: null, maxEventsPerSec: null });
const lines = (events: ReturnType<typeof airReading>[]) => events.map((event, i) => ({ line: i + 1, event }));

describe('Ingestor group commit', () => {
  it('journals submissions made at once in one transaction, each judged and answered on its own', async () => {
    const dir = tempDataDir();
    const storage = openSqliteStorage(dir);
    const ingestor = testIngestor(storage, new Serial(), systemClock());
    const now = Date.now();
    const five = (first = 0) => Array.from({ length: 5 }, (_, i) => airReading('430502', now, 30, `e${first + i}`));
    // 30 sources send e0…e4 each (ids are per source: all new); src-1 sends e1…e5 again at the same time.
    const many = Array.from({ length: 30 }, (_, s) => ingestor.submitLines(source(`src-${s}`), lines(five())));
    const again = ingestor.submitLines(source('src-1'), lines(five(1)));
    const mixed = ingestor.submitLines(source('src-x'), lines([airReading('430502', now, 30, 'm1'), airReading('999999', now, 30, 'm2'), airReading('430503', now, 30, 'm3')]));
    const wholeBad = ingestor.submit([airReading('430502', now, 30, 'w1'), airReading('999999', now, 30, 'w2')], source('src-y'));
    const whole = ingestor.submit([airReading('430502', now, 30), airReading('430503', now, 30)]);

    for (const r of await Promise.all(many)) expect(r).toEqual({ accepted: 5, duplicates: 0, refused: [] });
    expect(await again).toEqual({ accepted: 1, duplicates: 4, refused: [] });
    expect(await mixed).toEqual({ accepted: 2, duplicates: 0, refused: [{ line: 2, reason: 'unknown division "999999"' }] });
    await expect(wholeBad).rejects.toBeInstanceOf(IngestRefused);
    expect(await whole).toEqual({ accepted: 2, duplicates: 0 });

    // 150 + 1 + 2 + 2 events; none of the refused batch.
    expect(await storage.eventsSince(0)).toHaveLength(155);
    const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    const chunks = db.prepare('SELECT COUNT(*) FROM event_chunks').pluck();
    // One transaction holds every submission of the group: one chunk, one commit.
    expect(chunks.get()).toBe(1);
    expect(await ingestor.submitLines(source('src-1'), lines([airReading('430502', now, 30, 'later')]))).toEqual({ accepted: 1, duplicates: 0, refused: [] });
    expect(chunks.get()).toBe(2);
    db.close();
    await storage.close();
  });

  it('groups up to 4,096 events (a submission larger alone), the rest in the next group', async () => {
    const ingestor = testIngestor(createMemoryStorage(), new Serial(), systemClock());
    const groups: number[] = [];
    ingestor.onGroup((n) => groups.push(n));
    const now = Date.now();
    const many = (n: number, prefix: string) => lines(Array.from({ length: n }, (_, i) => airReading('430502', now, 30, `${prefix}${i}`)));
    const results = await Promise.all([ingestor.submitLines(source('a'), many(3000, 'a')), ingestor.submitLines(source('b'), many(2000, 'b')), ingestor.submitLines(source('c'), many(50, 'c'))]);
    expect(results.map((r) => r.accepted)).toEqual([3000, 2000, 50]);
    // 3,000 + 2,000 would pass 4,096: the first alone, then the other two together.
    expect(groups).toEqual([1, 2]);
  });

  it('when the shared transaction fails, journals each submission alone, so one failure is not the others’', async () => {
    const memory = createMemoryStorage();
    let calls = 0;
    const storage = {
      ...memory,
      appendEventBatches: (batches: Parameters<typeof memory.appendEventBatches>[0]) => {
        calls++;
        if (batches.some((b) => b.events.some((e) => e.id === 'poison'))) return Promise.reject(new Error('disk says no'));
        return memory.appendEventBatches(batches);
      },
    };
    const ingestor = testIngestor(storage, new Serial(), systemClock());
    const now = Date.now();
    const results = await Promise.allSettled([
      ingestor.submitLines(source('a'), lines([airReading('430502', now, 30, 'a1')])),
      ingestor.submitLines(source('b'), lines([airReading('430502', now, 30, 'poison')])),
      ingestor.submit([airReading('430502', now, 30, 'c1')], source('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The group once, then each alone.
    expect(calls).toBe(4);
    expect((await memory.eventsSince(0)).map((e) => e.id).sort()).toEqual(['a1', 'c1']);
  });
});

describe('the ingest journal under a crash', () => {
  it('keeps every submission acknowledged before the process was killed, and its groups shared commits', () => {
    const dir = tempDataDir();
    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), '../testing/ingest-crash-child.ts');
    // Rounds of 20 submissions from 20 sources; killed on the 50th acknowledgement, the middle of the third round.
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dir, '50'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBe('SIGKILL');
    const acked = run.stdout.trim().split('\n');
    expect(acked).toHaveLength(50);
    const db = new Database(path.join(dir, SQLITE_FILE), { readonly: true });
    const keys = new Set((db.prepare('SELECT s.source || \' \' || k.id FROM event_keys k JOIN journal_sources s ON s.no = k.src').pluck().all() as string[]));
    for (const a of acked) {
      const [src, round, accepted] = a.split(' ');
      expect(accepted).toBe('5');
      for (let i = 0; i < 5; i++) expect(keys.has(`${src} ${round}-${i}`), `${src} ${round}-${i}`).toBe(true);
    }
    // 50 acknowledged submissions in fewer commits than submissions: at most one chunk per round begun.
    expect(db.prepare('SELECT COUNT(*) FROM event_chunks').pluck().get()).toBeLessThanOrEqual(3);
    db.close();
  }, 90_000);
});
