import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, RollupEngine, type ClosedWindow } from './engine.ts';
import { mean } from './aggregate.ts';

const SHANGHAI = 8 * HOUR;
// 2026-11-27 00:00 in Shanghai is 2026-11-26 16:00 UTC.
const MIDNIGHT = Date.UTC(2026, 10, 26, 16, 0, 0);

function engine(latenessMs = 30_000) {
  return new RollupEngine({
    windows: [
      { id: '1m', sizeMs: MINUTE, retain: 120 },
      { id: '1h', sizeMs: HOUR, retain: 48 },
      { id: '1d', sizeMs: DAY, retain: 3 },
    ],
    utcOffsetMs: SHANGHAI,
    allowedLatenessMs: latenessMs,
  });
}

const T = (h: number, m: number, s = 0, ms = 0) => MIDNIGHT + h * HOUR + m * MINUTE + s * 1000 + ms;

describe('RollupEngine', () => {
  it('computes count, sum, mean, min, max and latest per window, per scope', () => {
    const e = engine();
    e.add('air.pm25', ['430502', 'city'], T(9, 0, 10), 30);
    e.add('air.pm25', ['430502', 'city'], T(9, 0, 50), 50);
    e.add('air.pm25', ['430503', 'city'], T(9, 0, 20), 70);
    const d = e.get('1m', 'air.pm25', '430502', T(9, 0))!;
    expect(d).toEqual({ count: 2, sum: 80, min: 30, max: 50, last: 50, lastTs: T(9, 0, 50) });
    const c = e.get('1m', 'air.pm25', 'city', T(9, 0))!;
    // 30 + 50 + 70 = 150 over 3 readings; the newest is the 50 at 09:00:50.
    expect(c).toEqual({ count: 3, sum: 150, min: 30, max: 70, last: 50, lastTs: T(9, 0, 50) });
    expect(mean(c)).toBe(50);
  });

  it('puts an event at exactly a window boundary into the window that starts there', () => {
    const e = engine();
    e.add('s', ['x'], T(9, 59, 59, 999), 1);
    e.add('s', ['x'], T(10, 0, 0, 0), 2);
    expect(e.get('1m', 's', 'x', T(9, 59))!.sum).toBe(1);
    expect(e.get('1m', 's', 'x', T(10, 0))!.sum).toBe(2);
    expect(e.get('1h', 's', 'x', T(9, 0))!.sum).toBe(1);
    expect(e.get('1h', 's', 'x', T(10, 0))!.sum).toBe(2);
  });

  it('aligns day windows to local midnight, not UTC midnight', () => {
    const e = engine();
    e.add('s', ['x'], MIDNIGHT - 1, 5); // 23:59:59.999 on the 26th, local
    e.add('s', ['x'], MIDNIGHT, 7); // 00:00 on the 27th, local (16:00 UTC)
    expect(e.get('1d', 's', 'x', MIDNIGHT - DAY)!.sum).toBe(5);
    expect(e.get('1d', 's', 'x', MIDNIGHT)!.sum).toBe(7);
  });

  it('closes windows only after the allowed lateness and accepts late events until then', () => {
    const e = engine(30_000);
    e.add('s', ['x'], T(9, 0, 40), 10);
    expect(e.advance(T(9, 1, 20))).toEqual([]); // 09:00 window still open until 09:01:30
    expect(e.add('s', ['x'], T(9, 0, 5), 20)).toBe(true); // late but within the allowance
    const closed = e.advance(T(9, 1, 30));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ window: '1m', series: 's', scope: 'x', start: T(9, 0) });
    // Latest is by event time, not arrival: the 10 at 09:00:40 stays the latest.
    expect(closed[0]!.agg).toEqual({ count: 2, sum: 30, min: 10, max: 20, last: 10, lastTs: T(9, 0, 40) });
    // Too late now: refused, nothing changes.
    expect(e.add('s', ['x'], T(9, 0, 59), 99)).toBe(false);
    expect(e.get('1m', 's', 'x', T(9, 0))!.sum).toBe(30);
    expect(e.get('1h', 's', 'x', T(9, 0))!.sum).toBe(30);
  });

  it('lands out-of-order events in their own windows', () => {
    const e = engine(120_000);
    e.add('s', ['x'], T(9, 2, 0), 3);
    e.add('s', ['x'], T(9, 0, 30), 1);
    e.add('s', ['x'], T(9, 1, 30), 2);
    expect(e.get('1m', 's', 'x', T(9, 0))!.sum).toBe(1);
    expect(e.get('1m', 's', 'x', T(9, 1))!.sum).toBe(2);
    expect(e.get('1m', 's', 'x', T(9, 2))!.sum).toBe(3);
    const closed = e.advance(T(9, 4, 0)); // watermark 09:02:00 closes 09:00 and 09:01
    expect(closed.filter((w) => w.window === '1m').map((w) => w.start)).toEqual([T(9, 0), T(9, 1)]);
  });

  it('closes hour and day windows at their ends', () => {
    const e = engine(0);
    e.add('s', ['x'], T(23, 59, 0), 4);
    const closed = e.advance(MIDNIGHT + DAY);
    expect(closed.map((w) => w.window).sort()).toEqual(['1d', '1h', '1m']);
    expect(closed.find((w) => w.window === '1d')!.start).toBe(MIDNIGHT);
  });

  it('merges a range of windows (the trailing hour)', () => {
    const e = engine();
    for (let m = 0; m < 70; m++) e.add('s', ['x'], T(9, 0) + m * MINUTE, m);
    // Trailing hour at 10:09:30: minute windows starting 09:10 … 10:09 hold values 10 … 69.
    const a = e.range('1m', 's', 'x', T(9, 10), T(10, 10));
    expect(a.count).toBe(60);
    expect(a.sum).toBe(((10 + 69) * 60) / 2);
    expect(a.min).toBe(10);
    expect(a.max).toBe(69);
  });

  it('keeps only the configured number of closed windows', () => {
    const e = new RollupEngine({ windows: [{ id: '1m', sizeMs: MINUTE, retain: 2 }], utcOffsetMs: 0, allowedLatenessMs: 0 });
    for (let m = 0; m < 5; m++) e.add('s', ['x'], m * MINUTE, 1);
    e.advance(5 * MINUTE);
    expect(e.get('1m', 's', 'x', 2 * MINUTE)).toBeUndefined();
    expect(e.get('1m', 's', 'x', 3 * MINUTE)).toBeDefined();
  });

  it('refuses window families that do not nest', () => {
    expect(
      () =>
        new RollupEngine({
          windows: [
            { id: '7m', sizeMs: 7 * MINUTE, retain: 1 },
            { id: '1h', sizeMs: HOUR, retain: 1 },
          ],
          utcOffsetMs: 0,
          allowedLatenessMs: 0,
        }),
    ).toThrow(/not a multiple/);
  });

  it('ignores non-finite values', () => {
    const e = engine();
    expect(e.add('s', ['x'], T(9, 0), NaN)).toBe(false);
    expect(e.get('1m', 's', 'x', T(9, 0))).toBeUndefined();
  });

  describe('restore', () => {
    it('rebuilds today and this hour from stored closed windows so a restart loses nothing closed', () => {
      const before = engine(0);
      const stored: ClosedWindow[] = [];
      // Readings every 10 minutes from 08:00 to 10:20, value = minute of day.
      for (let t = T(8, 0); t <= T(10, 20); t += 10 * MINUTE) {
        before.add('s', ['x'], t, (t - MIDNIGHT) / MINUTE);
        stored.push(...before.advance(t + MINUTE));
      }
      const closedUpTo = before.closedUpTo;
      expect(closedUpTo).toBe(T(10, 21));

      const after = engine(0);
      after.restore(stored, closedUpTo);
      // Today: 15 readings, 480 + 490 + … + 620.
      const today = after.get('1d', 's', 'x', MIDNIGHT)!;
      expect(today.count).toBe(15);
      expect(today.sum).toBe(((480 + 620) * 15) / 2);
      expect(today.lastTs).toBe(T(10, 20));
      // This hour (10:00-11:00): 10:00, 10:10 and 10:20.
      expect(after.get('1h', 's', 'x', T(10, 0))).toMatchObject({ count: 3, sum: 600 + 610 + 620 });
      // Closed hours are queryable as before.
      expect(after.get('1h', 's', 'x', T(8, 0))).toMatchObject({ count: 6 });
      // And the restored engine keeps going exactly like the original.
      after.add('s', ['x'], T(10, 30), 630);
      before.add('s', ['x'], T(10, 30), 630);
      expect(after.get('1d', 's', 'x', MIDNIGHT)).toEqual(before.get('1d', 's', 'x', MIDNIGHT));
      expect(after.add('s', ['x'], T(10, 20, 59), 1)).toBe(false);
    });

    it('counts each stored window once even when it is given twice', () => {
      const e = engine(0);
      const w: ClosedWindow = {
        window: '1m',
        series: 's',
        scope: 'x',
        start: T(9, 0),
        agg: { count: 1, sum: 5, min: 5, max: 5, last: 5, lastTs: T(9, 0) },
      };
      e.restore([w, w], T(9, 1));
      expect(e.get('1h', 's', 'x', T(9, 0))!.count).toBe(1);
    });
  });
});
