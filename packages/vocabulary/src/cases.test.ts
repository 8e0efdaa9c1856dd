import { describe, expect, it } from 'vitest';
import { CASE_STATE_LABELS, CATEGORY_LABELS, SLA_LIGHT_LABELS, TRANSITION_ACTION_LABELS, URGENCY_LABELS } from './cases.ts';
import * as vocabulary from './index.ts';

describe('dispatch vocabulary', () => {
  it('names every value of every label table (dispatch, emergency) with a distinct, non-blank label in each language', () => {
    for (const [table, labels] of Object.entries(vocabulary).filter(([name]) => name.endsWith('_LABELS'))) {
      for (const lang of ['zh', 'en'] as const) {
        const texts = Object.values(labels).map((l: { zh: string; en: string }) => l[lang]);
        for (const t of texts) expect(t.trim(), `${table}.${lang}`).not.toBe('');
        expect(new Set(texts).size, `${table}.${lang} has a label used twice`).toBe(texts.length);
      }
    }
  });

  it('uses the terms of digital city management and the 12345 hotline', () => {
    expect(CASE_STATE_LABELS.registered.zh).toBe('立案');
    expect(CASE_STATE_LABELS.parked.zh).toBe('挂账');
    expect(TRANSITION_ACTION_LABELS.supervise.zh).toBe('督办');
    expect(TRANSITION_ACTION_LABELS.remind.zh).toBe('催办');
    expect(URGENCY_LABELS.critical.zh).toBe('特急');
    expect(CATEGORY_LABELS.city_appearance.zh).toBe('市容环境');
    expect(SLA_LIGHT_LABELS.red).toEqual({ zh: '超期', en: 'Overdue' });
  });
});
