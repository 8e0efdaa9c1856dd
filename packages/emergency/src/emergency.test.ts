import { describe, expect, it } from 'vitest';
import { emergencyProfileSchema, type EmergencyActor, type EmergencyCommand, type EmergencyRecord, type EmergencyResource } from '@cw/contracts';
import {
  allowedActions,
  applyEmergencyCommand,
  checkTimers,
  countsInStatistics,
  declareEmergency,
  draftReport,
  etaMinutes,
  haversineM,
  leadingEmergency,
  nearestResources,
  realEmergencies,
  reportDeadlines,
  suggestAccidentLevel,
  suggestLevel,
  type Declaration,
  type EmergencyContext,
} from './index.ts';

const MIN = 60_000;
/** 2026-05-01 14:05 in Beijing time (UTC+8). */
const T0 = Date.UTC(2026, 4, 1, 6, 5);

const profile = emergencyProfileSchema.parse({
  subtypes: [
    { id: 'road_traffic', category: 'accident', name: { zh: '道路交通事故', en: 'Road traffic accident' } },
    { id: 'flood', category: 'natural', name: { zh: '洪涝灾害', en: 'Flood' } },
  ],
  plans: [
    {
      id: 'road',
      name: { zh: '道路交通事故应急预案', en: 'Road traffic accident plan' },
      category: 'accident',
      subtypes: ['road_traffic'],
      resourceKinds: ['hospital', 'rescue_team'],
      responses: [
        {
          levels: [1, 2],
          commander: { zh: '市长', en: 'Mayor' },
          leadDepartment: 'yjglj',
          linkedDepartments: ['jjzd', 'wjw', 'xfzd'],
          checklist: [{ id: 'hq', text: { zh: '成立现场指挥部', en: 'Set up a field HQ' } }],
          reportingChain: [{ zh: '省应急管理厅', en: 'Provincial emergency department' }],
        },
        {
          levels: [3, 4],
          commander: { zh: '分管副市长', en: 'Vice-mayor' },
          leadDepartment: 'jjzd',
          linkedDepartments: ['wjw'],
          checklist: [
            { id: 'close', text: { zh: '封闭事故路段', en: 'Close the road' } },
            { id: 'treat', text: { zh: '组织伤员救治', en: 'Treat the injured' } },
          ],
          reportingChain: [{ zh: '市委总值班室', en: 'Party duty office' }, { zh: '市政府总值班室', en: 'Government duty office' }],
        },
      ],
    },
  ],
  reportDeadlines: [
    { channel: 'phone', maxLevel: 3, minutes: 30 },
    { channel: 'written', maxLevel: 3, minutes: 60 },
  ],
  silenceMinutes: 15,
});

const DEPARTMENTS: Record<string, string> = { yjglj: '市应急管理局', jjzd: '市公安局交通警察支队', wjw: '市卫生健康委员会', xfzd: '市消防救援支队' };
const ctx: EmergencyContext = {
  profile,
  departmentName: (id) => DEPARTMENTS[id],
  divisionName: (code) => ({ '430503': '大祥区' })[code],
  cityName: '测试市',
  utcOffsetMinutes: 480,
};

/** A command without its version (the helpers fill in the record's unless given). */
type Cmd = EmergencyCommand extends infer C ? (C extends EmergencyCommand ? Omit<C, 'version'> & { version?: number } : never) : never;

const person = (role: EmergencyActor['role'], name: string, department: string | null = null): EmergencyActor => ({ userId: name, role, name, department });
const shift = person('shift_leader', '王值班长');
const officer = person('duty_officer', '李值班员');
const leader = person('leader', '张市长');
const wjw = person('department', '卫健委值班', 'wjw');
const jjzd = person('department', '交警值班', 'jjzd');

const declaration: Declaration = {
  title: '沪昆高速三车相撞',
  category: 'accident',
  subtype: 'road_traffic',
  level: 3,
  drill: false,
  reason: '现场报告多人受伤',
  location: [111.439091, 27.221452],
  division: '430503',
  address: '沪昆高速K1203处',
  area: { kind: 'radius', radiusM: 500 },
  caseIds: ['C20260501-0001'],
  casualties: { deaths: 0, injured: 0, missing: 0 },
  lossesWan: 0,
};

function declared(overrides: Partial<Declaration> = {}): EmergencyRecord {
  const out = declareEmergency({ ...declaration, ...overrides }, 'E1', shift, T0, ctx);
  if (!out.ok) throw new Error(out.error.message);
  return out.record;
}

function run(e: EmergencyRecord, cmd: Cmd, actor: EmergencyActor, at: number): EmergencyRecord {
  const out = applyEmergencyCommand(e, { version: e.version, ...cmd } as EmergencyCommand, actor, at, ctx);
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out.record;
}

function refusal(e: EmergencyRecord, cmd: Cmd, actor: EmergencyActor, at = T0 + MIN): string {
  const out = applyEmergencyCommand(e, { version: e.version, ...cmd } as EmergencyCommand, actor, at, ctx);
  return out.ok ? 'accepted' : out.error.code;
}

describe('level suggestion (生产安全事故报告和调查处理条例, art. 3)', () => {
  const none = { deaths: 0, injured: 0, missing: 0 };
  it('grades by deaths, bounds included', () => {
    expect([30, 29, 10, 9, 3, 2, 0].map((deaths) => suggestAccidentLevel({ ...none, deaths }, 0))).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });
  it('grades by injured', () => {
    expect([100, 99, 50, 49, 10, 9].map((injured) => suggestAccidentLevel({ ...none, injured }, 0))).toEqual([1, 2, 2, 3, 3, 4]);
  });
  it('grades by direct losses in 万元 (1亿 = 10 000万)', () => {
    expect([10_000, 9_999, 5_000, 4_999.9, 1_000, 999].map((l) => suggestAccidentLevel(none, l))).toEqual([1, 2, 2, 3, 3, 4]);
  });
  it('takes the most severe of the three, counting the missing with the deaths', () => {
    expect(suggestAccidentLevel({ deaths: 2, injured: 60, missing: 0 }, 1_200)).toBe(2);
    expect(suggestAccidentLevel({ deaths: 1, injured: 0, missing: 2 }, 0)).toBe(3);
  });
  it('suggests only for accidents', () => {
    expect(suggestLevel({ category: 'natural', casualties: { deaths: 40, injured: 0, missing: 0 }, lossesWan: 0 })).toBeNull();
    expect(suggestLevel({ category: 'accident', casualties: { deaths: 40, injured: 0, missing: 0 }, lossesWan: 0 })).toBe(1);
  });
});

describe('the leading emergency', () => {
  const e = (id: string, level: 1 | 2 | 3 | 4, declaredAt: number, status: 'active' | 'stood_down' = 'active') => ({ id, level, declaredAt, status });
  it('is the highest level among the active ones, then the earliest', () => {
    expect(leadingEmergency([e('a', 3, 100), e('b', 2, 200), e('c', 1, 50, 'stood_down')])?.id).toBe('b');
    expect(leadingEmergency([e('a', 2, 200), e('b', 2, 100)])?.id).toBe('b');
    expect(leadingEmergency([e('c', 1, 50, 'stood_down')])).toBeNull();
  });
});

describe('distances and ETAs', () => {
  it('measures a great circle: 0.1° of latitude is 11.12 km', () => {
    // 6 371 008.8 m × π / 1800 = 11 119.5 m
    expect(haversineM([111, 27], [111, 27.1])).toBeCloseTo(11_119.5, 0);
  });
  it('estimates the ETA at the stated speed, rounded up', () => {
    // 11.1195 km at 40 km/h = 16.7 min
    expect(etaMinutes(11_119.5, 40)).toBe(17);
    expect(etaMinutes(10_000, 60)).toBe(10);
  });
  it('ranks resources by distance, filtered by kind, a few of each', () => {
    const r = (id: string, kind: EmergencyResource['kind'], lat: number): EmergencyResource => ({ id, kind, name: { zh: id, en: id }, division: '430503', location: [111, lat] });
    const all = [r('far-h', 'hospital', 27.3), r('near-h', 'hospital', 27.01), r('mid-h', 'hospital', 27.1), r('shelter', 'shelter', 27.0)];
    const got = nearestResources(all, [111, 27], { kinds: ['hospital'], speedKmh: 40, perKind: 2 });
    expect(got.map((x) => x.resource.id)).toEqual(['near-h', 'mid-h']);
    expect(got[1]!.distanceM).toBe(11_120);
    expect(got[1]!.etaMinutes).toBe(17);
  });
});

describe('reporting limits', () => {
  it('较大 and above: phone in 30 min, written in 1 h; nothing for 一般', () => {
    expect(reportDeadlines(profile.reportDeadlines, 3, T0)).toEqual([
      { channel: 'phone', dueAt: T0 + 30 * MIN, metAt: null, overdueAt: null },
      { channel: 'written', dueAt: T0 + 60 * MIN, metAt: null, overdueAt: null },
    ]);
    expect(reportDeadlines(profile.reportDeadlines, 4, T0)).toEqual([]);
  });
  it('takes the tightest rule a level reaches', () => {
    const rules = [...profile.reportDeadlines, { channel: 'phone' as const, maxLevel: 2 as const, minutes: 15 }];
    expect(reportDeadlines(rules, 2, 0).find((d) => d.channel === 'phone')?.dueAt).toBe(15 * MIN);
    expect(reportDeadlines(rules, 3, 0).find((d) => d.channel === 'phone')?.dueAt).toBe(30 * MIN);
  });
});

describe('declaring', () => {
  it('links the plan’s departments for the level, notifies them, copies the checklist and starts the limits', () => {
    const out = declareEmergency(declaration, 'E1', shift, T0, ctx);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const e = out.record;
    expect(e.status).toBe('active');
    expect(e.version).toBe(1);
    expect(e.planId).toBe('road');
    expect(e.commander?.zh).toBe('分管副市长');
    expect(e.departments.map((d) => [d.department, d.lead, d.status, d.statusAt.notified])).toEqual([
      ['jjzd', true, 'notified', T0],
      ['wjw', false, 'notified', T0],
    ]);
    expect(e.checklist.map((c) => c.id)).toEqual(['close', 'treat']);
    expect(e.reportDeadlines.map((d) => d.channel)).toEqual(['phone', 'written']);
    expect(out.notifications.map((n) => n.department)).toEqual(['jjzd', 'wjw']);
    expect(out.notifications[0]!.text).toContain('Ⅲ级 较大');
    expect(e.timeline.map((t) => [t.seq, t.kind])).toEqual([[1, 'declared'], [2, 'notification'], [3, 'notification']]);
    expect(e.timeline[0]!.text).toContain('C20260501-0001');
  });
  it('labels a drill in its notifications', () => {
    const out = declareEmergency({ ...declaration, drill: true }, 'E2', shift, T0, ctx);
    expect(out.ok && out.notifications[0]!.text.startsWith('【演练】')).toBe(true);
  });
  it('refuses a sub-type of another category, or an unknown one', () => {
    const wrong = declareEmergency({ ...declaration, subtype: 'flood' }, 'E1', shift, T0, ctx);
    expect(wrong.ok ? 'accepted' : wrong.error.code).toBe('invalid_command');
    const unknown = declareEmergency({ ...declaration, subtype: 'meteor' }, 'E1', shift, T0, ctx);
    expect(unknown.ok ? 'accepted' : unknown.error.code).toBe('invalid_command');
  });
});

describe('commands', () => {
  it('raising the level links what the new response adds and bumps the version', () => {
    const out = applyEmergencyCommand(declared(), { action: 'change_level', version: 1, level: 2, reason: '伤亡扩大' }, shift, T0 + 5 * MIN, ctx);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.record.level).toBe(2);
    expect(out.record.version).toBe(2);
    expect(out.record.departments.map((d) => d.department)).toEqual(['jjzd', 'wjw', 'yjglj', 'xfzd']);
    expect(out.notifications.map((n) => n.department)).toEqual(['yjglj', 'xfzd']);
    expect(out.record.checklist.map((c) => c.id)).toEqual(['close', 'treat', 'hq']);
    expect(out.record.timeline.at(-3)!.text).toBe('响应级别由Ⅲ级 较大提升为Ⅱ级 重大：伤亡扩大');
  });
  it('refuses in order: role, department, version, status — and returns no record', () => {
    const e = declared();
    expect(refusal(e, { action: 'change_level', level: 2, reason: 'x' }, officer)).toBe('forbidden_role');
    expect(refusal(e, { action: 'instruct', text: '全力救治', to: ['wjw'] }, shift)).toBe('forbidden_role');
    expect(refusal(e, { action: 'set_department_status', department: 'jjzd', status: 'responded' }, wjw)).toBe('wrong_department');
    expect(refusal(e, { action: 'change_level', level: 2, reason: 'x', version: 7 }, shift)).toBe('version_conflict');
    const down = run(e, { action: 'stand_down', reason: '处置完毕' }, shift, T0 + MIN);
    expect(refusal(down, { action: 'change_level', level: 2, reason: 'x' }, shift, T0 + 2 * MIN)).toBe('invalid_transition');
    expect(refusal(e, { action: 'change_level', level: 3, reason: 'x' }, shift)).toBe('invalid_command');
  });
  it('a department moves its own status forward only, with the time of each step', () => {
    let e = declared();
    e = run(e, { action: 'set_department_status', department: 'wjw', status: 'responded' }, wjw, T0 + 3 * MIN);
    e = run(e, { action: 'set_department_status', department: 'wjw', status: 'on_scene' }, wjw, T0 + 20 * MIN);
    const d = e.departments.find((x) => x.department === 'wjw')!;
    expect(d.status).toBe('on_scene');
    expect(d.statusAt).toEqual({ notified: T0, responded: T0 + 3 * MIN, on_scene: T0 + 20 * MIN });
    expect(refusal(e, { action: 'set_department_status', department: 'wjw', status: 'dispatched' }, wjw, T0 + 21 * MIN)).toBe('invalid_command');
    expect(e.timeline.at(-1)!.text).toBe('市卫生健康委员会到场');
  });
  it('an instruction is acknowledged by its addressees only, each once', () => {
    let e = run(declared(), { action: 'instruct', text: '全力救治伤员', to: ['wjw'] }, leader, T0 + 2 * MIN);
    expect(e.instructions).toEqual([{ id: 'i1', at: T0 + 2 * MIN, by: '张市长', text: '全力救治伤员', to: ['wjw'], acknowledgedBy: {} }]);
    expect(refusal(e, { action: 'acknowledge_instruction', instructionId: 'i1', department: 'wjw' }, jjzd, T0 + 3 * MIN)).toBe('wrong_department');
    expect(refusal(e, { action: 'acknowledge_instruction', instructionId: 'i1', department: 'jjzd' }, jjzd, T0 + 3 * MIN)).toBe('wrong_department');
    e = run(e, { action: 'acknowledge_instruction', instructionId: 'i1', department: 'wjw' }, wjw, T0 + 4 * MIN);
    expect(e.instructions[0]!.acknowledgedBy).toEqual({ wjw: T0 + 4 * MIN });
    expect(refusal(e, { action: 'acknowledge_instruction', instructionId: 'i1', department: 'wjw' }, wjw, T0 + 5 * MIN)).toBe('invalid_command');
  });
  it('records each entry’s facts beside its Chinese sentence, so that screens can say it in another language', () => {
    let e = declared();
    expect(e.timeline[0]!.facts).toEqual({ level: 3, planId: 'road', caseIds: ['C20260501-0001'], drill: false, reason: '现场报告多人受伤' });
    expect(e.timeline[1]!.facts).toEqual({});
    e = run(e, { action: 'change_level', level: 2, reason: '伤亡扩大' }, shift, T0 + MIN);
    expect(e.timeline.find((x) => x.kind === 'level_changed')!.facts).toEqual({ fromLevel: 3, level: 2, reason: '伤亡扩大' });
    e = run(e, { action: 'set_department_status', department: 'wjw', status: 'on_scene', note: '三辆救护车到场' }, wjw, T0 + 2 * MIN);
    expect(e.timeline.at(-1)!.facts).toEqual({ status: 'on_scene', note: '三辆救护车到场' });
    e = run(e, { action: 'update_casualties', casualties: { deaths: 1, injured: 6, missing: 0 }, lossesWan: 120 }, officer, T0 + 3 * MIN);
    expect(e.timeline.at(-1)!.facts).toEqual({ casualties: { deaths: 1, injured: 6, missing: 0 }, lossesWan: 120 });
    e = run(e, { action: 'check_item', itemId: 'close' }, officer, T0 + 4 * MIN);
    expect(e.timeline.at(-1)!.facts).toEqual({ itemId: 'close' });
    e = run(e, { action: 'instruct', text: '全力救治伤员', to: ['wjw'] }, leader, T0 + 5 * MIN);
    expect(e.timeline.find((x) => x.kind === 'instruction')!.facts).toEqual({ instructionId: 'i1', to: ['wjw'], note: '全力救治伤员' });
    e = run(e, { action: 'draft_report', kind: 'initial' }, officer, T0 + 6 * MIN);
    expect(e.timeline.at(-1)!.facts).toEqual({ reportKind: 'initial' });
    e = run(e, { action: 'stand_down', reason: '处置完毕' }, shift, T0 + 7 * MIN);
    expect(e.timeline.at(-1)!.facts).toEqual({ reason: '处置完毕' });
  });
  it('instructions go to linked departments only', () => {
    expect(refusal(declared(), { action: 'instruct', text: '做好准备', to: ['xfzd'] }, leader)).toBe('invalid_command');
  });
  it('notifying a new department links it (escalation)', () => {
    const out = applyEmergencyCommand(declared(), { action: 'notify_department', version: 1, department: 'xfzd', message: '请派员协助破拆' }, officer, T0 + MIN, ctx);
    expect(out.ok && out.record.departments.at(-1)).toEqual({ department: 'xfzd', lead: false, status: 'notified', statusAt: { notified: T0 + MIN }, silentSince: null });
    expect(out.ok && out.notifications[0]!.text.endsWith('请派员协助破拆')).toBe(true);
  });
  it('lists what each role may do now', () => {
    const e = declared();
    expect(allowedActions(e, officer)).toEqual(['update_casualties', 'set_area', 'check_item', 'notify_department', 'draft_report', 'send_report', 'record_phone_report', 'add_note']);
    expect(allowedActions(e, shift)).toContain('stand_down');
    expect(allowedActions(e, wjw)).toEqual(['set_department_status']);
    expect(allowedActions(e, person('department', 'x', 'cgj'))).toEqual([]);
    const instructed = run(e, { action: 'instruct', text: '全力救治伤员', to: ['wjw'] }, leader, T0 + MIN);
    expect(allowedActions(instructed, wjw)).toEqual(['set_department_status', 'acknowledge_instruction']);
    expect(allowedActions(person('wall', 'wall') as never, wjw)).toEqual([]);
    const down = run(e, { action: 'stand_down', reason: '处置完毕' }, shift, T0 + MIN);
    expect(allowedActions(down, officer)).toEqual(['draft_report', 'send_report', 'add_note']);
  });
});

describe('reports', () => {
  function withFacts(): EmergencyRecord {
    let e = declared();
    e = run(e, { action: 'update_casualties', casualties: { deaths: 3, injured: 12, missing: 1 }, lossesWan: 800 }, officer, T0 + 10 * MIN);
    e = run(e, { action: 'check_item', itemId: 'close' }, officer, T0 + 12 * MIN);
    e = run(e, { action: 'set_department_status', department: 'wjw', status: 'on_scene' }, wjw, T0 + 15 * MIN);
    return e;
  }
  it('drafts the initial report from the recorded facts in the official layout', () => {
    const text = draftReport(withFacts(), 'initial', ctx, T0 + 20 * MIN);
    const lines = text.split('\n');
    expect(lines[0]).toBe('关于大祥区沪昆高速K1203处沪昆高速三车相撞的初报');
    expect(lines[2]).toBe('市委总值班室、市政府总值班室：');
    expect(text).toContain('2026年5月1日14时05分，大祥区沪昆高速K1203处发生道路交通事故（沪昆高速三车相撞），测试市启动Ⅲ级 较大应急响应，由分管副市长统一指挥，市公安局交通警察支队牵头处置。');
    expect(text).toContain('事件类别：事故灾难（道路交通事故）；');
    expect(text).toContain('发生地点：大祥区沪昆高速K1203处（东经111.4391°，北纬27.2215°）；');
    expect(text).toContain('影响范围：事发点周边500米范围。');
    expect(text).toContain('截至2026年5月1日14时25分，事件已造成3人死亡、12人受伤、1人失踪，直接经济损失约800万元。');
    expect(text).toContain('（一）封闭事故路段（2026年5月1日14时17分，李值班员）。');
    expect(text).toContain('市公安局交通警察支队（牵头）：已通知（2026年5月1日14时05分）；市卫生健康委员会：到场（2026年5月1日14时20分）。');
    expect(text).toContain('（一）组织伤员救治。');
    expect(lines.at(-2)).toBe('测试市城市运行管理指挥中心');
    expect(lines.at(-1)).toBe('2026年5月1日');
  });
  it('keeps a sent report unchanged and meets the written limit', () => {
    let e = run(withFacts(), { action: 'draft_report', kind: 'initial' }, officer, T0 + 20 * MIN);
    expect(refusal(e, { action: 'draft_report', kind: 'follow_up' }, officer, T0 + 21 * MIN)).toBe('invalid_command');
    e = run(e, { action: 'send_report', reportId: 'r1', text: '定稿初报' }, officer, T0 + 25 * MIN);
    expect(e.reports[0]).toMatchObject({ id: 'r1', kind: 'initial', sentAt: T0 + 25 * MIN, sentBy: '李值班员', text: '定稿初报' });
    expect(e.reportDeadlines.find((d) => d.channel === 'written')?.metAt).toBe(T0 + 25 * MIN);
    expect(refusal(e, { action: 'send_report', reportId: 'r1', text: '改了' }, officer, T0 + 26 * MIN)).toBe('invalid_command');
    expect(refusal(e, { action: 'draft_report', kind: 'initial' }, officer, T0 + 26 * MIN)).toBe('invalid_command');
    e = run(e, { action: 'draft_report', kind: 'follow_up' }, officer, T0 + 30 * MIN);
    expect(e.reports.map((r) => [r.id, r.kind, r.text])).toEqual([['r1', 'initial', '定稿初报'], ['r2', 'follow_up', null]]);
    expect(e.reports[1]!.draft.split('\n')[0]).toBe('关于大祥区沪昆高速K1203处沪昆高速三车相撞的续报（第1次）');
  });
  it('the final report says when and why the response ended', () => {
    const e = run(withFacts(), { action: 'stand_down', reason: '现场清理完毕，道路恢复通行' }, shift, T0 + 90 * MIN);
    expect(draftReport(e, 'final', ctx, T0 + 95 * MIN)).toContain('应急响应已于2026年5月1日15时35分终止（现场清理完毕，道路恢复通行）。');
  });
});

describe('timers', () => {
  it('flags departments silent past the limit once, and reminds them, without a new version', () => {
    let e = declared();
    e = run(e, { action: 'set_department_status', department: 'wjw', status: 'responded' }, wjw, T0 + 5 * MIN);
    expect(checkTimers(e, T0 + 14 * MIN, ctx)).toBeNull();
    const out = checkTimers(e, T0 + 15 * MIN, ctx)!;
    expect(out.record.departments.map((d) => [d.department, d.silentSince])).toEqual([['jjzd', T0 + 15 * MIN], ['wjw', null]]);
    expect(out.notifications.map((n) => n.department)).toEqual(['jjzd']);
    expect(out.record.version).toBe(e.version);
    expect(out.record.timeline.slice(-2).map((t) => [t.kind, t.actor.role])).toEqual([['silence', 'system'], ['notification', 'system']]);
    expect(checkTimers(out.record, T0 + 16 * MIN, ctx)).toBeNull();
  });
  it('flags an unmet reporting limit when it passes', () => {
    const e = run(declared(), { action: 'set_department_status', department: 'jjzd', status: 'responded' }, jjzd, T0 + MIN);
    const acked = run(e, { action: 'set_department_status', department: 'wjw', status: 'responded' }, wjw, T0 + MIN);
    expect(checkTimers(acked, T0 + 29 * MIN, ctx)).toBeNull();
    const out = checkTimers(acked, T0 + 30 * MIN, ctx)!;
    expect(out.record.reportDeadlines.map((d) => [d.channel, d.overdueAt])).toEqual([['phone', T0 + 30 * MIN], ['written', null]]);
    expect(out.record.timeline.at(-1)!.text).toBe('电话报告已超过时限（应于2026年5月1日14时35分前报送）');
    const phoned = run(acked, { action: 'record_phone_report', note: '已电话报告市委总值班室' }, officer, T0 + 20 * MIN);
    expect(checkTimers(phoned, T0 + 30 * MIN, ctx)).toBeNull();
  });
});

describe('drills', () => {
  it('never count in statistics', () => {
    expect(countsInStatistics({ drill: true })).toBe(false);
    expect(countsInStatistics({ drill: false })).toBe(true);
    expect(realEmergencies([{ drill: true, id: 'a' }, { drill: false, id: 'b' }]).map((e) => e.id)).toEqual(['b']);
  });
});
