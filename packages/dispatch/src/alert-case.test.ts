import { describe, expect, it } from 'vitest';
import type { Alert } from '@cw/contracts';
import { alertOrigin, caseDraftFromAlert, linkRefusal } from './alert-case.ts';

const DIVISIONS = ['430502', '430503', '430528'];
const alert: Alert = {
  id: 'a1',
  metric: 'tour.capacity_use',
  scope: '430528',
  level: 'orange',
  value: 93,
  threshold: 90,
  clearAt: 65,
  raisedAt: 1000,
  escalatedAt: null,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
};

describe('a case from an alert', () => {
  it('is prefilled by the metric domain and the level, in the alert’s division', () => {
    // 景区承载率 橙 in 新宁县 (崀山): street order, urgent.
    expect(caseDraftFromAlert(alert, DIVISIONS)).toEqual({ category: 'street_order', urgency: 'urgent', channel: 'iot_sensor', division: '430528' });
    expect(caseDraftFromAlert({ metric: 'env.aqi', scope: '430502', level: 'red' }, DIVISIONS)).toMatchObject({ category: 'environment', urgency: 'critical' });
    expect(caseDraftFromAlert({ metric: 'live.utility_faults_today', scope: '430503', level: 'yellow' }, DIVISIONS)).toMatchObject({ category: 'public_facilities', urgency: 'normal' });
    expect(caseDraftFromAlert({ metric: 'safety.crowd_alerts_today', scope: '430503', level: 'blue' }, DIVISIONS)).toMatchObject({ category: 'emergency', urgency: 'normal' });
    // A figure no category fits, judged city-wide: other, and the officer picks the division.
    expect(caseDraftFromAlert({ metric: 'hotline.answer_rate', scope: 'city', level: 'orange' }, DIVISIONS)).toEqual({ category: 'other', urgency: 'urgent', channel: 'iot_sensor', division: '' });
  });

  it('keeps on the record which alert it came from, as it stood', () => {
    expect(alertOrigin({ ...alert, link: null })).toEqual({ id: 'a1', metric: 'tour.capacity_use', scope: '430528', level: 'orange', value: 93, raisedAt: 1000 });
  });

  it('is refused for an alert that does not exist, or that already has a case or an emergency', () => {
    expect(linkRefusal('nope', null)).toEqual({ code: 'unknown_alert', message: 'no alert nope' });
    expect(linkRefusal('a1', alert)).toBeNull();
    expect(linkRefusal('a1', { ...alert, link: null })).toBeNull();
    const link = { kind: 'emergency' as const, id: 'E20261207-001', at: 2000, by: '王值班长' };
    expect(linkRefusal('a1', { ...alert, link })).toEqual({ code: 'already_linked', message: 'alert a1 already has emergency E20261207-001 opened from it', link });
  });
});
