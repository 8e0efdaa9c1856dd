import { describe, expect, it } from 'vitest';
import { CHANNELS, cityProfileSchema, newCaseSchema, type CaseRecord, type Department } from '@cw/contracts';
import profileJson from '../../../profiles/shaoyang/profile.json' with { type: 'json' };
import { createSimulator } from './simulator.ts';
import { crewMove } from './crew.ts';

const profile = cityProfileSchema.parse(profileJson);
const HOUR = 3_600_000;
// Wednesday 2026-11-25 00:00 in Shaoyang.
const WED = Date.UTC(2026, 10, 24, 16);

describe('case intake', () => {
  const sim = createSimulator(profile, { seed: 20261127 });
  const day = sim.reportsBetween(WED, WED + 24 * HOUR);

  it('reports a plausible working day from every channel, all valid', () => {
    // ≈11.4 units × 43.7 reports (33 from 12345, 10 from the other channels, 0.7 duplicates) ≈ 500, ± a third.
    expect(day.length).toBeGreaterThan(330);
    expect(day.length).toBeLessThan(670);
    const channels = new Set(day.map((r) => r.report.channel));
    // Leaders' assignments are rare (about one a day); every other channel reports daily.
    for (const c of CHANNELS.filter((c) => c !== 'leader_assignment')) expect(channels).toContain(c);
    for (const r of day) expect(newCaseSchema.safeParse(r.report).success, JSON.stringify(r)).toBe(true);
    expect(new Set(day.map((r) => r.id)).size).toBe(day.length);
    // Inspectors patrol by day only.
    const night = day.filter((r) => r.report.channel === 'grid_inspector' && !r.id.includes(':dup:') && (r.ts - WED) % (24 * HOUR) < 6 * HOUR);
    expect(night).toEqual([]);
  });

  it('is the same whatever the chunking', () => {
    const chunks = [];
    for (let t = WED; t < WED + 24 * HOUR; t += 37 * 60_000) chunks.push(...sim.reportsBetween(t, Math.min(t + 37 * 60_000, WED + 24 * HOUR)));
    expect(chunks.map((r) => r.id)).toEqual(day.map((r) => r.id));
  });

  it('sometimes has an inspector report what a 12345 caller reported, nearby and soon after', () => {
    const dups = day.filter((r) => r.id.startsWith('grid_inspector:dup:'));
    expect(dups.length).toBeGreaterThan(0);
    for (const d of dups) {
      const original = day.find((r) => d.id.endsWith(r.id))!;
      expect(original.report.category).toBe(d.report.category);
      expect(d.ts - original.ts).toBeGreaterThan(0);
      expect(d.ts - original.ts).toBeLessThanOrEqual(40 * 60_000);
      expect(d.report.reporter).toBeUndefined();
    }
  });
});

describe('simulated crew', () => {
  const departments = profile.departments as Department[];
  const base: CaseRecord = {
    id: 'C20261125-0001',
    title: '测试',
    description: '测试',
    channel: 'hotline_12345',
    requestType: 'complaint',
    category: 'city_appearance',
    urgency: 'normal',
    division: '430502',
    state: 'reported',
    department: null,
    version: 1,
    reportedAt: WED,
    updatedAt: WED,
    closedAt: null,
    mergedReportIds: [],
    mergedInto: null,
    sla: null,
    pendingExtensionDays: null,
    supervised: false,
    reminders: 0,
    rating: null,
  };

  it('waits, then registers and dispatches to the bureau that handles the category', () => {
    expect(crewMove(base, WED + 60_000, departments, 1)).toBeNull();
    const move = crewMove(base, WED + HOUR, departments, 1)!;
    expect(['register', 'void']).toContain(move.command.action);
    const dispatch = crewMove({ ...base, state: 'registered', version: 2 }, WED + 2 * HOUR, departments, 1)!;
    expect(dispatch.command).toMatchObject({ action: 'dispatch', department: 'cgj' });
    expect(dispatch.actor.role).toBe('duty_officer');
  });

  it('signs for and handles as the assigned department', () => {
    const m = crewMove({ ...base, state: 'acknowledged', department: 'cgj', version: 4 }, WED + HOUR, departments, 1)!;
    expect(m.command.action).toBe('start');
    expect(m.actor).toEqual({ userId: 'sim:cgj', role: 'department', department: 'cgj', name: '模拟处置人员' });
  });

  it('closes most inquiries and some requests for help on the call, never a complaint', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => i + 1);
    const first = (requestType: NonNullable<CaseRecord['requestType']>) =>
      seeds.map((seed) => crewMove({ ...base, requestType }, WED + HOUR, departments, seed)!.command);
    const onCall = (requestType: NonNullable<CaseRecord['requestType']>) => first(requestType).filter((c) => c.action === 'close_on_call').length;
    // 80 % and 30 % of 200 seeds, give or take what 200 draws scatter.
    expect(onCall('inquiry')).toBeGreaterThan(140);
    expect(onCall('inquiry')).toBeLessThan(180);
    expect(onCall('help')).toBeGreaterThan(40);
    expect(onCall('help')).toBeLessThan(80);
    expect(onCall('complaint')).toBe(0);
    expect(onCall('suggestion')).toBe(0);
    expect(first('inquiry').find((c) => c.action === 'close_on_call')).toMatchObject({ answer: '已向来电人解答政策与办理流程' });
  });

  it('asks for an extension now and then, but never once the deadline has passed', () => {
    const clock = { step: 'handling', basis: 'working_time', startedAt: WED, budgetMs: 7 * HOUR, remindedAt: null, supervisedAt: null, paused: false } as const;
    const working = { ...base, state: 'in_progress' as const, department: 'cgj', version: 5 };
    const seeds = Array.from({ length: 200 }, (_, i) => i + 1);
    const at = WED + 60 * HOUR;
    // (The few drawn to finish late wait past the deadline: nothing yet.)
    const ahead = seeds.map((seed) => crewMove({ ...working, sla: { ...clock, deadline: at + 100 * HOUR } }, at, departments, seed)?.command.action);
    expect(ahead).toContain('request_extension');
    // Past the deadline: feedback, or (for the few drawn to finish late, by more than this hour) nothing yet.
    const overdue = seeds.map((seed) => crewMove({ ...working, sla: { ...clock, deadline: at - HOUR } }, at, departments, seed)?.command.action ?? 'not_yet');
    expect(new Set(overdue)).toEqual(new Set(['feedback', 'not_yet']));
    expect(overdue.filter((a) => a === 'feedback').length).toBeGreaterThan(180);
  });

  it('rates closed 12345 cases once, those closed on the call only when the caller asked', () => {
    const closed = { ...base, state: 'closed' as const, version: 8, closedAt: WED, department: 'cgj' };
    expect(crewMove(closed, WED + 30 * HOUR, departments, 1)!.command.action).toBe('evaluate');
    expect(crewMove({ ...closed, rating: 'satisfied' }, WED + 30 * HOUR, departments, 1)).toBeNull();
    expect(crewMove({ ...closed, channel: 'grid_inspector', requestType: undefined }, WED + 30 * HOUR, departments, 1)).toBeNull();
    const onCall = { ...closed, department: null, version: 2 };
    expect(crewMove(onCall, WED + 30 * HOUR, departments, 1)).toBeNull();
    expect(crewMove({ ...onCall, returnVisitRequested: true }, WED + 30 * HOUR, departments, 1)!.command.action).toBe('evaluate');
  });

  it('refuses an extension it can no longer approve, the deadline having passed', () => {
    const sla = { step: 'handling' as const, basis: 'working_time' as const, startedAt: WED, budgetMs: 7 * HOUR, remindedAt: null, supervisedAt: null, paused: false as const, deadline: WED + 10 * HOUR };
    const asked = { ...base, state: 'extension_requested' as const, department: 'cgj', version: 6, pendingExtensionDays: 3, sla };
    expect(crewMove(asked, WED + 9 * HOUR, departments, 1)!.command.action).toBe('approve_extension');
    expect(crewMove(asked, WED + 11 * HOUR, departments, 1)!.command).toMatchObject({ action: 'refuse_extension', comment: '已超过办理时限，不予延期' });
  });
});
