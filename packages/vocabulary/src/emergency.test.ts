import { describe, expect, it } from 'vitest';
import { EMERGENCY_LEVELS } from '@cw/contracts';
import { ALERT_LEVEL_COLORS, ALERT_LEVEL_NUMERALS } from './alerts.ts';
import { EMERGENCY_CATEGORY_LABELS, EMERGENCY_LEVEL_COLORS, EMERGENCY_LEVEL_LABELS, EMERGENCY_LEVEL_NUMERALS, REPORT_KIND_LABELS } from './emergency.ts';

describe('emergency vocabulary', () => {
  it('uses the classes and grades of 《突发事件应对法》 and the reporting terms of 应急管理', () => {
    expect(EMERGENCY_CATEGORY_LABELS.natural.zh).toBe('自然灾害');
    expect(EMERGENCY_CATEGORY_LABELS.social_safety.zh).toBe('社会安全事件');
    expect(EMERGENCY_LEVEL_LABELS[1].zh).toBe('Ⅰ级 特别重大');
    expect(EMERGENCY_LEVEL_LABELS[4].zh).toBe('Ⅳ级 一般');
    expect(REPORT_KIND_LABELS.follow_up.zh).toBe('续报');
  });

  it('gives each level its numeral and a colour of its own, and an alert level the colour and numeral of the emergency level it matches', () => {
    expect(EMERGENCY_LEVELS.map((l) => EMERGENCY_LEVEL_NUMERALS[l])).toEqual(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ']);
    expect(new Set(EMERGENCY_LEVELS.map((l) => EMERGENCY_LEVEL_COLORS[l])).size).toBe(4);
    expect(ALERT_LEVEL_COLORS.red).toBe(EMERGENCY_LEVEL_COLORS[1]);
    expect(ALERT_LEVEL_COLORS.blue).toBe(EMERGENCY_LEVEL_COLORS[4]);
    expect(ALERT_LEVEL_NUMERALS).toEqual({ red: 'Ⅰ', orange: 'Ⅱ', yellow: 'Ⅲ', blue: 'Ⅳ' });
  });
});
