import { describe, expect, it } from 'vitest';
import type { Alert } from '@cw/contracts';
import { silentSourceOf } from './provenance.ts';

const alert = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  metric: 'source.silent',
  scope: 'city',
  level: 'yellow',
  value: 400,
  threshold: 300,
  clearAt: 300,
  raisedAt: 1,
  escalatedAt: null,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
  source: { id: 's1', name: '市生态环境局 空气站', metrics: ['env.aqi', 'env.pm25'] },
  ...over,
});

describe('silentSourceOf', () => {
  it('names the silent source feeding a figure while its alert is not cleared', () => {
    expect(silentSourceOf({ a1: alert({}) }, 'env.aqi')).toBe('市生态环境局 空气站');
    expect(silentSourceOf({ a1: alert({}) }, 'gov.received_today')).toBeNull();
    expect(silentSourceOf({ a1: alert({ clearedAt: 5 }) }, 'env.aqi')).toBeNull();
    expect(silentSourceOf({ a1: alert({ metric: 'env.aqi', source: undefined }) }, 'env.aqi')).toBeNull();
    expect(silentSourceOf(undefined, 'env.aqi')).toBeNull();
  });
});
