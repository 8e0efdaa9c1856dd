import { describe, expect, it } from 'vitest';
import type { VitalReading } from '@cw/contracts';
import { TopicLog } from './topic-log.ts';
import { TopicReplica } from './replica.ts';
import { packDelta, parseSnapshot, parseSyncReply, unpackDeltas } from './wire.ts';

const r = (value: number): VitalReading => ({ value, status: 'normal', asOf: 1 });
const same = (a: VitalReading, b: VitalReading) => a.value === b.value && a.status === b.status && a.asOf === b.asOf;
const log = (max = 600) => new TopicLog<VitalReading>('vitals:city', 'e1', same, max);

describe('TopicLog', () => {
  it('numbers changes consecutively and skips changes that change nothing', () => {
    const t = log();
    expect(t.apply(new Map([['a', r(1)]]))!.seq).toBe(1);
    expect(t.apply(new Map([['a', r(1)]]))).toBeNull();
    const d = t.apply(new Map([['a', r(1)], ['b', r(2)]]))!;
    expect(d.seq).toBe(2);
    expect(d.put).toEqual({ b: r(2) });
    expect(t.apply(new Map(), ['zzz'])).toBeNull();
    expect(t.apply(new Map(), ['a'])).toMatchObject({ seq: 3, put: {}, remove: ['a'] });
    expect(t.snapshot()).toEqual({ topic: 'vitals:city', epoch: 'e1', seq: 3, entries: { b: r(2) } });
  });

  it('hands out the missed deltas, or null when a snapshot is needed', () => {
    const t = log(3);
    for (let i = 1; i <= 5; i++) t.apply(new Map([['a', r(i)]]));
    expect(t.deltasSince({ epoch: 'e1', seq: 5 })).toEqual([]);
    expect(t.deltasSince({ epoch: 'e1', seq: 3 })!.map((d) => d.seq)).toEqual([4, 5]);
    expect(t.deltasSince({ epoch: 'e1', seq: 2 })!.map((d) => d.seq)).toEqual([3, 4, 5]);
    expect(t.deltasSince({ epoch: 'e1', seq: 1 })).toBeNull(); // seq 2 fell off the log
    expect(t.deltasSince({ epoch: 'e0', seq: 5 })).toBeNull(); // another server life
    expect(t.deltasSince({ epoch: 'e1', seq: 9 })).toBeNull(); // ahead of us: cannot be ours
  });
});

describe('TopicReplica', () => {
  it('applies a snapshot then consecutive deltas, and ends equal to the server', () => {
    const t = log();
    t.apply(new Map([['a', r(1)]]));
    const rep = new TopicReplica();
    rep.applySnapshot(t.snapshot());
    const d2 = t.apply(new Map([['b', r(2)]]))!;
    const d3 = t.apply(new Map([['a', r(3)]]), ['b'])!;
    expect(rep.applyDelta(d2)).toBe('applied');
    expect(rep.applyDelta(d2)).toBe('duplicate');
    expect(rep.applyDelta(d3)).toBe('applied');
    expect(rep.entries).toEqual(t.snapshot().entries);
    expect(rep.position).toEqual({ epoch: 'e1', seq: 3 });
  });

  it('reports a gap on a skipped seq or a new epoch, and changes nothing', () => {
    const t = log();
    const rep = new TopicReplica();
    rep.applySnapshot(t.snapshot());
    t.apply(new Map([['a', r(1)]]));
    const d2 = t.apply(new Map([['a', r(2)]]))!;
    expect(rep.applyDelta(d2)).toBe('gap');
    expect(rep.entries).toEqual({});
    expect(rep.applyDelta({ ...d2, epoch: 'e2', seq: 1 })).toBe('gap');
    expect(new TopicReplica().applyDelta(d2)).toBe('gap');
  });
});

describe('wire encoding', () => {
  it('packs a delta without its epoch and an empty remove, and unpacks it whole', () => {
    const d = { topic: 'vitals:city' as const, epoch: 'e1', seq: 4, put: { a: r(1) }, remove: [] };
    // A reading as [value, status index, asOf]: 'normal' is STATUSES[0].
    expect(packDelta(d)).toEqual(['vitals:city', 4, { a: [1, 0, 1] }]);
    expect(packDelta({ ...d, remove: ['b'] })).toEqual(['vitals:city', 4, { a: [1, 0, 1] }, ['b']]);
    // Detail rides as a fourth item; 'nodata' is STATUSES[3].
    const detailed: VitalReading = { value: null, status: 'nodata', asOf: null, sample: 0, parts: { x: null } };
    expect(packDelta({ ...d, put: { a: detailed } })).toEqual(['vitals:city', 4, { a: [null, 3, null, { sample: 0, parts: { x: null } }] }]);
    expect(unpackDeltas({ epoch: 'e1', deltas: [packDelta({ ...d, put: { a: detailed } })] })[0]!.put).toEqual({ a: detailed });
    // Other topics keep their entries as they are.
    const alerts = { topic: 'alerts' as const, epoch: 'e1', seq: 2, put: { x: { id: 'x' } as never }, remove: [] };
    expect(packDelta(alerts)).toEqual(['alerts', 2, { x: { id: 'x' } }]);
    expect(unpackDeltas({ epoch: 'e1', deltas: [packDelta(d), packDelta({ ...d, seq: 5, remove: ['b'] })] })).toEqual([d, { ...d, seq: 5, remove: ['b'] }]);
  });
  it('skips what is not a delta and reads a snapshot only from a whole one', () => {
    expect(unpackDeltas({ epoch: 'e1', deltas: [['alerts', 'x', {}], ['alerts', 1, null], ['vitals:city', 1, { a: [1, 9, 1] }]] as never })).toEqual([]);
    expect(parseSnapshot('{"topic":"alerts","epoch":"e1","seq":2,"entries":{}}')).toEqual({ topic: 'alerts', epoch: 'e1', seq: 2, entries: {} });
    expect(parseSnapshot('{"topic":"alerts"}')).toBeNull();
    expect(parseSnapshot('not json')).toBeNull();
  });
});

describe('parseSyncReply', () => {
  it('reads snapshots, packed deltas and current positions', () => {
    const text =
      '{"epoch":"e1","snapshots":[{"topic":"alerts","epoch":"e1","seq":3,"entries":{}}],' +
      '"deltas":[["vitals:city",5,{"env.aqi":[42,1,1000]}],["vitals:city",6,{},["env.aqi"]]],"current":[["feed",9]]}';
    expect(parseSyncReply(text)).toEqual({
      epoch: 'e1',
      snapshots: [{ topic: 'alerts', epoch: 'e1', seq: 3, entries: {} }],
      deltas: [
        { topic: 'vitals:city', epoch: 'e1', seq: 5, put: { 'env.aqi': { value: 42, status: 'warning', asOf: 1000 } }, remove: [] },
        { topic: 'vitals:city', epoch: 'e1', seq: 6, put: {}, remove: ['env.aqi'] },
      ],
      current: [{ topic: 'feed', seq: 9 }],
    });
  });

  it('refuses text that is not a reply', () => {
    for (const text of ['', 'nope', '{"epoch":"e1","snapshots":[],"deltas":[]}', '{"epoch":"e1","snapshots":[{"topic":"feed"}],"deltas":[],"current":[]}', '{"epoch":"e1","snapshots":[],"deltas":[],"current":[["feed","9"]]}']) {
      expect(parseSyncReply(text)).toBeNull();
    }
  });
});
