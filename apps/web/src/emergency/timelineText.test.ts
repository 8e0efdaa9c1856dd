import { describe, expect, it } from 'vitest';
import type { EmergencyActor, EmergencyRecord, TimelineEntry } from '@cw/contracts';
import { en } from '../i18n/en.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { timelineSayings, timelineSentence } from './timelineText.ts';

const t = (key: MessageKey, params?: Record<string, string | number>) => {
  let s = en[key];
  for (const [k, v] of Object.entries(params ?? {})) s = s.replaceAll(`{${k}}`, String(v));
  return s;
};
const sayings = timelineSayings(
  { lang: 'en', t, time: (ms) => new Date(ms).toISOString().slice(11, 16) },
  [
    { id: 'jjzd', name: { zh: '市公安局交通警察支队', en: 'Traffic Police' } },
    { id: 'wjw', name: { zh: '市卫生健康委员会', en: 'Health Commission' } },
  ],
  [{ id: 'road-traffic', name: { zh: '道路交通事故应急预案', en: 'Road traffic accident plan' } }],
);
const leader: EmergencyActor = { userId: 'u1', role: 'leader', name: '王市长', department: null };
const record = {
  checklist: [{ id: 'c1', text: { zh: '封闭事故路段', en: 'Close the road section' }, doneAt: 1, doneBy: '值班员' }],
  reportDeadlines: [{ channel: 'phone', dueAt: Date.UTC(2026, 10, 27, 2, 30), metAt: null, overdueAt: Date.UTC(2026, 10, 27, 2, 31) }],
} satisfies Pick<EmergencyRecord, 'checklist' | 'reportDeadlines'>;
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({ seq: 1, at: 0, actor: leader, kind: 'note', text: '中文原句', ...over });

describe('timelineSentence', () => {
  it('shows the recorded Chinese sentence in Chinese, and for entries without facts', () => {
    const e = entry({ kind: 'declared', text: '宣布启动Ⅲ级 较大应急响应：现场3人死亡', facts: { level: 3, reason: '现场3人死亡' } });
    expect(timelineSentence(e, record, { ...sayings, lang: 'zh-CN' })).toBe('宣布启动Ⅲ级 较大应急响应：现场3人死亡');
    expect(timelineSentence(entry({ kind: 'stood_down', text: '终止应急响应：已处置完毕' }), record, sayings)).toBe('终止应急响应：已处置完毕');
  });

  it('says every kind again in English from its facts, keeping what people wrote as written', () => {
    const cases: [Partial<TimelineEntry>, string][] = [
      [{ kind: 'declared', facts: { level: 3, planId: 'road-traffic', caseIds: ['C20261127-0007'], drill: false, reason: '现场3人死亡' } }, 'Declared a Level III, major response under the plan “Road traffic accident plan” (from case C20261127-0007): 现场3人死亡'],
      [{ kind: 'declared', facts: { level: 4, planId: null, caseIds: [], drill: true, reason: 'exercise' } }, 'DRILL: declared a Level IV, ordinary response with no matching plan: exercise'],
      [{ kind: 'level_changed', facts: { fromLevel: 3, level: 2, reason: 'more deaths' } }, 'Level raised from Level III, major to Level II, serious: more deaths'],
      [{ kind: 'level_changed', facts: { fromLevel: 2, level: 4, reason: 'contained' } }, 'Level lowered from Level II, serious to Level IV, ordinary: contained'],
      [{ kind: 'stood_down', facts: { reason: 'cleared' } }, 'Response ended: cleared'],
      [{ kind: 'casualties', facts: { casualties: { deaths: 4, injured: 15, missing: 1 }, lossesWan: 820, note: '医院通报' } }, 'Casualties: 4 dead, 15 injured, 1 missing; losses about 820×10k CNY: 医院通报'],
      [{ kind: 'area', facts: { area: { kind: 'radius', radiusM: 1500 } } }, 'Affected area set to a 1.5 km radius'],
      [{ kind: 'area', facts: { area: { kind: 'polygon', ring: [[111, 27], [111.1, 27], [111.1, 27.1]] } } }, 'Affected area set to a drawn area (3 points)'],
      [{ kind: 'department_status', department: 'jjzd', facts: { status: 'on_scene', note: '已封闭两条车道' } }, 'Traffic Police: On scene: 已封闭两条车道'],
      [{ kind: 'department_status', department: 'jjzd', facts: { status: 'responded' } }, 'Traffic Police: Responded'],
      [{ kind: 'checklist', facts: { itemId: 'c1' } }, 'Done: Close the road section'],
      [{ kind: 'notification', department: 'wjw', facts: {} }, 'Notified Health Commission'],
      [{ kind: 'notification_result', department: 'wjw', ok: true, facts: { notifier: 'webhook', detail: 'HTTP 200' } }, 'webhook notice to Health Commission delivered (HTTP 200)'],
      [{ kind: 'notification_result', department: 'wjw', ok: false, facts: { notifier: 'webhook', detail: 'HTTP 500' } }, 'webhook notice to Health Commission NOT delivered (HTTP 500)'],
      [{ kind: 'instruction', facts: { instructionId: 'i1', to: ['wjw', 'jjzd'], note: '全力救治伤员' } }, '王市长 instructed Health Commission, Traffic Police: 全力救治伤员'],
      [{ kind: 'instruction_ack', department: 'wjw', facts: { instructionId: 'i1', note: '全力救治伤员' } }, 'Health Commission acknowledged the instruction: 全力救治伤员'],
      [{ kind: 'report_drafted', facts: { reportKind: 'initial' } }, 'Initial report drafted'],
      [{ kind: 'report_sent', facts: { reportKind: 'follow_up' } }, 'Follow-up report sent in writing'],
      [{ kind: 'phone_report', facts: { note: '已向市委总值班室电话报告' } }, 'Reported by phone: 已向市委总值班室电话报告'],
      [{ kind: 'silence', department: 'wjw', facts: {} }, 'Health Commission has not responded in time; reminded'],
      [{ kind: 'deadline_overdue', facts: { channel: 'phone' } }, 'Phone report overdue (due by 02:30)'],
      [{ kind: 'note', facts: { note: '现场小雨' } }, '现场小雨'],
    ];
    for (const [over, expected] of cases) expect(timelineSentence(entry(over), record, sayings)).toBe(expected);
  });
});
