import { describe, expect, it } from 'vitest';
import { balancedColumns, chooseLayout, rowsThatFit } from './layout.ts';

describe('chooseLayout', () => {
  it('gives 16:9 screens the standard layout at any resolution', () => {
    expect(chooseLayout(1920, 1080)).toBe('standard');
    expect(chooseLayout(3840, 2160)).toBe('standard');
    expect(chooseLayout(2560, 1080)).toBe('standard');
    expect(chooseLayout(1920, 1200)).toBe('standard');
  });

  it('gives 32:9 walls more columns rather than a stretched 16:9', () => {
    expect(chooseLayout(7680, 2160)).toBe('wide');
    expect(chooseLayout(5120, 1440)).toBe('wide');
  });

  it('does not divide by zero before the first layout', () => {
    expect(chooseLayout(0, 0)).toBe('standard');
  });
});

describe('rowsThatFit', () => {
  it('counts whole rows with gaps between them', () => {
    expect(rowsThatFit(100, 30, 5)).toBe(3);
    expect(rowsThatFit(99, 30, 5)).toBe(2);
    expect(rowsThatFit(30, 30, 5)).toBe(1);
    expect(rowsThatFit(0, 30)).toBe(0);
    expect(rowsThatFit(100, 0)).toBe(0);
  });
});

describe('balancedColumns', () => {
  it('fills rows evenly instead of leaving one tile alone on the last', () => {
    // Safety's 7 figures in rows of up to 6: two rows of 4 and 3.
    expect(balancedColumns(7, 6)).toBe(4);
    expect(balancedColumns(6, 6)).toBe(6);
    expect(balancedColumns(9, 6)).toBe(5);
    expect(balancedColumns(3, 6)).toBe(3);
    expect(balancedColumns(13, 6)).toBe(5);
    expect(balancedColumns(0, 6)).toBe(1);
  });
});
