import { alertRank, type Alert, type MetricDef, type Thresholds, type VitalReading } from '@cw/contracts';
import { appliesIn, levelOf } from './evaluate.ts';

type Raised = Omit<Alert, 'id'>;

export interface AlertChange {
  raise?: Raised;
  /** The open alert, raised to a higher level. */
  escalate?: Alert;
  /** Ids of open alerts for this figure whose condition has ended. */
  clear?: string[];
}

/** Whether a reading rests on enough events or places to be judged against thresholds. */
export function judged(def: MetricDef, scope: string, reading: VitalReading): boolean {
  return appliesIn(def, scope) && (def.minSample === undefined || reading.sample === undefined || reading.sample >= def.minSample);
}

/**
 * What a new reading means for the alerts of one (metric, scope), given the alerts of that
 * figure not yet cleared (`open`):
 * - a reading with no value, over too small a sample, or of a scope the thresholds do not
 *   apply to, changes nothing: it is no evidence
 *   either way (a rate over 2 ratings neither raises nor clears);
 * - with no open alert, reaching a level raises one at that level;
 * - reaching a higher level than the open alert's escalates it in place;
 * - the open alert clears only when the value is strictly back past the clear threshold, so a
 *   figure hovering between the clear threshold and a level raises once and stays raised.
 */
export function alertChange(def: MetricDef, thresholds: Thresholds | undefined, scope: string, reading: VitalReading, open: readonly Alert[], now: number): AlertChange {
  if (thresholds === undefined || reading.value === null || !judged(def, scope, reading)) return {};
  const value = reading.value;
  const level = levelOf(value, thresholds);
  const current = open.filter((a) => a.clearedAt === null).sort((a, b) => alertRank(b.level) - alertRank(a.level))[0];
  if (current === undefined) {
    if (level === null) return {};
    return {
      raise: {
        metric: def.id,
        scope,
        level,
        value,
        threshold: thresholds.levels[level]!,
        clearAt: thresholds.clear,
        raisedAt: now,
        escalatedAt: null,
        clearedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgeNote: null,
      },
    };
  }
  if (level !== null && alertRank(level) > alertRank(current.level)) {
    // A higher level needs fresh eyes: an earlier acknowledgement was of the lower one.
    return {
      escalate: { ...current, level, value, threshold: thresholds.levels[level]!, escalatedAt: now, acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null },
    };
  }
  const back = thresholds.bad === 'high' ? value < thresholds.clear : value > thresholds.clear;
  return back ? { clear: open.filter((a) => a.clearedAt === null).map((a) => a.id) } : {};
}
