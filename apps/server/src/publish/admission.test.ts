import { describe, expect, it } from 'vitest';
import { Admission } from './admission.ts';

describe('Admission', () => {
  it('lets handshakes through in arrival order, at most perTurn per turn, and never drops one', async () => {
    const turns: (() => void)[] = [];
    const gate = new Admission(2, (run) => turns.push(run));
    const admitted: number[] = [];
    for (let i = 0; i < 5; i++) void gate.enter().then(() => admitted.push(i));
    expect(gate.waiting).toBe(5);
    // One turn scheduled at a time, however many arrive.
    expect(turns).toHaveLength(1);
    const runTurn = async () => {
      turns.shift()!();
      await Promise.resolve();
    };
    await runTurn();
    expect(admitted).toEqual([0, 1]);
    await runTurn();
    expect(admitted).toEqual([0, 1, 2, 3]);
    await runTurn();
    expect(admitted).toEqual([0, 1, 2, 3, 4]);
    expect(turns).toHaveLength(0);
    expect(gate.waiting).toBe(0);
  });
});
