import { describe, expect, it } from 'vitest';
import { DAY_MS, localDayStart, localHour, localHourStart } from './cityTime.ts';

const SHANGHAI = 480;

describe('city time', () => {
  it('starts the local day at midnight in the city, not in UTC', () => {
    // 2026-11-27 23:59:59 in Shanghai is 15:59:59 UTC.
    const t = Date.UTC(2026, 10, 27, 15, 59, 59);
    expect(localDayStart(t, SHANGHAI)).toBe(Date.UTC(2026, 10, 26, 16));
    // One second later it is the next day.
    expect(localDayStart(t + 1000, SHANGHAI)).toBe(Date.UTC(2026, 10, 27, 16));
  });

  it('gives the local hour of the day', () => {
    expect(localHour(Date.UTC(2026, 10, 27, 0, 30), SHANGHAI)).toBe(8);
    expect(localHour(Date.UTC(2026, 10, 27, 15, 59), SHANGHAI)).toBe(23);
    expect(localHour(Date.UTC(2026, 10, 27, 16, 0), SHANGHAI)).toBe(0);
  });

  it('handles half-hour offsets and negative offsets', () => {
    const t = Date.UTC(2026, 0, 1, 0, 10);
    // 00:10 UTC is 05:40 in India: the hour began at 05:00 local, 23:30 UTC.
    expect(localHourStart(t, 330)).toBe(Date.UTC(2025, 11, 31, 23, 30));
    expect(localDayStart(t, -300)).toBe(Date.UTC(2025, 11, 31, 5));
    expect(localDayStart(t, -300) + DAY_MS).toBeGreaterThan(t);
  });
});
