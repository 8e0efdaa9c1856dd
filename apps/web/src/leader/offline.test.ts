import { describe, expect, it } from 'vitest';
import type { Topic, TopicEntries } from '@cw/contracts';
import { decodeSnapshot, encodeSnapshot } from './offline.ts';

const reading = { value: 42, status: 'normal', asOf: 1000 } as unknown as TopicEntries[string];
const topics: Topic[] = ['vitals:city', 'cases'];

describe('live snapshot', () => {
  it('keeps only the screen’s topics and reads back what it wrote', () => {
    const text = encodeSnapshot({ savedAt: 1234, topics: { 'vitals:city': { 'env.aqi': reading }, feed: { x: reading } } }, topics);
    expect(decodeSnapshot(text, topics)).toEqual({ savedAt: 1234, topics: { 'vitals:city': { 'env.aqi': reading } } });
  });

  it('refuses anything unreadable, of another version or without the screen’s topics', () => {
    expect(decodeSnapshot(null, topics)).toBeNull();
    expect(decodeSnapshot('{"v":1,', topics)).toBeNull();
    expect(decodeSnapshot(JSON.stringify({ v: 2, savedAt: 1, topics: { cases: {} } }), topics)).toBeNull();
    expect(decodeSnapshot(JSON.stringify({ v: 1, savedAt: 'x', topics: { cases: {} } }), topics)).toBeNull();
    expect(decodeSnapshot(JSON.stringify({ v: 1, savedAt: 1, topics: { feed: {} } }), topics)).toBeNull();
    expect(decodeSnapshot(JSON.stringify({ v: 1, savedAt: 1, topics: { cases: [] } }), topics)).toBeNull();
  });
});
