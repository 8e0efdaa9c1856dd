import { describe, expect, it } from 'vitest';
import type { Alert } from '@cw/contracts';
import { byUrgency } from './alertOrder.ts';

const alert = (id: string, level: Alert['level'], raisedAt: number, clearedAt: number | null = null): Alert => ({
  id,
  metric: 'env.aqi',
  scope: 'city',
  level,
  value: 1,
  threshold: 1,
  raisedAt,
  clearedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
});

describe('byUrgency', () => {
  it('puts critical before warning, crossing before cleared, then the newest first', () => {
    const list = [alert('w', 'warning', 5), alert('c-cleared', 'critical', 9, 10), alert('c-old', 'critical', 1), alert('c-new', 'critical', 3)];
    expect(list.sort(byUrgency).map((a) => a.id)).toEqual(['c-new', 'c-old', 'c-cleared', 'w']);
  });
});
