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

  it('counts anything from the server, a late pong for an older ping included, as proof of life', () => {
    const sent: number[] = [];
    let dead = 0;
    const hb = startHeartbeat((id) => sent.push(id), () => dead++, 5000, 12_000);
    vi.advanceTimersByTime(10_000); // pings 0 (at 5 000, due by 17 000) and 1
    hb.pong(0); // at 10 000: clears the deadline
    // Ping 2 at 15 000 sets a new one, due by 27 000 (ping 3 follows at 20 000); a delta
    // heard at 20 000 clears it, and makes the ping of 25 000 needless.
    vi.advanceTimersByTime(10_000);
    hb.heard();
    // Ping 4 at 30 000 sets one due by 42 000: silence from then on (pings 5 and 6 unanswered).
    vi.advanceTimersByTime(21_999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('sends no ping while the server keeps talking, and pings once it falls silent', () => {
    const sent: number[] = [];
    let dead = 0;
    const hb = startHeartbeat((id) => sent.push(id), () => dead++, 5000, 10_000);
    // A tick's deltas every second for 20 s: every beat finds the server heard since the last.
    for (let s = 0; s < 20; s++) {
      vi.advanceTimersByTime(1000);
      hb.heard();
    }
    expect(sent).toEqual([]);
    // Silent from 20 000: the beat of 25 000 still counts the delta of 20 000, the beat of
    // 30 000 pings (due by 40 000), unanswered.
    vi.advanceTimersByTime(9999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([0]);
    vi.advanceTimersByTime(9999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
    hb.stop();
  });

  it('waits once more when its deadline fires late (its own event loop was stalled)', () => {
    let dead = 0;
    // A clock 3 s ahead of the timers once the first deadline is set: that deadline fires
    // 3 000 ms late by this clock (over the 1 000 ms allowed) and is set again.
    let skew = 0;
    startHeartbeat(() => {}, () => dead++, 5000, 8000, () => Date.now() + skew);
    vi.advanceTimersByTime(5000); // ping 0, due by 13 000
    skew = 3000;
    vi.advanceTimersByTime(8000); // fires at 13 000, read as 16 000: late, set again, due by 24 000 as read (21 000 on the timers)
    expect(dead).toBe(0);
    skew = 3000; // no new stall: the second deadline fires on time by the same clock
    vi.advanceTimersByTime(7999);
    expect(dead).toBe(0);
    vi.advanceTimersByTime(1);
    expect(dead).toBe(1);
  });
});
