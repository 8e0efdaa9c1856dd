import { describe, expect, it } from 'vitest';
import { briefingSchema, metricDefSchema, type Alert, type CaseRecord, type CaseTransition, type Channel, type EmergencyRecord, type MetricDefInput } from '@cw/contracts';
import { PlaceIndex } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import { caseAt, compileBriefing, dayOf, dayStartOf, addDays, briefingMetrics, type BriefingData, type CaseWithHistory } from './index.ts';

// A hand-made day: 2026-11-27 in UTC+8, so the day is [2026-11-26T16:00Z, 2026-11-27T16:00Z).
const OFFSET = 480;
const DAY = '2026-11-27';
const T = Date.parse('2026-11-26T16:00:00Z');
const H = 3_600_000;
const D = 24 * H;

const def = (m: Omit<MetricDefInput, 'staleAfterSec' | 'unit' | 'decimals'> & Partial<MetricDefInput>) =>
  metricDefSchema.parse({ unit: { zh: '件', en: '' }, decimals: 0, staleAfterSec: 3600, ...m });
const CATALOGUE = [
  def({ id: 'gov.received_today', domain: 'government', name: { zh: '受理', en: 'Received' }, key: true, compute: { kind: 'window', series: 'gov.received', agg: 'count', window: 'today' } }),
  def({
    id: 'hotline.answer_rate',
    domain: 'government',
    name: { zh: '接通率', en: 'Answer rate' },
    unit: { zh: '%', en: '%' },
    decimals: 1,
    key: true,
    thresholds: { bad: 'low', levels: { yellow: 90, red: 80 }, clear: 92 },
    compute: { kind: 'ratio', num: { series: 'hotline.call.answered', agg: 'sum' }, den: { series: 'hotline.call', agg: 'count' }, window: 'today' },
  }),
  def({ id: 'tour.visitors_now', domain: 'tourism', name: { zh: '在园', en: 'Inside' }, key: true, compute: { kind: 'net', plus: { series: 'g.in', agg: 'sum' }, minus: { series: 'g.out', agg: 'sum' }, window: 'today' } }),
  def({ id: 'env.aqi', domain: 'environment', name: { zh: 'AQI', en: 'AQI' }, key: true, thresholds: { bad: 'high', levels: { yellow: 100, red: 150 }, clear: 90 }, compute: { kind: 'aqi' } }),
  def({ id: 'not.key', domain: 'safety', name: { zh: '非关键', en: 'Not key' }, compute: { kind: 'window', series: 'x', agg: 'count', window: 'today' } }),
];

const win = (day: number, series: string, scope: string, count: number, sum = count): ClosedWindow => ({
  window: '1d',
  series,
  scope,
  start: T + day * D,
  agg: { count, sum, min: 0, max: 1, last: 1, lastTs: T + day * D + H },
});

const WINDOWS: ClosedWindow[] = [
  win(0, 'gov.received', 'city', 120),
  win(-1, 'gov.received', 'city', 100),
  win(-7, 'gov.received', 'city', 150),
  win(0, 'gov.received', 'A', 30),
  win(-7, 'gov.received', 'A', 10),
  win(0, 'gov.received', 'B', 4),
  win(-7, 'gov.received', 'B', 2),
  win(0, 'hotline.call', 'city', 50),
  win(0, 'hotline.call.answered', 'city', 50, 45),
  win(-1, 'hotline.call', 'city', 40),
  win(-1, 'hotline.call.answered', 'city', 40, 38),
  // A window of the same series in the hour family must be ignored.
  { ...win(0, 'gov.received', 'city', 999), window: '1h' },
];

const alert = (id: string, metric: string, level: Alert['level'], raisedAt: number, clearedAt: number | null): Alert => ({
  id,
  metric,
  scope: 'city',
  level,
  value: 1,
  threshold: 2,
  clearAt: 2,
  raisedAt,
  escalatedAt: null,
  clearedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgeNote: null,
});

function kase(id: string, channel: Channel, reportedAt: number, now: Partial<CaseRecord>, history: Omit<CaseTransition, 'caseId' | 'seq' | 'actor'>[]): CaseWithHistory {
  const record = {
    id,
    title: id,
    description: '',
    channel,
    category: 'other',
    ...(channel === 'hotline_12345' ? { requestType: 'complaint' } : {}),
    urgency: 'normal',
    division: 'A',
    state: 'reported',
    department: null,
    version: history.length,
    reportedAt,
    updatedAt: reportedAt,
    closedAt: null,
    mergedReportIds: [],
    mergedInto: null,
    sla: null,
    pendingExtensionDays: null,
    supervised: false,
    reminders: 0,
    rating: null,
    ...now,
  } as CaseRecord;
  return { record, history: history.map((h, i) => ({ ...h, caseId: id, seq: i + 1, actor: { userId: 'u', role: 'system' } })) };
}
const report = (at: number) => ({ action: 'report' as const, from: null, to: 'reported' as const, at, department: null, sla: null });

const CASES: CaseWithHistory[] = [
  // Received and closed in the day by cgj.
  kase('c1', 'hotline_12345', T + H, { state: 'closed', department: 'cgj', closedAt: T + 5 * H }, [
    report(T + H),
    { action: 'dispatch', from: 'reported', to: 'dispatched', at: T + 2 * H, department: null, sla: null, details: { department: 'cgj' } },
    { action: 'check_pass', from: 'checking', to: 'closed', at: T + 5 * H, department: 'cgj', sla: { step: 'checking', deadline: T + 9 * H } },
  ]),
  // Reported two days before, its handling deadline passed in the day: overdue at the end,
  // although it was fed back the next day and its record has moved on.
  kase('c2', 'grid_inspector', T - 2 * D, { state: 'feedback', department: 'sgj', sla: { step: 'checking', basis: 'working_time', startedAt: T + 30 * H, budgetMs: H, remindedAt: null, supervisedAt: null, paused: false, deadline: T + 31 * H } }, [
    report(T - 2 * D),
    { action: 'dispatch', from: 'reported', to: 'dispatched', at: T - 2 * D + H, department: null, sla: null, details: { department: 'sgj' } },
    { action: 'start', from: 'dispatched', to: 'in_progress', at: T - D, department: 'sgj', sla: { step: 'sign_for', deadline: T - D + H } },
    { action: 'feedback', from: 'in_progress', to: 'feedback', at: T + 30 * H, department: 'sgj', sla: { step: 'handling', deadline: T + 10 * H } },
  ]),
  // Received late in the day, not yet dispatched.
  kase('c3', 'video_analytics', T + 20 * H, {}, [report(T + 20 * H)]),
  // Received and closed in the day, reopened the next day.
  kase('c4', 'hotline_12345', T + 3 * H, { state: 'in_progress', department: 'cgj' }, [
    report(T + 3 * H),
    { action: 'close_on_call', from: 'reported', to: 'closed', at: T + 6 * H, department: 'cgj', sla: null },
    { action: 'reopen', from: 'closed', to: 'in_progress', at: T + 30 * H, department: 'cgj', sla: null },
  ]),
  // Reported the next day: not in this briefing.
  kase('c5', 'hotline_12345', T + 25 * H, {}, [report(T + 25 * H)]),
  // Open with a deadline after the day's end: not overdue.
  kase('c6', 'grid_inspector', T - D, { state: 'in_progress', department: 'sgj', sla: { step: 'handling', basis: 'working_time', startedAt: T - D, budgetMs: H, remindedAt: null, supervisedAt: null, paused: false, deadline: T + 30 * H } }, [
    report(T - D),
    { action: 'start', from: 'dispatched', to: 'in_progress', at: T - D + H, department: 'sgj', sla: null },
  ]),
  // Parked (paused clock) past its old deadline: not overdue.
  kase('c7', 'grid_inspector', T - D, { state: 'parked', department: 'sgj', sla: { step: 'handling', basis: 'working_time', startedAt: T - D, budgetMs: H, remindedAt: null, supervisedAt: null, paused: true, pausedAt: T - D + H, remainingMs: 10 } }, [
    report(T - D),
    { action: 'approve_parking', from: 'parking_requested', to: 'parked', at: T - D + H, department: 'sgj', sla: null },
  ]),
];

const emergency = (id: string, drill: boolean, declaredAt: number, standDownAt: number | null) =>
  ({ id, title: id, category: 'natural', subtype: 'flood', level: 3, drill, division: 'A', declaredAt, standDownAt, status: standDownAt === null ? 'active' : 'stood_down' }) as unknown as EmergencyRecord;

const data = (over: Partial<BriefingData> = {}): BriefingData => ({
  day: DAY,
  utcOffsetMinutes: OFFSET,
  timeZone: 'Asia/Shanghai',
  city: { zh: '测试市', en: 'Test City' },
  catalogue: CATALOGUE,
  places: new PlaceIndex({ sites: [], devices: [] }),
  divisions: [
    { code: 'A', name: { zh: '甲区', en: 'A' } },
    { code: 'B', name: { zh: '乙区', en: 'B' } },
  ],
  departments: [{ id: 'cgj', name: { zh: '城管局', en: 'Urban management' } }],
  dayWindows: WINDOWS,
  dailyAqi: [
    { scope: 'city', day: T, aqi: 75, level: 2 },
    { scope: 'city', day: T - D, aqi: 50, level: 1 },
    { scope: 'city', day: T - 7 * D, aqi: 150, level: 3 },
  ],
  alerts: [
    alert('a1', 'gov.received_today', 'red', T + H, T + 3 * H),
    alert('a2', 'hotline.answer_rate', 'yellow', T + 2.5 * H, T + 3 * H),
    alert('a3', 'env.aqi', 'yellow', T + 23 * H, T + 25 * H),
    alert('a4', 'env.aqi', 'yellow', T - H, T + H),
  ],
  cases: CASES,
  emergencies: [
    emergency('e1', false, T + 4 * H, T + 8 * H),
    emergency('e2', true, T + 5 * H, null),
    emergency('e3', false, T - D, null),
    emergency('e4', false, T - 3 * D, T - 2 * D),
    emergency('e5', false, T + 22 * H, T + 26 * H),
  ],
  compiledAt: T + D + 7 * H,
  ...over,
});

describe('local days', () => {
  it('maps days to local midnights and back', () => {
    expect(dayStartOf(DAY, OFFSET)).toBe(T);
    expect(dayOf(T, OFFSET)).toBe(DAY);
    expect(dayOf(T - 1, OFFSET)).toBe('2026-11-26');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('compileBriefing', () => {
  const b = compileBriefing(data());

  it('is a valid briefing of the day', () => {
    expect(briefingSchema.parse(b)).toEqual(b);
    expect([b.dayStart, b.dayEnd]).toEqual([T, T + D]);
  });

  it('takes the key figures with a daily meaning, in catalogue order', () => {
    expect(briefingMetrics(CATALOGUE).map((m) => m.id)).toEqual(['gov.received_today', 'hotline.answer_rate', 'env.aqi']);
    expect(b.figures.map((f) => f.metric)).toEqual(['gov.received_today', 'hotline.answer_rate', 'env.aqi']);
  });

  it('compares a count with the day before and the same day last week', () => {
    const f = b.figures[0]!;
    expect([f.value, f.previousDay, f.lastWeek]).toEqual([120, 100, 150]);
    expect([f.changeDay, f.changeDayPct, f.changeWeek, f.changeWeekPct]).toEqual([20, 20, -30, -20]);
    // No window on the days in between: no events, a count of 0.
    expect(f.days).toEqual([
      { day: '2026-11-20', value: 150 },
      { day: '2026-11-21', value: 0 },
      { day: '2026-11-22', value: 0 },
      { day: '2026-11-23', value: 0 },
      { day: '2026-11-24', value: 0 },
      { day: '2026-11-25', value: 0 },
      { day: '2026-11-26', value: 100 },
      { day: '2026-11-27', value: 120 },
    ]);
  });

  it('computes a rate per day, judges it, and leaves unknown comparisons null', () => {
    const f = b.figures[1]!;
    // 45 of 50 calls answered = 90.0 %, at the warning limit; 38 of 40 the day before = 95.0 %.
    expect([f.value, f.previousDay, f.lastWeek, f.status]).toEqual([90, 95, null, 'warning']);
    expect([f.changeDay, f.changeDayPct, f.changeWeek, f.changeWeekPct]).toEqual([-5, -5.3, null, null]);
  });

  it('reads the daily AQI for the AQI', () => {
    const f = b.figures[2]!;
    expect([f.value, f.previousDay, f.lastWeek, f.changeWeekPct, f.status]).toEqual([75, 50, 150, -50, 'normal']);
  });

  it('summarises the alerts raised in the day and how long they lasted', () => {
    const a = b.alerts;
    expect([a.raised, a.byLevel.red, a.byLevel.orange, a.byLevel.yellow, a.byLevel.blue, a.ongoing]).toEqual([3, 1, 0, 2, 0, 1]);
    // Cleared: 2 h and 30 min; median of two = their mean, 1 h 15 min.
    expect(a.medianClearedMs).toBe(75 * 60_000);
    expect(a.longestMs).toBe(2 * H);
    // a3 cleared after midnight: still crossing when the day ended, 1 h by then.
    expect(a.items.map((i) => [i.id, i.durationMs, i.clearedAt])).toEqual([
      ['a1', 2 * H, T + 3 * H],
      ['a3', H, null],
      ['a2', 0.5 * H, T + 3 * H],
    ]);
    expect(a.items[0]!.name).toEqual({ zh: '受理', en: 'Received' });
    expect(a.byDomain).toEqual([
      { domain: 'government', raised: 2 },
      { domain: 'environment', raised: 1 },
    ]);
    expect(a.byHour[1]).toBe(1);
    expect(a.byHour[2]).toBe(1);
    expect(a.byHour[23]).toBe(1);
    expect(a.byHour.reduce((x, y) => x + y, 0)).toBe(3);
  });

  it('counts cases received, closed and overdue by department and channel as they stood at the day end', () => {
    const c = b.cases;
    expect([c.received, c.closed, c.overdue]).toEqual([3, 2, 1]);
    expect(c.byDepartment).toEqual([
      { department: 'cgj', name: { zh: '城管局', en: 'Urban management' }, received: 2, closed: 2, overdue: 0 },
      { department: null, name: null, received: 1, closed: 0, overdue: 0 },
      { department: 'sgj', name: null, received: 0, closed: 0, overdue: 1 },
    ]);
    expect(c.byChannel).toEqual([
      { channel: 'hotline_12345', received: 2, closed: 2, overdue: 0 },
      { channel: 'grid_inspector', received: 0, closed: 0, overdue: 1 },
      { channel: 'video_analytics', received: 1, closed: 0, overdue: 0 },
    ]);
  });

  it('rebuilds a case at an instant from its history', () => {
    const c2 = CASES[1]!;
    expect(caseAt(c2, T + D)).toEqual({ state: 'in_progress', department: 'sgj', clock: { step: 'handling', deadline: T + 10 * H } });
    expect(caseAt(CASES[4]!, T + D)).toBeNull();
  });

  it('keeps drills out of the emergency counts but lists them, marked', () => {
    const e = b.emergencies;
    expect([e.declared, e.stoodDown, e.activeAtEnd, e.drills]).toEqual([2, 1, 2, 1]);
    expect(e.items.map((i) => [i.id, i.drill, i.standDownAt])).toEqual([
      ['e3', false, null],
      ['e1', false, T + 8 * H],
      ['e5', false, null],
      ['e2', true, null],
    ]);
  });

  it('lists the largest moves against last week, skipping small bases', () => {
    // A: 10 → 30 (+200 %); city AQI 150 → 75 (−50 %); city received 150 → 120 (−20 %); B's 2 → 4 is too small a base.
    expect(b.trends.map((t) => [t.metric, t.scope, t.changePct])).toEqual([
      ['gov.received_today', 'A', 200],
      ['env.aqi', 'city', -50],
      ['gov.received_today', 'city', -20],
    ]);
  });

  it('gives the same briefing from the same data', () => {
    expect(compileBriefing(data())).toEqual(b);
  });
});
