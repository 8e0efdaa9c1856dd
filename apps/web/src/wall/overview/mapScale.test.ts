import { describe, expect, it } from 'vitest';
import { pieceColour, pieceLabel, pieceOf, roundStep, scaleTop, stepPieces } from './mapScale.ts';

describe('map colour scale', () => {
  it('tops the scale at the largest known value, never below 1', () => {
    expect(scaleTop([3, null, 12.5, 7])).toBe(12.5);
    expect(scaleTop([0, 0, null])).toBe(1);
    expect(scaleTop([])).toBe(1);
  });

  it('splits counts into at most five pieces with round bounds', () => {
    // 0…873 in fives: 174.6 a piece, rounded up to 200.
    expect(roundStep(873)).toBe(200);
    expect(stepPieces(873)).toEqual([
      { min: 0, max: 200 },
      { min: 200, max: 400 },
      { min: 400, max: 600 },
      { min: 600, max: 800 },
      { min: 800, max: null },
    ]);
    // 0…12: 2.4 a piece, rounded up to 2.5, so five pieces of 2.5 (12 falls in the open top one).
    expect(roundStep(12)).toBe(2.5);
    expect(stepPieces(12).map((p) => p.min)).toEqual([0, 2.5, 5, 7.5, 10]);
    // 0…100 (%): 20 a piece.
    expect(stepPieces(100).map((p) => p.min)).toEqual([0, 20, 40, 60, 80]);
  });

  it('never splits a count below one: a map of zeros and ones has two pieces', () => {
    expect(roundStep(1)).toBe(1);
    expect(stepPieces(1)).toEqual([
      { min: 0, max: 1 },
      { min: 1, max: null },
    ]);
    expect(stepPieces(3)).toEqual([
      { min: 0, max: 1 },
      { min: 1, max: 2 },
      { min: 2, max: 3 },
      { min: 3, max: null },
    ]);
  });

  it('puts each value in its piece, bounds going up', () => {
    const pieces = stepPieces(873);
    expect(pieceOf(0, pieces)).toBe(0);
    expect(pieceOf(199, pieces)).toBe(0);
    expect(pieceOf(200, pieces)).toBe(1);
    expect(pieceOf(873, pieces)).toBe(4);
    expect(pieceOf(-5, pieces)).toBe(0);
    expect(pieceOf(null, pieces)).toBeNull();
  });

  it('spreads few pieces over the whole ramp', () => {
    const ramp = ['a', 'b', 'c', 'd', 'e'];
    expect([0, 1].map((i) => pieceColour(ramp, i, 2))).toEqual(['a', 'e']);
    expect([0, 1, 2].map((i) => pieceColour(ramp, i, 3))).toEqual(['a', 'c', 'e']);
    expect(pieceColour(ramp, 0, 1)).toBe('e');
  });
});

describe('legend labels', () => {
  it('names count pieces by the counts they hold', () => {
    expect(pieceLabel({ min: 3, max: 4 }, true)).toBe('3');
    expect(pieceLabel({ min: 200, max: 400 }, true)).toBe('200–399');
    expect(pieceLabel({ min: 800, max: null }, true)).toBe('≥800');
    expect(pieceLabel({ min: 2.5, max: 5 }, true)).toBe('2.5–5');
    expect(pieceLabel({ min: 20, max: 40 }, false)).toBe('20–40');
  });
});
