import type { FeedItem, FeedSeverity, RawEvent } from '@cw/contracts';

/**
 * Which raw events make the wall's ticker, and how serious they are. Routine readings
 * (air, queues, censuses, heartbeats, gate counts) never do.
 */
export function feedItemOf(event: RawEvent, id: string): FeedItem | null {
  let severity: FeedSeverity;
  switch (event.kind) {
    case 'police.incident':
      severity = event.type === 'criminal' ? 'warning' : 'info';
      break;
    case 'fire.alarm':
      severity = event.type === 'confirmed' ? 'critical' : 'info';
      break;
    case 'traffic.accident':
      severity = event.values.deaths > 0 ? 'critical' : event.values.injured > 0 ? 'warning' : 'info';
      break;
    case 'crowd.alert':
      severity = event.values.density >= 5 ? 'critical' : 'warning';
      break;
    case 'device.alarm':
      severity = event.type === 'smoke' || event.type === 'gas_leak' ? 'critical' : 'warning';
      break;
    case 'utility.fault':
      severity = event.values.households >= 500 ? 'warning' : 'info';
      break;
    default:
      return null;
  }
  const item: FeedItem = { id, ts: event.ts, kind: event.kind, division: event.division, severity };
  if ('type' in event) item.type = event.type;
  if ('site' in event && event.site !== undefined) item.site = event.site;
  if ('location' in event && event.location !== undefined) item.location = event.location;
  return item;
}
