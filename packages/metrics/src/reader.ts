import type { MetricWindow } from '@cw/contracts';
import { DAY, HOUR, MINUTE, emptyAggregate, mergeInto, type Aggregate, type RollupEngine } from '@cw/rollup';

/** The rollup windows the catalogue reads, over the engine's window families. */
export const WINDOW_FAMILIES = [
  { id: '1m', sizeMs: MINUTE },
  { id: '1h', sizeMs: HOUR },
  { id: '1d', sizeMs: DAY },
] as const;

/** How long a place's latest reading counts for a gauge. */
export const GAUGE_HORIZON_MS = DAY;

/**
 * Where metric evaluation reads aggregates from. The live reader looks at the engine's open
 * windows at `now`; a history reader answers every question with one stored window, so the
 * same catalogue gives "AQI by hour" or "applications per day" from history.
 */
export interface WindowReader {
  /** A series in a scope over a metric window; undefined when nothing was observed. */
  read(window: MetricWindow, series: string, scope: string): Aggregate | undefined;
  /** A place's latest reading of a series (its `last`), within the gauge horizon. */
  latest(series: string, scope: string): Aggregate | undefined;
}

export function liveReader(engine: RollupEngine, now: number): WindowReader {
  const minute = engine.family('1m');
  const hour = engine.family('1h');
  const day = engine.family('1d');
  const minuteEnd = engine.align(minute, now) + MINUTE;
  const hourStart = engine.align(hour, now);
  const dayStart = engine.align(day, now);
  return {
    read(window, series, scope) {
      switch (window) {
        case 'today':
          return engine.get('1d', series, scope, dayStart);
        case 'hour':
          return engine.get('1h', series, scope, hourStart);
        case 'trailing1h': {
          const agg = engine.range('1m', series, scope, minuteEnd - HOUR, minuteEnd);
          return agg.count === 0 ? undefined : agg;
        }
      }
    },
    latest(series, scope) {
      const agg = engine.range('1h', series, scope, hourStart - GAUGE_HORIZON_MS + HOUR, hourStart + HOUR);
      return agg.count === 0 ? undefined : agg;
    },
  };
}

/** A reader over one stored window per (series, scope), e.g. one hour of history. */
export function windowReader(lookup: (series: string, scope: string) => Aggregate | undefined): WindowReader {
  return {
    read: (_window, series, scope) => lookup(series, scope),
    latest: (series, scope) => lookup(series, scope),
  };
}

/** Merges several windows into one: e.g. a day of hours. */
export function mergeAll(aggs: Iterable<Aggregate>): Aggregate | undefined {
  const acc = emptyAggregate();
  for (const a of aggs) mergeInto(acc, a);
  return acc.count === 0 ? undefined : acc;
}
