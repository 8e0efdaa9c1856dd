import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.ts';
import { EVENT_SOURCES, metricFormula, metricLimits, metricSourceKinds, seriesKind, worseIsHigher } from './describe.ts';

const def = (id: string) => {
  const d = CATALOGUE.find((m) => m.id === id);
  if (d === undefined) throw new Error(`no ${id} in the catalogue`);
  return d;
};

describe('seriesKind', () => {
  it('strips the field and the type from a series name', () => {
    expect(seriesKind('hotline.call')).toBe('hotline.call');
    expect(seriesKind('gov.completed.onTime')).toBe('gov.completed');
    expect(seriesKind('police.incident|fire')).toBe('police.incident');
    expect(seriesKind('tourism.gate.entries|local')).toBe('tourism.gate');
  });
});

describe('metricSourceKinds', () => {
  it('names each source system once, in the order the formula reads them', () => {
    expect(metricSourceKinds(def('gov.on_time_rate'))).toEqual(['gov.completed']);
    expect(metricSourceKinds(def('hotline.answer_rate'))).toEqual(['hotline.call']);
    expect(metricSourceKinds(def('live.bed_occupancy'))).toEqual(['health.beds']);
    expect(metricSourceKinds(def('env.aqi'))).toEqual(['air.reading']);
  });

  it('knows the source of every figure in the catalogue', () => {
    for (const m of CATALOGUE) {
      const kinds = metricSourceKinds(m);
      expect(kinds.length, m.id).toBeGreaterThan(0);
      for (const k of kinds) expect(EVENT_SOURCES[k].zh, `${m.id} ${k}`).not.toBe('');
    }
  });
});

describe('metricFormula', () => {
  it('says a count over today with its series', () => {
    expect(metricFormula(def('safety.police_today'))).toEqual({ zh: '今日（本地0时起）「police.incident」条数', en: 'Today (since local midnight): number of records of “police.incident”' });
  });

  it('says a rate as numerator over denominator', () => {
    expect(metricFormula(def('gov.on_time_rate')).zh).toBe('今日（本地0时起）「gov.completed.onTime」之和 ÷ 「gov.completed」条数 × 100%');
  });

  it('says a gauge over places with its scale', () => {
    expect(metricFormula(def('safety.camera_online')).zh).toBe('各视频监控点最近24小时内「device.status.online」最新读数的平均 × 100');
  });
});

describe('metricLimits', () => {
  it('gives the thresholds in the bad direction with the minimum sample', () => {
    expect(metricLimits(def('gov.on_time_rate'))).toEqual({
      zh: '≤ 95% 蓝色，≤ 92% 黄色，≤ 85% 橙色；> 97% 解除；样本少于 50 时不作判定',
      en: 'blue at ≤ 95%, yellow at ≤ 92%, orange at ≤ 85%; clears at > 97%; not judged on fewer than 50 in the sample',
    });
  });

  it('is null for a figure without thresholds', () => {
    expect(metricLimits(def('gov.received_today'))).toBeNull();
  });
});

describe('worseIsHigher', () => {
  it('follows the thresholds, with the AQI worse when higher and plain counts undecided', () => {
    expect(worseIsHigher(def('gov.on_time_rate'))).toBe(false);
    expect(worseIsHigher(def('env.aqi'))).toBe(true);
    expect(worseIsHigher(def('gov.received_today'))).toBeNull();
  });
});
