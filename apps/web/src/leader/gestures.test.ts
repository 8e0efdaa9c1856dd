import { describe, expect, it } from 'vitest';
import { pullDistance, swipeStep } from './gestures.ts';

describe('swipeStep', () => {
  it('turns a long, mostly horizontal move into the next or previous domain', () => {
    expect(swipeStep(-120, 10)).toBe(1);
    expect(swipeStep(120, -30)).toBe(-1);
  });
  it('ignores short moves and scrolling', () => {
    expect(swipeStep(-59, 0)).toBe(0);
    expect(swipeStep(-100, 80)).toBe(0);
    expect(swipeStep(0, 300)).toBe(0);
  });
});

describe('pullDistance', () => {
  it('follows a downward pull up to one and a half times the trigger', () => {
    expect(pullDistance(5, 40)).toBe(40);
    expect(pullDistance(0, 500)).toBe(108);
  });
  it('is nothing for an upward or sideways move', () => {
    expect(pullDistance(0, -50)).toBe(0);
    expect(pullDistance(90, 60)).toBe(0);
  });
});
