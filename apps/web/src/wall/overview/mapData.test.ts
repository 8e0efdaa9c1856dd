import { describe, expect, it } from 'vitest';
import type { Alert, CityProfile, Device, FeedItem } from '@cw/contracts';
import { alertLevels, deviceMarkers, focusLocation, incidentMarkers, mapLabelName } from './mapData.ts';

const device = (id: string, type: Device['type']): Device => ({ id, type, name: { zh: id, en: id }, division: 'a', location: [1, 2] });
const item = (id: string, ts: number, extra: Partial<FeedItem> = {}): FeedItem => ({ id, ts, kind: 'police.incident', division: 'a', severity: 'info', ...extra });
const alert = (id: string, scope: string, level: Alert['level'], acknowledgedAt: number | null = null): Alert => ({
  id,
  metric: 'env.aqi',
  scope,
  level,
  value: 1,
  threshold: 1,
  clearAt: 1,
  raisedAt: 1,
  escalatedAt: null,
  clearedAt: null,
  acknowledgedAt,
  acknowledgedBy: null,
  acknowledgeNote: null,
});
const PROFILE = {
  divisions: [{ code: 'a', name: { zh: 'A', en: 'A' }, center: [10, 20] }],
} as unknown as CityProfile;

describe('map markers', () => {
  it('reads each device’s online state from its own part', () => {
    const m = deviceMarkers([device('cam-1', 'camera'), device('s-1', 'smoke'), device('cam-2', 'camera')], { 'cam-1': 100, 'cam-2': null }, { 's-1': 0 });
    expect(m.map((d) => [d.id, d.camera, d.online])).toEqual([
      ['cam-1', true, true],
      ['s-1', false, false],
      ['cam-2', true, null],
    ]);
  });

  it('places feed items by their location or their site, newest first, bounded', () => {
    const feed = {
      x: item('x', 1, { location: [5, 6] }),
      y: item('y', 3, { site: 'cam-1' }),
      z: item('z', 2),
      w: item('w', 0, { location: [7, 8] }),
    };
    const places = (id: string) => (id === 'cam-1' ? { location: [3, 4] as [number, number] } : undefined);
    expect(incidentMarkers(feed, places, 2).map((m) => [m.id, m.location])).toEqual([
      ['y', [3, 4]],
      ['x', [5, 6]],
    ]);
  });

  it('rings a division at its worst open 橙/红 alert only', () => {
    const levels = alertLevels({
      a: alert('a', 'd1', 'orange'),
      b: alert('b', 'd1', 'red'),
      c: alert('c', 'd1', 'yellow'),
      d: alert('d', 'd2', 'yellow'),
      e: alert('e', 'd3', 'red', 5),
      f: alert('f', 'd4', 'orange'),
      g: alert('g', 'd5', 'blue'),
    });
    expect([...levels]).toEqual([
      ['d1', 'red'],
      ['d4', 'orange'],
    ]);
  });

  it('locates a focus target', () => {
    expect(focusLocation({ kind: 'alert', id: '1', scope: 'a', metric: 'env.aqi' }, PROFILE, () => undefined)).toEqual([10, 20]);
    expect(focusLocation({ kind: 'feed', id: '1', division: 'a', site: 's' }, PROFILE, () => ({ location: [1, 1] }))).toEqual([1, 1]);
    expect(focusLocation({ kind: 'alert', id: '1', scope: 'city', metric: 'env.aqi' }, PROFILE, () => undefined)).toBeNull();
  });
});

describe('map label names', () => {
  it('drops the administrative suffix in English and shortens autonomous counties in Chinese', () => {
    expect(mapLabelName('Chengbu Miao Autonomous County')).toBe('Chengbu');
    expect(mapLabelName('Shuangqing District')).toBe('Shuangqing');
    expect(mapLabelName('Wugang City')).toBe('Wugang');
    expect(mapLabelName('城步苗族自治县')).toBe('城步县');
    expect(mapLabelName('双清区')).toBe('双清区');
    expect(mapLabelName('North')).toBe('North');
  });
});
