import type { Alert, AlertLink, AlertOrigin, Category, Channel, Urgency } from '@cw/contracts';

/**
 * Opening a case (or declaring an emergency) from a threshold alert: what the case is
 * prefilled with, what the record keeps of the alert, and when opening one is refused.
 * One case or one emergency per alert: a second answers with the first (a conflict, not a
 * silent second case about the same crossing).
 */

/** What a case about a vital sign is, by the metric's domain; the officer may change it. */
const CATEGORY_BY_METRIC: readonly (readonly [prefix: string, category: Category])[] = [
  ['safety.crowd_alerts_today', 'emergency'],
  ['safety.camera_online', 'public_facilities'],
  ['safety.sensor_online', 'public_facilities'],
  ['live.utility_faults_today', 'public_facilities'],
  ['tour.', 'street_order'],
  ['env.', 'environment'],
];

/** 红 and 橙 are for acting now (docs/alerts.md): the case is urgent or critical too. */
const URGENCY_BY_LEVEL: Record<Alert['level'], Urgency> = { red: 'critical', orange: 'urgent', yellow: 'normal', blue: 'normal' };

export interface AlertCaseDraft {
  category: Category;
  urgency: Urgency;
  /** Monitoring raised it, not a caller: the channel of sensor-raised reports. */
  channel: Channel;
  /** The alert's division, or '' for a city-wide alert (the officer picks one). */
  division: string;
}

export function caseDraftFromAlert(alert: Pick<Alert, 'metric' | 'scope' | 'level'>, divisionCodes: readonly string[]): AlertCaseDraft {
  const category = CATEGORY_BY_METRIC.find(([prefix]) => alert.metric.startsWith(prefix))?.[1] ?? 'other';
  return { category, urgency: URGENCY_BY_LEVEL[alert.level], channel: 'iot_sensor', division: divisionCodes.includes(alert.scope) ? alert.scope : '' };
}

/** What the case or emergency record keeps of the alert it came from. */
export function alertOrigin(a: Alert): AlertOrigin {
  return { id: a.id, metric: a.metric, scope: a.scope, level: a.level, value: a.value, raisedAt: a.raisedAt };
}

export type LinkRefusal = { code: 'unknown_alert'; message: string } | { code: 'already_linked'; message: string; link: AlertLink };

/** Why nothing may be opened from this alert (null: it may). `alert` is the stored one, or null. */
export function linkRefusal(alertId: string, alert: Alert | null): LinkRefusal | null {
  if (alert === null) return { code: 'unknown_alert', message: `no alert ${alertId}` };
  if (alert.link != null) {
    const what = alert.link.kind === 'case' ? 'case' : 'emergency';
    return { code: 'already_linked', message: `alert ${alertId} already has ${what} ${alert.link.id} opened from it`, link: alert.link };
  }
  return null;
}
