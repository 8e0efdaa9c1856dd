import { describe, expect, it } from 'vitest';
import type { Alert, FeedItem } from '@cw/contracts';
import { criticalAlerts, criticalFeedItems, freshItems, newestTarget } from './focus.ts';

const alert = (id: string, level: Alert['level'], raisedAt: number): Alert => ({
  id,
  metric: 'env.pm25',
  scope: '430502',
  level,
  value: 400,
  threshold: 150.1,
  clearAt: 67.5,
  raisedAt,
  escalatedAt: null,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
});
const item = (id: string, severity: FeedItem['severity'], ts: number, site?: string): FeedItem => ({
  id,
  ts,
  kind: 'device.alarm',
  type: 'smoke',
  division: '430503',
  severity,
  ...(site ? { site } : {}),
});

describe('freshItems', () => {
  it('treats what the first snapshot holds as known', () => {
    const first = freshItems(null, [{ id: 'a' }, { id: 'b' }]);
    expect(first.fresh).toEqual([]);
    const second = freshItems(first.known, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(second.fresh).toEqual([{ id: 'c' }]);
  });

  it('forgets ids that left the topic, so the set stays bounded', () => {
    const { known } = freshItems(new Set(['a', 'b']), [{ id: 'b' }]);
    expect([...known]).toEqual(['b']);
  });
});

describe('critical items and the focus target', () => {
  it('keeps only 橙/红 unacknowledged alerts and critical feed items', () => {
    const alerts = { a: alert('a', 'yellow', 1), b: alert('b', 'orange', 2), c: { ...alert('c', 'red', 3), acknowledgedAt: 4 }, d: alert('d', 'red', 5), e: alert('e', 'blue', 6) };
    expect(criticalAlerts(alerts).map((a) => a.id)).toEqual(['b', 'd']);
    expect(criticalFeedItems({ x: item('x', 'info', 1), y: item('y', 'critical', 2) }).map((f) => f.id)).toEqual(['y']);
  });

  it('focuses the newest item, alert or feed', () => {
    expect(newestTarget([alert('a', 'red', 10)], [item('f', 'critical', 5)])).toEqual({ kind: 'alert', id: 'a', scope: '430502', metric: 'env.pm25' });
    expect(newestTarget([alert('a', 'red', 10)], [item('f', 'critical', 20, 'cam-1')])).toEqual({ kind: 'feed', id: 'f', division: '430503', site: 'cam-1' });
    expect(newestTarget([], [])).toBeNull();
  });

  it('of alerts raised together, focuses a division’s rather than the city’s it moved', () => {
    const city = { ...alert('c', 'red', 10), scope: 'city', metric: 'env.aqi' };
    expect(newestTarget([city, alert('d', 'red', 10)], [])).toMatchObject({ id: 'd', scope: '430502' });
    expect(newestTarget([alert('d', 'red', 10), city], [])).toMatchObject({ id: 'd', scope: '430502' });
    expect(newestTarget([alert('d', 'red', 10), { ...city, raisedAt: 11 }], [])).toMatchObject({ id: 'c', scope: 'city' });
  });
});
