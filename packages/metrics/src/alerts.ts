import type { Alert, MetricDef, Status, Thresholds, VitalReading } from '@cw/contracts';

const RANK: Record<Status, number> = { nodata: 0, normal: 0, warning: 1, critical: 2 };

export interface AlertChange {
  raise?: Omit<Alert, 'id'>;
  /** Ids of open alerts for this figure whose condition has ended. */
  clear?: string[];
}

/**
 * Decides what a new reading means for alerts on one (metric, scope):
 * - raise when the status worsens to warning or critical and no open alert of that level or
 *   worse is already on the wall for it (so a figure hovering at a limit raises once);
 * - clear open alerts when the status is back to normal (they stay until acknowledged).
 */
export function alertChange(def: MetricDef, thresholds: Thresholds | undefined, scope: string, reading: VitalReading, open: readonly Alert[], now: number): AlertChange {
  if (thresholds === undefined || reading.value === null) return {};
  const rank = RANK[reading.status];
  if (rank === 0) {
    const clear = open.filter((a) => a.clearedAt === null).map((a) => a.id);
    return clear.length > 0 ? { clear } : {};
  }
  const level = reading.status === 'critical' ? 'critical' : 'warning';
  const already = open.some((a) => a.clearedAt === null && RANK[a.level] >= rank);
  if (already) return {};
  return {
    raise: {
      metric: def.id,
      scope,
      level,
      value: reading.value,
      threshold: level === 'critical' ? thresholds.critical : thresholds.warning,
      raisedAt: now,
      clearedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    },
  };
}
