import { describe, expect, it } from 'vitest';
import { metricDefSchema, type Alert, type MetricDef, type VitalReading } from '@cw/contracts';
import { alertChange } from './alerts.ts';
import { levelOf } from './evaluate.ts';
import { feedItemOf } from './feed.ts';

// A hand-made rule, independent of the catalogue's calibration: a rate where low is bad.
const rate: MetricDef = metricDefSchema.parse({
  id: 'x.rate',
  domain: 'government',
  name: { zh: '率', en: 'Rate' },
  unit: { zh: '%', en: '%' },
  decimals: 1,
  compute: { kind: 'ratio', num: { series: 'x.ok', agg: 'sum' }, den: { series: 'x', agg: 'count' }, window: 'today' },
  minSample: 50,
  thresholds: { bad: 'low', levels: { blue: 95, yellow: 92, orange: 85, red: 80 }, clear: 97 },
  staleAfterSec: 60,
});
const t = rate.thresholds!;
const reading = (value: number | null, sample = 200): VitalReading => ({ value, status: 'normal', asOf: 1, sample });
const open = (level: Alert['level'], clearedAt: number | null = null): Alert => ({
  id: `a-${level}`,
  metric: 'x.rate',
  scope: 'd1',
  level,
  value: 90,
  threshold: 92,
  clearAt: 97,
  raisedAt: 1,
  escalatedAt: null,
  clearedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
});

describe('levelOf', () => {
  it('picks the most severe level reached, inclusive at each threshold, in the bad direction', () => {
    // low is bad: 95 → blue, 92 → yellow, 85 → orange, 80 → red; 95.1 is none.
    expect([95.1, 95, 92.1, 92, 85.1, 85, 80.1, 80, 12].map((v) => levelOf(v, t))).toEqual([null, 'blue', 'blue', 'yellow', 'yellow', 'orange', 'orange', 'red', 'red']);
    const high = { bad: 'high' as const, levels: { yellow: 150, red: 300 }, clear: 120 };
    // A level left out is skipped: 150 → yellow, 299 still yellow, 300 → red.
    expect([149, 150, 299, 300].map((v) => levelOf(v, high))).toEqual([null, 'yellow', 'yellow', 'red']);
  });
});

describe('alertChange', () => {
  it('raises at the level reached, with its threshold and where it will clear', () => {
    expect(alertChange(rate, t, 'd1', reading(91), [], 50).raise).toEqual({
      metric: 'x.rate',
      scope: 'd1',
      level: 'yellow',
      value: 91,
      threshold: 92,
      clearAt: 97,
      raisedAt: 50,
      escalatedAt: null,
      clearedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgeNote: null,
    });
  });

  it('raises nothing over a sample below the minimum, and clears nothing either', () => {
    // 0 of 2 is 0 %: far past red, but 2 < 50 ratings.
    expect(alertChange(rate, t, 'd1', reading(0, 2), [], 50)).toEqual({});
    expect(alertChange(rate, t, 'd1', reading(0, 49), [], 50)).toEqual({});
    expect(alertChange(rate, t, 'd1', reading(0, 50), [], 50).raise).toMatchObject({ level: 'red' });
    // 100 % of 3 is no evidence that an open alert's condition has ended.
    expect(alertChange(rate, t, 'd1', reading(100, 3), [open('yellow')], 60)).toEqual({});
  });

  it('holds an open alert until the value is strictly back past the clear threshold (hysteresis)', () => {
    // Entered yellow at ≤ 92; back at 93, 95.9, 96.9 and exactly 97 it stays raised and raises nothing new.
    for (const v of [93, 95.9, 96.9, 97]) expect(alertChange(rate, t, 'd1', reading(v), [open('yellow')], 70)).toEqual({});
    expect(alertChange(rate, t, 'd1', reading(97.1), [open('yellow')], 70)).toEqual({ clear: ['a-yellow'] });
  });

  it('does not flap: a figure wandering across the yellow line raises once', () => {
    let alerts: Alert[] = [];
    let raised = 0;
    for (const [i, v] of [91.9, 92.5, 91.8, 93, 92, 94.9, 91].entries()) {
      const c = alertChange(rate, t, 'd1', reading(v), alerts, i);
      if (c.raise) {
        raised++;
        alerts = [{ id: `r${i}`, ...c.raise }];
      }
      expect(c.clear).toBeUndefined();
    }
    expect(raised).toBe(1);
  });

  it('escalates the open alert in place, and asks for a fresh acknowledgement', () => {
    const acked = { ...open('yellow'), acknowledgedAt: 5, acknowledgedBy: 'officer', acknowledgeNote: 'known outage' };
    expect(alertChange(rate, t, 'd1', reading(84), [acked], 60)).toEqual({
      escalate: { ...acked, level: 'orange', value: 84, threshold: 85, escalatedAt: 60, acknowledgedAt: null, acknowledgedBy: null, acknowledgeNote: null },
    });
    // Falling back to a lower level neither de-escalates nor raises.
    expect(alertChange(rate, t, 'd1', reading(94), [open('orange')], 70)).toEqual({});
  });

  it('raises anew after a clear', () => {
    expect(alertChange(rate, t, 'd1', reading(94), [open('yellow', 65)], 70).raise).toMatchObject({ level: 'blue', threshold: 95 });
  });

  it('ignores figures without thresholds or data, and scopes the rule does not judge', () => {
    expect(alertChange(rate, undefined, 'd1', reading(10), [], 1)).toEqual({});
    expect(alertChange(rate, t, 'd1', reading(null), [open('yellow')], 1)).toEqual({});
    expect(alertChange({ ...rate, judgedIn: 'city' }, t, 'd1', reading(10), [], 1)).toEqual({});
    expect(alertChange({ ...rate, judgedIn: 'city' }, t, 'city', reading(10), [], 1).raise).toMatchObject({ level: 'red' });
    expect(alertChange({ ...rate, judgedIn: 'divisions' }, t, 'city', reading(10), [], 1)).toEqual({});
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
