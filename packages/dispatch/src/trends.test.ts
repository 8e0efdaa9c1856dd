import { describe, expect, it } from 'vitest';
import { dispatchTrends, isRising, type TrendCase } from './trends.ts';

const H = 3_600_000;
/** Local midnight of "today" in these examples. */
const DAY = Date.UTC(2026, 11, 7) - 8 * H;
const NOW = DAY + 10 * H; // 10:00

const c = (reportedAt: number, category: TrendCase['category'], division: string, closedAt: number | null = null): TrendCase => ({ reportedAt, category, division, closedAt });

describe('isRising', () => {
  it('needs three reports today', () => {
    expect(isRising(2, 0)).toBe(false);
    expect(isRising(3, 0)).toBe(true);
  });
  it('needs two more and half as many again as yesterday by this time', () => {
    expect(isRising(3, 1)).toBe(true); // +2, and 2 ≥ ceil(0.5)
    expect(isRising(4, 3)).toBe(false); // +1
    expect(isRising(22, 20)).toBe(false); // +2 but 10 needed
    expect(isRising(30, 20)).toBe(true); // +10 = ceil(20 × 0.5)
  });
});

describe('dispatchTrends', () => {
  it('compares today with yesterday up to the same time of day', () => {
    const cases = [
      // Today: three city-appearance reports in 430502, one traffic in 430503.
      c(DAY + 1 * H, 'city_appearance', '430502'),
      c(DAY + 2 * H, 'city_appearance', '430502', DAY + 9 * H),
      c(DAY + 9 * H, 'city_appearance', '430502'),
      c(DAY + 3 * H, 'road_traffic', '430503'),
      // Yesterday before 10:00: one traffic (closed yesterday at 09:30), one city-appearance.
      c(DAY - 24 * H + 2 * H, 'road_traffic', '430503', DAY - 24 * H + 9.5 * H),
      c(DAY - 24 * H + 8 * H, 'city_appearance', '430511'),
      // Yesterday after 10:00: not compared (closed this morning, which counts for today).
      c(DAY - 24 * H + 15 * H, 'road_traffic', '430503', DAY + 5 * H),
      // The day before yesterday: ignored.
      c(DAY - 48 * H + 3 * H, 'road_traffic', '430503'),
    ];
    const t = dispatchTrends(cases, DAY, NOW);
    expect(t).toEqual({
      at: NOW,
      openedToday: 4,
      openedYesterday: 2,
      closedToday: 2,
      closedYesterday: 1,
      categories: [
        { key: 'city_appearance', today: 3, yesterday: 1, rising: true },
        { key: 'road_traffic', today: 1, yesterday: 1, rising: false },
      ],
      divisions: [
        { key: '430502', today: 3, yesterday: 0, rising: true },
        { key: '430503', today: 1, yesterday: 1, rising: false },
        { key: '430511', today: 0, yesterday: 1, rising: false },
      ],
    });
  });

  it('orders equal rises by more reports today, then by key', () => {
    const cases = [c(DAY + H, 'road_traffic', 'b'), c(DAY + H, 'road_traffic', 'a'), c(DAY - 23 * H, 'road_traffic', 'c'), c(DAY + H, 'road_traffic', 'c'), c(DAY + H, 'road_traffic', 'c')];
    expect(dispatchTrends(cases, DAY, NOW).divisions.map((r) => r.key)).toEqual(['c', 'a', 'b']);
  });
});
