import { describe, expect, it } from 'vitest';
import type { AirReading } from '@cw/contracts';
import { forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine } from '@cw/rollup';
import { DailyAqiBook } from './daily-aqi-book.ts';
import type { RollupStore } from '../storage/storage.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local midnight (UTC+8) starting Tuesday 1 December 2026. */
const DEC1 = Date.UTC(2026, 11, 1) - 8 * HOUR;

describe('the daily AQI behind 优良天数比例', () => {
  it("takes the city's day from its urban (national) stations only, as HJ 663 assesses a city", async () => {
    const engine = new RollupEngine({
      windows: [
        { id: '1h', sizeMs: HOUR, retain: 48 },
        { id: '1d', sizeMs: DAY, retain: 2 },
      ],
      utcOffsetMs: 8 * HOUR,
      allowedLatenessMs: 0,
    });
    const cityStations = new Set(['urban']);
    const reading = (station: string, division: string, ts: number, pm25: number): AirReading => ({ kind: 'air.reading', ts, division, station, values: { pm25 } });
    for (let h = 0; h < 24; h++) {
      const ts = DEC1 + h * HOUR + 30 * 60_000;
      // An urban station at 35 µg/m³ and a county-seat station in a haze at 200 µg/m³.
      for (const e of [reading('urban', 'd1', ts, 35), reading('county', 'd2', ts, 200)]) {
        forEachObservation(e, (series, value) => engine.add(series, scopesOf(e, cityStations), e.ts, value));
      }
    }
    const saved: unknown[] = [];
    const storage = { saveDailyAqi: (records: readonly unknown[]) => Promise.resolve(void saved.push(...records)) } as unknown as RollupStore;
    const book = new DailyAqiBook(storage);
    await book.onClosed(engine.advance(DEC1 + DAY + HOUR), engine);

    // HJ 633 24-hour PM2.5 breakpoints: 35 µg/m³ is IAQI 50, 优 (level 1). 200 µg/m³ lies in
    // 150–250 → IAQI 200–300: 200 + (200 − 150) × 100 / 100 = 250, 重度污染 (level 5). Had the
    // county station counted in the city, its mean of 117.5 would read 中度 (level 4).
    expect(book.records('city', DEC1, DEC1 + DAY)).toEqual([{ day: DEC1, level: 1 }]);
    expect(book.records('d2', DEC1, DEC1 + DAY)).toEqual([{ day: DEC1, level: 5 }]);
    expect(book.levels('city', DEC1, DEC1 + DAY)).toEqual([1]);
    expect(saved).toContainEqual({ scope: 'city', day: DEC1, aqi: 50, level: 1 });
    expect(saved).toContainEqual({ scope: 'd2', day: DEC1, aqi: 250, level: 5 });
  });
});
