import { describe, expect, it } from 'vitest';
import { formatAge, formatCompact, formatValue } from './format.ts';

describe('formatValue', () => {
  it('uses the catalogue decimals and a dash for missing figures', () => {
    expect(formatValue(12.345, 1, 'zh-CN')).toBe('12.3');
    expect(formatValue(5, 1, 'en')).toBe('5.0');
    expect(formatValue(null, 0, 'en')).toBe('—');
    expect(formatValue(Number.NaN, 0, 'zh-CN')).toBe('—');
    expect(formatValue(80968, 0, 'en')).toBe('80,968');
  });

  it('shows large figures compactly so they fit a tile', () => {
    expect(formatValue(123_456, 0, 'zh-CN')).toBe('12.3万');
    expect(formatValue(123_456, 0, 'en')).toBe('123.5k');
    expect(formatCompact(12_345_678, 'en')).toBe('12.3M');
    expect(formatCompact(12_345_678, 'zh-CN')).toBe('1,234.6万');
    expect(formatCompact(250_000_000, 'zh-CN')).toBe('2.5亿');
  });
});

describe('formatAge', () => {
  it('picks the coarsest readable unit', () => {
    expect(formatAge(45_000, 'zh-CN')).toBe('45秒');
    expect(formatAge(12 * 60_000, 'en')).toBe('12 min');
    expect(formatAge(3 * 3_600_000, 'zh-CN')).toBe('3小时');
    expect(formatAge(3 * 86_400_000, 'en')).toBe('3 d');
    expect(formatAge(-5, 'en')).toBe('0 s');
  });
});
