import { describe, expect, it } from 'vitest';
import type { Alert, VitalReading } from '@cw/contracts';
import { alertChange } from './alerts.ts';
import { metricById } from './catalogue.ts';
import { feedItemOf } from './feed.ts';

const aqi = metricById('env.aqi')!;
const t = aqi.thresholds!;
const reading = (value: number, status: VitalReading['status']): VitalReading => ({ value, status, asOf: 1 });
const open = (level: Alert['level'], clearedAt: number | null = null): Alert => ({
  id: `a-${level}`,
  metric: 'env.aqi',
  scope: 'd1',
  level,
  value: 150,
  threshold: 101,
  raisedAt: 1,
  clearedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
});

describe('alertChange', () => {
  it('raises on a crossing into warning, with the threshold crossed', () => {
    expect(alertChange(aqi, t, 'd1', reading(120, 'warning'), [], 50).raise).toEqual({
      metric: 'env.aqi',
      scope: 'd1',
      level: 'warning',
      value: 120,
      threshold: 101,
      raisedAt: 50,
      clearedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
  });

  it('does not raise again while an alert of that level or worse is open', () => {
    expect(alertChange(aqi, t, 'd1', reading(130, 'warning'), [open('warning')], 60)).toEqual({});
    expect(alertChange(aqi, t, 'd1', reading(130, 'warning'), [open('critical')], 60)).toEqual({});
  });

  it('escalates: a critical reading raises even with a warning open', () => {
    expect(alertChange(aqi, t, 'd1', reading(230, 'critical'), [open('warning')], 60).raise).toMatchObject({ level: 'critical', threshold: 201 });
  });

  it('clears open alerts when back to normal, and raises anew after a clear', () => {
    expect(alertChange(aqi, t, 'd1', reading(80, 'normal'), [open('warning')], 70)).toEqual({ clear: ['a-warning'] });
    expect(alertChange(aqi, t, 'd1', reading(80, 'normal'), [open('warning', 65)], 70)).toEqual({});
    expect(alertChange(aqi, t, 'd1', reading(120, 'warning'), [open('warning', 65)], 70).raise).toBeDefined();
  });

  it('ignores figures without thresholds or data', () => {
    expect(alertChange(aqi, undefined, 'd1', reading(500, 'critical'), [], 1)).toEqual({});
    expect(alertChange(aqi, t, 'd1', { value: null, status: 'nodata', asOf: null }, [open('warning')], 1)).toEqual({});
  });
});

describe('feedItemOf', () => {
  it('puts incidents and alarms on the ticker with a severity, and leaves routine readings off', () => {
    expect(feedItemOf({ kind: 'fire.alarm', ts: 5, division: 'd1', type: 'confirmed', values: {} }, 'f1')).toEqual({
      id: 'f1',
      ts: 5,
      kind: 'fire.alarm',
      type: 'confirmed',
      division: 'd1',
      severity: 'critical',
    });
    expect(feedItemOf({ kind: 'traffic.accident', ts: 5, division: 'd1', values: { injured: 2, deaths: 0 } }, 'x')!.severity).toBe('warning');
    expect(feedItemOf({ kind: 'device.alarm', ts: 5, division: 'd1', site: 'cam-1', type: 'intrusion', values: { level: 1 } }, 'x')).toMatchObject({
      severity: 'warning',
      site: 'cam-1',
    });
    expect(feedItemOf({ kind: 'gov.queue', ts: 5, division: 'd1', site: 'h', values: { waiting: 3, waitMin: 1 } }, 'x')).toBeNull();
  });
});
