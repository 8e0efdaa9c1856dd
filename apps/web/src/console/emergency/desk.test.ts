import { describe, expect, it } from 'vitest';
import type { EmergencyRecord, EmergencyReport, EmergencySubtype } from '@cw/contracts';
import {
  concernsDepartment,
  deadlineState,
  deskControls,
  draftToDeclaration,
  nextStatuses,
  pendingInstructions,
  reportSlots,
  sortEmergencies,
  type DeclareDraft,
} from './desk.ts';

const SUBTYPES: EmergencySubtype[] = [
  { id: 'road_traffic', category: 'accident', name: { zh: '道路交通事故', en: 'Road traffic' } },
  { id: 'flood', category: 'natural', name: { zh: '洪涝灾害', en: 'Flood' } },
];

describe('sortEmergencies', () => {
  it('leads with the highest active level, then the earliest; stood-down ones last, newest first', () => {
    const list = [
      { id: 'a', status: 'active', level: 3, declaredAt: 100 },
      { id: 'b', status: 'stood_down', level: 1, declaredAt: 50 },
      { id: 'c', status: 'active', level: 2, declaredAt: 300 },
      { id: 'd', status: 'active', level: 3, declaredAt: 90 },
      { id: 'e', status: 'stood_down', level: 4, declaredAt: 70 },
    ] as const;
    expect(sortEmergencies(list).map((e) => e.id)).toEqual(['c', 'd', 'a', 'e', 'b']);
  });
});

describe('deskControls', () => {
  it('opens only what the server allows', () => {
    // What a duty officer is allowed on an active emergency (docs/emergency.md table).
    const officer = deskControls(['update_casualties', 'set_area', 'check_item', 'notify_department', 'draft_report', 'send_report', 'record_phone_report', 'add_note']);
    expect(officer).toEqual({
      changeLevel: false,
      standDown: false,
      casualties: true,
      checklist: true,
      notify: true,
      instruct: false,
      draftReport: true,
      sendReport: true,
      phoneReport: true,
      note: true,
    });
    const leader = deskControls(['change_level', 'stand_down', 'instruct', 'add_note']);
    expect([leader.changeLevel, leader.standDown, leader.instruct, leader.note, leader.checklist, leader.casualties]).toEqual([true, true, true, true, false, false]);
    expect(Object.values(deskControls([])).every((v) => v === false)).toBe(true);
  });
});

describe('deadlineState', () => {
  const due = { channel: 'phone' as const, dueAt: 10_000, metAt: null, overdueAt: null };
  it('runs with the time left, is overdue at its time or when the server says so, and is met once met', () => {
    expect(deadlineState(due, 4_000)).toEqual({ state: 'running', ms: 6_000 });
    expect(deadlineState(due, 10_000)).toEqual({ state: 'overdue', ms: 0 });
    expect(deadlineState(due, 12_500)).toEqual({ state: 'overdue', ms: 2_500 });
    // The server marked it overdue; our clock may lag a little behind its clock.
    expect(deadlineState({ ...due, overdueAt: 10_000 }, 9_900).state).toBe('overdue');
    expect(deadlineState({ ...due, metAt: 8_000 }, 20_000)).toEqual({ state: 'met', ms: -2_000 });
  });
});

const report = (id: string, kind: EmergencyReport['kind'], sentAt: number | null): EmergencyReport => ({
  id,
  kind,
  draft: `${kind} draft`,
  draftedAt: 1,
  sentAt,
  sentBy: sentAt === null ? null : '值班长',
  text: sentAt === null ? null : `${kind} sent`,
});

describe('reportSlots', () => {
  it('opens only the 初报 at first', () => {
    expect(reportSlots([]).map((s) => [s.kind, s.open, s.draft, s.sent.length])).toEqual([
      ['initial', true, null, 0],
      ['follow_up', false, null, 0],
      ['final', false, null, 0],
    ]);
  });
  it('after the 初报 was sent: 续报 and 终报, with the unsent draft and the sent ones in order', () => {
    const slots = reportSlots([report('r1', 'initial', 100), report('r3', 'follow_up', 300), report('r2', 'follow_up', 200), report('r4', 'follow_up', null)]);
    expect(slots.map((s) => s.open)).toEqual([false, true, true]);
    expect(slots[1]!.draft?.id).toBe('r4');
    expect(slots[1]!.sent.map((r) => r.id)).toEqual(['r2', 'r3']);
  });
  it('closes everything once the 终报 was sent', () => {
    expect(reportSlots([report('r1', 'initial', 100), report('r2', 'final', 200)]).map((s) => s.open)).toEqual([false, false, false]);
  });
});

describe('department desk', () => {
  it('reports only forward', () => {
    expect(nextStatuses('notified')).toEqual(['responded', 'dispatched', 'on_scene', 'handling', 'done']);
    expect(nextStatuses('on_scene')).toEqual(['handling', 'done']);
    expect(nextStatuses('done')).toEqual([]);
  });
  it('lists the instructions it still has to acknowledge, and shows emergencies that concern it', () => {
    const e: Pick<EmergencyRecord, 'departments' | 'instructions'> = {
      departments: [{ department: 'jjzd', lead: true, status: 'notified', statusAt: { notified: 1 }, silentSince: null }],
      instructions: [
        { id: 'i1', at: 1, by: '市长', text: '全力救治伤员', to: ['jjzd', 'wjw'], acknowledgedBy: { wjw: 5 } },
        { id: 'i2', at: 2, by: '市长', text: '做好舆情引导', to: ['wjw'], acknowledgedBy: {} },
        { id: 'i3', at: 3, by: '市长', text: '尽快恢复通行', to: ['jjzd'], acknowledgedBy: { jjzd: 9 } },
      ],
    };
    expect(pendingInstructions(e, 'jjzd').map((i) => i.id)).toEqual(['i1']);
    expect(pendingInstructions(e, 'wjw').map((i) => i.id)).toEqual(['i2']);
    expect(concernsDepartment(e, 'jjzd')).toBe(true);
    expect(concernsDepartment(e, 'wjw')).toBe(true);
    expect(concernsDepartment(e, 'cgj')).toBe(false);
  });
});

describe('draftToDeclaration', () => {
  const draft: DeclareDraft = {
    title: ' 沪昆高速邵阳段多车相撞 ',
    category: 'accident',
    subtype: 'road_traffic',
    level: 3,
    drill: false,
    reason: '已造成3人死亡',
    deaths: '3',
    injured: '12',
    missing: '',
    lossesWan: '350.5',
    division: '',
    address: '',
  };

  it('builds the declaration from a case, trimmed, with empty figures as zero', () => {
    const r = draftToDeclaration(draft, SUBTYPES, { caseIds: ['C-1'] });
    expect(r).toEqual({
      ok: true,
      declaration: {
        title: '沪昆高速邵阳段多车相撞',
        category: 'accident',
        subtype: 'road_traffic',
        level: 3,
        drill: false,
        reason: '已造成3人死亡',
        caseIds: ['C-1'],
        casualties: { deaths: 3, injured: 12, missing: 0 },
        lossesWan: 350.5,
        area: { kind: 'radius', radiusM: 1000 },
      },
    });
  });

  it('declares directly at a place, as a drill', () => {
    const r = draftToDeclaration({ ...draft, drill: true, address: '隆回县城北' }, SUBTYPES, { location: [111.03, 27.11], division: '430524' });
    expect(r.ok && r.declaration).toMatchObject({ drill: true, location: [111.03, 27.11], division: '430524', address: '隆回县城北', caseIds: [] });
  });

  it('names every wrong field: a sub-type of another category, no level, no reason, figures that are not counts', () => {
    const r = draftToDeclaration({ ...draft, title: '  ', subtype: 'flood', level: null, reason: '', deaths: '-1', injured: '2.5', missing: 'x', lossesWan: '1.234' }, SUBTYPES, { caseIds: [] });
    expect(r).toEqual({ ok: false, fields: ['title', 'subtype', 'level', 'reason', 'deaths', 'injured', 'missing', 'lossesWan'] });
    expect(draftToDeclaration(draft, SUBTYPES, { location: [111, 27], division: '' })).toEqual({ ok: false, fields: ['division'] });
  });
});
