import { describe, expect, it } from 'vitest';
import { compareAlerts, type Alert } from './alerts.ts';

const alert = (id: string, level: Alert['level'], raisedAt: number, clearedAt: number | null = null): Alert => ({
  id,
  metric: 'env.aqi',
  scope: 'city',
  level,
  value: 1,
  threshold: 1,
  clearAt: 1,
  raisedAt,
  escalatedAt: null,
  clearedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
});

describe('compareAlerts', () => {
  it('orders by level (red, orange, yellow, blue), then crossing before cleared, then newest first', () => {
    const list = [
      alert('blue-new', 'blue', 50),
      alert('yellow', 'yellow', 5),
      alert('red-cleared', 'red', 9, 10),
      alert('orange', 'orange', 40),
      alert('red-old', 'red', 1),
      alert('red-new', 'red', 3),
      alert('orange-cleared', 'orange', 45, 46),
    ];
    expect(list.sort(compareAlerts).map((a) => a.id)).toEqual(['red-new', 'red-old', 'red-cleared', 'orange', 'orange-cleared', 'yellow', 'blue-new']);
  });
});
