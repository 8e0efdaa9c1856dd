import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, startHeartbeat } from './retry.ts';

describe('backoffDelay', () => {
  it('doubles from 500 ms with half of it random, and stays under 30 s forever', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, () => 1))).toEqual([500, 1000, 2000, 4000]);
    // 500 · 2^5 = 16 000: 8 000 fixed + half of 8 000 random.
    expect(backoffDelay(5, () => 0.5)).toBe(12_000);
    // 500 · 2^6 = 32 000 is capped to 30 000.
    expect(backoffDelay(6, () => 0.5)).toBe(22_500);
    expect(backoffDelay(7, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, () => 0)).toBe(15_000);
  });
});

describe('heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings on every interval and stays alive while pongs come back', () => {
    const sent: number[] = [];
    let dead = 0;
    const hb = startHeartbeat((id) => sent.push(id), () => dead++, 5000, 10_000);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(5000);
      hb.pong(sent.at(-1)!);
    }
    expect(sent).toEqual([0, 1, 2, 3, 4]);
    expect(dead).toBe(0);
    hb.stop();
  });

  it('declares the connection dead once when no pong arrives in time', () => {
    const sent: number[] = [];
    let dead = 0;
    startHeartbeat((id) => sent.push(id), () => dead++, 5000, 8000);
    vi.advanceTimersByTime(5000); // ping 0 sent, no answer
    vi.advanceTimersByTime(7999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(dead).toBe(1);
    expect(sent).toEqual([0, 1]);
  });

  it('does not count a late pong for an older ping as an answer to the latest', () => {
    const sent: number[] = [];
    let dead = 0;
    const hb = startHeartbeat((id) => sent.push(id), () => dead++, 5000, 12_000);
    vi.advanceTimersByTime(10_000); // pings 0 and 1
    hb.pong(0);
    // Still due 12 s after the unanswered ping 0, at 17 000.
    vi.advanceTimersByTime(6999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
  });
});
