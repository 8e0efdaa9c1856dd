import type { Alert } from '@cw/contracts';

/** Most urgent first: critical before warning, still-crossing before cleared, newest first. */
export function byUrgency(a: Alert, b: Alert): number {
  const rank = (x: Alert) => (x.level === 'critical' ? 2 : 1) * 2 + (x.clearedAt === null ? 1 : 0);
  return rank(b) - rank(a) || b.raisedAt - a.raisedAt;
}
