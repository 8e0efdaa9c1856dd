import { describe, expect, it } from 'vitest';
import type { EmergencyRecord, TimelineEntry } from '@cw/contracts';
import { tempDataDir } from '../testing/harness.ts';
import { createMemoryStorage } from './memory.ts';
import { openSqliteStorage } from './sqlite.ts';
import { EmergencyConflict, type Storage } from './storage.ts';

const actor = { userId: 'u1', role: 'shift_leader' as const, name: '王值班长', department: null };
const entry = (seq: number, text: string): TimelineEntry => ({ seq, at: 1000 + seq, actor, kind: 'note', text });

function record(id: string, declaredAt: number, over: Partial<EmergencyRecord> = {}): EmergencyRecord {
  return {
    id,
    title: '测试事故',
    category: 'accident',
    subtype: 'road_traffic',
    level: 3,
    drill: false,
    status: 'active',
    declaredAt,
    declaredBy: '王值班长',
    standDownAt: null,
    standDownReason: null,
    location: [111.44, 27.22],
    address: null,
    division: '430503',
    area: { kind: 'radius', radiusM: 500 },
    caseIds: [],
    casualties: { deaths: 0, injured: 0, missing: 0 },
    lossesWan: 0,
    planId: null,
    commander: null,
    departments: [],
    checklist: [],
    instructions: [],
    reports: [],
    reportDeadlines: [],
    timeline: [entry(1, '宣布')],
    version: 1,
    updatedAt: declaredAt,
    ...over,
  };
}

const implementations: [string, () => Storage][] = [
  ['memory', () => createMemoryStorage()],
  ['sqlite', () => openSqliteStorage(tempDataDir())],
];

describe.each(implementations)('%s emergency store', (_name, open) => {
  it('updates only from the expected version and timeline length, appending the new entries', async () => {
    const s = open();
    const e = record('E1', 100);
    await s.insertEmergency(e);
    const next = { ...e, version: 2, lossesWan: 5, timeline: [...e.timeline, entry(2, '更新')] };
    await s.updateEmergency(next, { version: 1, timelineLength: 1 });
    expect(await s.emergencyById('E1')).toEqual(next);
    // A writer that saw version 1 is refused and changes nothing.
    const stale = { ...e, version: 2, lossesWan: 99, timeline: [...e.timeline, entry(2, '冲突')] };
    await expect(s.updateEmergency(stale, { version: 1, timelineLength: 1 })).rejects.toBeInstanceOf(EmergencyConflict);
    // Same version but a longer stored timeline (a server entry landed meanwhile) is refused too.
    const server = { ...next, timeline: [...next.timeline, entry(3, '系统')] };
    await s.updateEmergency(server, { version: 2, timelineLength: 2 });
    await expect(s.updateEmergency({ ...next, timeline: [...next.timeline, entry(3, '覆盖')] }, { version: 2, timelineLength: 2 })).rejects.toBeInstanceOf(EmergencyConflict);
    expect((await s.emergencyById('E1'))!.timeline.map((t) => t.text)).toEqual(['宣布', '更新', '系统']);
    await s.close();
  });

  it('keeps the timeline append-only: a rewritten old entry is not stored', async () => {
    const s = open();
    const e = record('E1', 100);
    await s.insertEmergency(e);
    await s.updateEmergency({ ...e, version: 2, timeline: [entry(1, '篡改'), entry(2, '新增')] }, { version: 1, timelineLength: 1 });
    expect((await s.emergencyById('E1'))!.timeline.map((t) => t.text)).toEqual(['宣布', '新增']);
    await s.close();
  });

  it('lists recent ones (active, or stood down since), all newest first, and counts by day', async () => {
    const s = open();
    await s.insertEmergency(record('E1', 100));
    await s.insertEmergency(record('E2', 200, { status: 'stood_down', standDownAt: 300 }));
    await s.insertEmergency(record('E3', 400, { status: 'stood_down', standDownAt: 500 }));
    expect((await s.recentEmergencies(400)).map((e) => e.id)).toEqual(['E1', 'E3']);
    expect((await s.listEmergencies(2)).map((e) => e.id)).toEqual(['E3', 'E2']);
    expect(await s.countEmergencies(100, 400)).toBe(2);
    expect(await s.emergencyById('nope')).toBeNull();
    await s.close();
  });
});
