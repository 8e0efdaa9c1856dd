import { DAY, HOUR } from '@cw/rollup';

/**
 * How long the server keeps data: the one definition. The rollup host writes and prunes
 * storage by it, the history API refuses a longer span than is kept, and
 * docs/architecture.md (Storage) states the same figures. Raw events are the one part an
 * operator sets: RAW_RETENTION_HOURS (they are needed only until their windows close).
 */
export const STORED_WINDOWS_MS: Readonly<Record<string, number>> = {
  /** Minutes: the trailing hour and the last hours' trend after a restart. */
  '1m': 3 * HOUR,
  /** Hours: hourly history for 40 days (a month against the one before). */
  '1h': 40 * DAY,
  /** Days: daily history for 800 days (this year against last year). */
  '1d': 800 * DAY,
};

/** Closed windows the engine holds in memory per family: enough for the trailing hour,
 * gauges' last 24 hours, today by hour against yesterday, and daily AQI at day close. */
export const IN_MEMORY_WINDOWS: Readonly<Record<string, number>> = { '1m': 120, '1h': 50, '1d': 3 };
