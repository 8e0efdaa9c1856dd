import { POLLUTANTS, type Pollutant } from '@cw/contracts';
import { dailyAqiFromHours, type DailyAqiRecord, type DailyLevels } from '@cw/metrics';
import { DAY, HOUR, type Aggregate, type ClosedWindow, type RollupEngine } from '@cw/rollup';
import type { RollupStore } from '../storage/storage.ts';

/**
 * Daily AQI per scope, computed when a day's air-quality window closes, from that day's
 * 24 hourly windows; stored, and kept for the year for the share of good-air days.
 */
export class DailyAqiBook implements DailyLevels {
  private readonly byScope = new Map<string, Map<number, number>>();

  constructor(private readonly storage: RollupStore) {}

  async restore(since: number): Promise<void> {
    for (const r of await this.storage.loadDailyAqi(since)) this.remember(r);
  }

  levels(scope: string, yearStart: number, today: number): number[] {
    const days = this.byScope.get(scope);
    if (days === undefined) return [];
    const out: number[] = [];
    for (const [day, level] of days) if (day >= yearStart && day < today) out.push(level);
    return out;
  }

  /** Records for a scope in [from, to), oldest first. */
  records(scope: string, from: number, to: number): { day: number; level: number }[] {
    return [...(this.byScope.get(scope) ?? [])]
      .filter(([day]) => day >= from && day < to)
      .sort((a, b) => a[0] - b[0])
      .map(([day, level]) => ({ day, level }));
  }

  /** Called with every batch of closed windows; acts on closed days of air readings. */
  async onClosed(closed: readonly ClosedWindow[], engine: RollupEngine): Promise<void> {
    const records: DailyAqiRecord[] = [];
    for (const w of closed) {
      if (w.window !== '1d' || w.series !== 'air.reading' || w.scope.startsWith('site:')) continue;
      const hours: (Partial<Record<Pollutant, Aggregate>> | undefined)[] = [];
      for (let h = 0; h < DAY / HOUR; h++) {
        const start = w.start + h * HOUR;
        const byPollutant: Partial<Record<Pollutant, Aggregate>> = {};
        for (const p of POLLUTANTS) {
          const agg = engine.get('1h', `air.reading.${p}`, w.scope, start);
          if (agg !== undefined) byPollutant[p] = agg;
        }
        hours.push(byPollutant);
      }
      const result = dailyAqiFromHours(hours);
      if (result !== null) records.push({ scope: w.scope, day: w.start, aqi: result.aqi, level: result.level });
    }
    if (records.length === 0) return;
    await this.storage.saveDailyAqi(records);
    for (const r of records) this.remember(r);
  }

  private remember(r: DailyAqiRecord): void {
    let days = this.byScope.get(r.scope);
    if (days === undefined) this.byScope.set(r.scope, (days = new Map()));
    days.set(r.day, r.level);
  }
}
