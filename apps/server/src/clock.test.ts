import { describe, expect, it } from 'vitest';
import { acceleratedClock } from './clock.ts';

const START = Date.parse('2026-11-27T12:00:00+08:00');
const busyWait = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('acceleratedClock', () => {
  it('stays at its start while held, then runs at its speed from the release', () => {
    const clock = acceleratedClock(600, START, { held: true });
    busyWait(100);
    expect(clock.now()).toBe(START);
    const released = performance.now();
    clock.release();
    busyWait(20);
    const ran = clock.now() - START;
    const since = performance.now() - released;
    // 600 simulated ms per real ms since the release; the 100 ms held (60 s simulated) not counted.
    expect(ran).toBeGreaterThanOrEqual(20 * 600);
    expect(ran).toBeLessThanOrEqual(Math.ceil(since * 600));
  });

  it('runs from the moment it is made unless held; a release then changes nothing', () => {
    const clock = acceleratedClock(10, START);
    busyWait(10);
    const before = clock.now();
    expect(before).toBeGreaterThanOrEqual(START + 100);
    clock.release();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
  });
});
