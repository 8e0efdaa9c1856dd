import { describe, expect, it } from 'vitest';
import { EventBudget, SourceHealthBook } from './source-health.ts';

const T0 = Date.UTC(2026, 10, 27, 2, 0, 0); // a minute boundary

describe('SourceHealthBook', () => {
  it('counts the last full minute, the refusal rate over five minutes, and the last event', () => {
    const book = new SourceHealthBook(T0);
    book.record('s', T0 + 10_000, 30, 10);
    book.record('s', T0 + 50_000, 20, 0);
    book.record('s', T0 + 70_000, 5, 15);
    // At 2:01:30 the last full minute is 2:00 (50 accepted); over the window 55 accepted, 25 refused.
    expect(book.health('s', 60, T0 + 90_000)).toEqual({ lastEventAt: T0 + 70_000, eventsPerMinute: 50, refusalRate: 0.313, stale: false });
    // Six minutes on, everything has aged out and the source is past its 60 s interval.
    expect(book.health('s', 60, T0 + 6 * 60_000 + 80_000)).toEqual({ lastEventAt: T0 + 70_000, eventsPerMinute: 0, refusalRate: 0, stale: true });
    // With no expected interval a source is never stale.
    expect(book.health('s', null, T0 + 3_600_000).stale).toBe(false);
  });

  it('judges a source that never sent from its registration, or else from the server start', () => {
    const book = new SourceHealthBook(T0);
    book.registered('late', T0 + 600_000);
    expect(book.health('late', 300, T0 + 800_000)).toEqual({ lastEventAt: null, eventsPerMinute: 0, refusalRate: 0, stale: false });
    expect(book.health('late', 300, T0 + 900_001).stale).toBe(true);
    expect(book.health('old', 300, T0 + 300_001).stale).toBe(true);
    // Only refused lines: still silent.
    book.record('bad', T0 + 10_000, 0, 4);
    expect(book.health('bad', 60, T0 + 70_001)).toMatchObject({ lastEventAt: null, refusalRate: 1, stale: true });
  });
});

describe('EventBudget', () => {
  it('lets a source in while it is not in debt, and makes it wait out its debt', () => {
    const b = new EventBudget();
    expect(b.waitMs('s', 1000, 0)).toBe(0);
    b.charge('s', 1000, 3000, 0); // 1000 tokens − 3000 = 2000 in debt: 2 s at 1000/s
    expect(b.waitMs('s', 1000, 0)).toBe(2000);
    expect(b.waitMs('s', 1000, 1500)).toBe(500);
    expect(b.waitMs('s', 1000, 2000)).toBe(0);
    expect(b.waitMs('other', 1000, 0)).toBe(0);
  });
});
