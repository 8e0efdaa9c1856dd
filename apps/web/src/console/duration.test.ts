import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

const MIN = 60_000;

describe('formatDuration', () => {
  it('shows days and hours, hours and minutes, or minutes', () => {
    expect(formatDuration((2 * 1440 + 3 * 60 + 59) * MIN, 'zh-CN')).toBe('2天3小时');
    expect(formatDuration(2 * 1440 * MIN, 'zh-CN')).toBe('2天');
    expect(formatDuration(80 * MIN, 'zh-CN')).toBe('1小时20分');
    expect(formatDuration(60 * MIN, 'zh-CN')).toBe('1小时');
    expect(formatDuration(12 * MIN + 59_000, 'zh-CN')).toBe('12分钟');
    expect(formatDuration(30_000, 'zh-CN')).toBe('<1分钟');
  });

  it('speaks English', () => {
    expect(formatDuration((1440 + 60) * MIN, 'en')).toBe('1 d 1 h');
    expect(formatDuration(80 * MIN, 'en')).toBe('1 h 20 min');
    expect(formatDuration(5 * MIN, 'en')).toBe('5 min');
    expect(formatDuration(0, 'en')).toBe('<1 min');
  });

  it('ignores the sign (overdue spans are negative)', () => {
    expect(formatDuration(-80 * MIN, 'zh-CN')).toBe('1小时20分');
  });
});
