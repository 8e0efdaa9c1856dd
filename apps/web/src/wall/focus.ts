import { CITY_SCOPE, alertRank, type Alert, type FeedItem } from '@cw/contracts';

/** What the overview highlights: an alert (its division on the map and its row) or a feed item. */
export type FocusTarget =
  | { kind: 'alert'; id: string; scope: string; metric: string }
  | { kind: 'feed'; id: string; division: string; site?: string; location?: [number, number] };

/**
 * Which of the items seen now were not seen before. `known` is null until the topic's
 * first snapshot: what is already there when the screen starts is not news. The returned
 * set holds only the current ids, so it stays as small as the topic.
 */
export function freshItems<T extends { id: string }>(known: ReadonlySet<string> | null, current: readonly T[]): { known: Set<string>; fresh: T[] } {
  const next = new Set(current.map((i) => i.id));
  if (known === null) return { known: next, fresh: [] };
  return { known: next, fresh: current.filter((i) => !known.has(i.id)) };
}

/** Alerts that bring the overview to them: 橙 and 红, not yet acknowledged. */
export const criticalAlerts = (alerts: Record<string, Alert>): Alert[] =>
  Object.values(alerts).filter((a) => alertRank(a.level) >= alertRank('orange') && a.acknowledgedAt === null);

export const criticalFeedItems = (feed: Record<string, FeedItem>): FeedItem[] => Object.values(feed).filter((f) => f.severity === 'critical');

/**
 * Alerts raised in the same tick: a division's before the city's, whose figure it usually
 * moved (one county's smog lifts the city mean), so the map shows where it happens.
 */
const newerAlert = (x: Alert, best: Alert) => x.raisedAt > best.raisedAt || (x.raisedAt === best.raisedAt && best.scope === CITY_SCOPE && x.scope !== CITY_SCOPE);

/** The newest of the fresh critical items, as a focus target; null when there is none. */
export function newestTarget(alerts: readonly Alert[], feed: readonly FeedItem[]): FocusTarget | null {
  const a = alerts.reduce<Alert | null>((best, x) => (best === null || newerAlert(x, best) ? x : best), null);
  const f = feed.reduce<FeedItem | null>((best, x) => (best === null || x.ts > best.ts ? x : best), null);
  if (a !== null && (f === null || a.raisedAt >= f.ts)) return { kind: 'alert', id: a.id, scope: a.scope, metric: a.metric };
  if (f === null) return null;
  return {
    kind: 'feed',
    id: f.id,
    division: f.division,
    ...(f.site === undefined ? {} : { site: f.site }),
    ...(f.location === undefined ? {} : { location: f.location }),
  };
}
