import { describe, expect, it } from 'vitest';
import type { VitalReading } from '@cw/contracts';
import { TopicRegistry } from './topics.ts';

const reading = (value: number, asOf: number): VitalReading => ({ value, status: 'normal', asOf });
const figure = (r: VitalReading) => new Map([['env.aqi', r]]);

describe('TopicRegistry', () => {
  it('re-sends an unchanged reading only when its asOf enters a new 10 s step', () => {
    const topics = new TopicRegistry('e1', ['430502'], 100);
    // 12:00:00.000 local is a whole number of 10 s steps since the epoch.
    const t0 = Date.UTC(2026, 11, 6, 4);
    expect(topics.publish('vitals:430502', figure(reading(50, t0)))!.seq).toBe(1);
    // asOf moved by 9.999 s, value and status unchanged: nothing travels.
    expect(topics.publish('vitals:430502', figure(reading(50, t0 + 9_999)))).toBeNull();
    // 10 s after t0: a new step, so the figure's freshness travels, with its real asOf.
    expect(topics.publish('vitals:430502', figure(reading(50, t0 + 10_000)))?.put).toEqual({ 'env.aqi': reading(50, t0 + 10_000) });
    // A changed value always travels, whatever its asOf.
    expect(topics.publish('vitals:430502', figure(reading(51, t0 + 10_001)))?.put).toEqual({ 'env.aqi': reading(51, t0 + 10_001) });
  });

  it('serializes a snapshot once per position and again after a change', () => {
    const topics = new TopicRegistry('e1', [], 100);
    const log = topics.get('vitals:city')!;
    const first = topics.snapshotText(log);
    expect(topics.snapshotText(log)).toBe(first);
    expect(JSON.parse(first)).toEqual({ topic: 'vitals:city', epoch: 'e1', seq: 0, entries: {} });
    topics.publish('vitals:city', figure(reading(7, 1000)));
    expect(JSON.parse(topics.snapshotText(log))).toEqual({ topic: 'vitals:city', epoch: 'e1', seq: 1, entries: { 'env.aqi': reading(7, 1000) } });
  });
});
