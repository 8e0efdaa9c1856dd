import { describe, expect, it } from 'vitest';
import { PgGroupCommit } from './pg-group-commit.ts';

/** A write that takes a while (a round trip) and records each statement's items; `bad` items make it fail. */
function slowWrites() {
  const statements: string[][] = [];
  const stored: string[] = [];
  let release: (() => void) | null = null;
  const write = async (items: readonly string[]) => {
    await new Promise<void>((r) => (release = r));
    statements.push([...items]);
    if (items.includes('bad')) throw new Error('refused');
    stored.push(...items);
  };
  const finishOne = async () => {
    while (release === null) await new Promise((r) => setImmediate(r));
    const r = release as () => void;
    release = null;
    r();
  };
  return { write, statements, stored, finishOne };
}

describe('PgGroupCommit', () => {
  it('writes what is added in one turn in one statement, what comes meanwhile in the next, and answers each after its own', async () => {
    const w = slowWrites();
    const group = new PgGroupCommit<string>(w.write);
    const answered: string[] = [];
    const first = ['a', 'b', 'c'].map((v) => group.add(v).then(() => answered.push(v)));
    await w.finishOne();
    // Added while the first statement was out: they wait for it, then go together.
    const second = ['d', 'e'].map((v) => group.add(v).then(() => answered.push(v)));
    await Promise.all(first);
    expect(answered).toEqual(['a', 'b', 'c']);
    await w.finishOne();
    await Promise.all(second);
    expect(w.statements).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(w.stored).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('when a group fails, writes its entries one by one: only the failing one is refused', async () => {
    const w = slowWrites();
    const group = new PgGroupCommit<string>(w.write);
    const results = Promise.allSettled(['a', 'bad', 'c'].map((v) => group.add(v)));
    for (let i = 0; i < 4; i++) await w.finishOne();
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(w.statements).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(w.stored).toEqual(['a', 'c']);
  });

  it('settles: everything added before is written', async () => {
    const w = slowWrites();
    const group = new PgGroupCommit<string>(w.write);
    void group.add('a');
    void group.add('b');
    const settled = group.settled();
    await w.finishOne();
    await settled;
    expect(w.stored).toEqual(['a', 'b']);
  });
});
