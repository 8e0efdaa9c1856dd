import {
  CITY_SCOPE,
  type Alert,
  type Briefing,
  type BriefingAlert,
  type BriefingAlerts,
  type BriefingEmergencies,
  type BriefingFigure,
  type BriefingTrend,
  type Domain,
  type EmergencyRecord,
  type Localized,
  type MetricDef,
} from '@cw/contracts';
import { evaluateMetric, seriesNeeded, statusOf, windowReader, type DailyAqiRecord, type PlaceIndex } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import { caseFigures, type CaseWithHistory } from './cases.ts';
import { DAY_MS, addDays, dayStartOf, yearStartOf } from './days.ts';

/** Figures are compared with the day before and the same weekday a week earlier. */
const WEEK = 7;
/** How many trends the briefing lists. */
export const TREND_COUNT = 5;
/** A trend's base (last week's value) must be at least this large: a county's 2 → 5 fire alarms is noise, not a trend. */
export const MIN_TREND_BASE = 10;

/** Everything a briefing is compiled from: stored data only, read by the server (see briefingReads). */
export interface BriefingData {
  day: string;
  utcOffsetMinutes: number;
  timeZone: string;
  city: Localized;
  catalogue: readonly MetricDef[];
  places: PlaceIndex;
  divisions: readonly { code: string; name: Localized }[];
  departments: readonly { id: string; name: Localized }[];
  /** Closed local-day windows ('1d') of the series briefingReads names, for the day and the 7 before. */
  dayWindows: readonly ClosedWindow[];
  /** Daily AQI records from 1 January of the year of the day a week earlier. */
  dailyAqi: readonly DailyAqiRecord[];
  /** Alerts raised in the day. */
  alerts: readonly Alert[];
  /** Every case reported before the day's end that had not ended before it began. */
  cases: readonly CaseWithHistory[];
  /** Emergencies declared before the day's end and not stood down before it began. */
  emergencies: readonly EmergencyRecord[];
  compiledAt: number;
}

/**
 * The catalogue's key figures that have a meaning for a whole day. "Visitors inside now" and
 * scenic-area load (net and capacity_use) are instants of the live day, not daily values.
 */
export function briefingMetrics(catalogue: readonly MetricDef[]): MetricDef[] {
  return catalogue.filter((m) => m.key && m.compute.kind !== 'net' && m.compute.kind !== 'capacity_use');
}

/** What the server must read for a day: day windows of these (series, scope) pairs over [from, to). */
export function briefingReads(
  catalogue: readonly MetricDef[],
  places: PlaceIndex,
  divisions: readonly { code: string }[],
  day: string,
  utcOffsetMinutes: number,
): { dayStart: number; dayEnd: number; windows: { series: string; scope: string }[]; windowsFrom: number; windowsTo: number; dailyAqiSince: number } {
  const dayStart = dayStartOf(day, utcOffsetMinutes);
  const pairs = new Map<string, { series: string; scope: string }>();
  for (const def of briefingMetrics(catalogue)) {
    for (const scope of [CITY_SCOPE, ...divisions.map((d) => d.code)]) {
      for (const p of seriesNeeded(def, scope, places)) pairs.set(`${p.series}\u0000${p.scope}`, p);
    }
  }
  return {
    dayStart,
    dayEnd: dayStart + DAY_MS,
    windows: [...pairs.values()],
    windowsFrom: dayStart - WEEK * DAY_MS,
    windowsTo: dayStart + DAY_MS,
    dailyAqiSince: yearStartOf(addDays(day, -WEEK), utcOffsetMinutes),
  };
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const pct = (now: number | null, before: number | null) => (now === null || before === null || before === 0 ? null : round(((now - before) / Math.abs(before)) * 100, 1));
const diff = (now: number | null, before: number | null, decimals: number) => (now === null || before === null ? null : round(now - before, decimals));

/** The day's value of a figure in a scope, and its status. */
function dailyValue(def: MetricDef, scope: string, day: string, data: BriefingData, windows: Map<string, ClosedWindow>): { value: number | null; status: BriefingFigure['status'] } {
  const start = dayStartOf(day, data.utcOffsetMinutes);
  const c = def.compute;
  if (c.kind === 'aqi' || c.kind === 'good_days') {
    let value: number | null;
    if (c.kind === 'aqi') {
      // The day's AQI in HJ 633's daily form (24-hour means, O3's 8-hour maximum).
      value = data.dailyAqi.find((r) => r.scope === scope && r.day === start)?.aqi ?? null;
    } else {
      // The share of good-air days of the year up to and including this one.
      const yearStart = yearStartOf(day, data.utcOffsetMinutes);
      const levels = data.dailyAqi.filter((r) => r.scope === scope && r.day >= yearStart && r.day <= start).map((r) => r.level);
      value = levels.length === 0 ? null : round((levels.filter((l) => l <= 2).length / levels.length) * 100, def.decimals);
    }
    return { value, status: statusOf(value, def.thresholds) };
  }
  const reader = windowReader((series, sc) => windows.get(`${start}\u0000${series}\u0000${sc}`)?.agg);
  const r = evaluateMetric(def, scope, { reader, places: data.places, thresholds: (d) => d.thresholds });
  return { value: r.value, status: r.status };
}

function figures(data: BriefingData, windows: Map<string, ClosedWindow>): BriefingFigure[] {
  return briefingMetrics(data.catalogue).map((def) => {
    const at = (day: string) => dailyValue(def, CITY_SCOPE, day, data, windows);
    const today = at(data.day);
    const previousDay = at(addDays(data.day, -1)).value;
    const lastWeek = at(addDays(data.day, -WEEK)).value;
    const days = [];
    for (let n = WEEK; n >= 0; n--) {
      const d = addDays(data.day, -n);
      days.push({ day: d, value: n === 0 ? today.value : n === 1 ? previousDay : n === WEEK ? lastWeek : at(d).value });
    }
    return {
      metric: def.id,
      domain: def.domain,
      name: def.name,
      unit: def.unit,
      decimals: def.decimals,
      value: today.value,
      previousDay,
      lastWeek,
      changeDay: diff(today.value, previousDay, def.decimals),
      changeWeek: diff(today.value, lastWeek, def.decimals),
      changeDayPct: pct(today.value, previousDay),
      changeWeekPct: pct(today.value, lastWeek),
      status: today.status,
      days,
    };
  });
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * Alerts raised in the day. A crossing that cleared after the day ended counts as still
 * crossing at its end, so a briefing compiled later says the same.
 */
function alertFigures(data: BriefingData, dayStart: number, dayEnd: number): BriefingAlerts {
  const defs = new Map(data.catalogue.map((m) => [m.id, m]));
  const items: BriefingAlert[] = data.alerts
    .filter((a) => a.raisedAt >= dayStart && a.raisedAt < dayEnd)
    .map((a) => {
      const clearedAt = a.clearedAt !== null && a.clearedAt < dayEnd ? a.clearedAt : null;
      return {
        id: a.id,
        metric: a.metric,
        name: defs.get(a.metric)?.name ?? { zh: a.metric, en: a.metric },
        domain: defs.get(a.metric)?.domain ?? null,
        scope: a.scope,
        level: a.level,
        value: a.value,
        threshold: a.threshold,
        raisedAt: a.raisedAt,
        clearedAt,
        durationMs: (clearedAt ?? dayEnd) - a.raisedAt,
      };
    })
    .sort((a, b) => b.durationMs - a.durationMs || a.raisedAt - b.raisedAt || a.id.localeCompare(b.id));
  const cleared = items.filter((a) => a.clearedAt !== null).map((a) => a.durationMs);
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const a of items) byHour[Math.floor((a.raisedAt - dayStart) / 3_600_000)]!++;
  const byDomain = new Map<Domain, number>();
  for (const a of items) if (a.domain !== null) byDomain.set(a.domain, (byDomain.get(a.domain) ?? 0) + 1);
  return {
    raised: items.length,
    byLevel: {
      red: items.filter((a) => a.level === 'red').length,
      orange: items.filter((a) => a.level === 'orange').length,
      yellow: items.filter((a) => a.level === 'yellow').length,
      blue: items.filter((a) => a.level === 'blue').length,
    },
    ongoing: items.filter((a) => a.clearedAt === null).length,
    medianClearedMs: median(cleared),
    longestMs: cleared.length === 0 ? null : Math.max(...cleared),
    byDomain: [...byDomain].map(([domain, raised]) => ({ domain, raised })).sort((a, b) => b.raised - a.raised || a.domain.localeCompare(b.domain)),
    byHour,
    items,
  };
}

/** Real emergencies counted; drills (演练) only counted apart and listed, marked. */
function emergencyFigures(records: readonly EmergencyRecord[], dayStart: number, dayEnd: number): BriefingEmergencies {
  const inDay = (t: number | null) => t !== null && t >= dayStart && t < dayEnd;
  const relevant = records.filter((e) => e.declaredAt < dayEnd && (e.standDownAt === null || e.standDownAt >= dayStart));
  const real = relevant.filter((e) => !e.drill);
  return {
    declared: real.filter((e) => inDay(e.declaredAt)).length,
    stoodDown: real.filter((e) => inDay(e.standDownAt)).length,
    activeAtEnd: real.filter((e) => e.standDownAt === null || e.standDownAt >= dayEnd).length,
    drills: relevant.filter((e) => e.drill).length,
    items: relevant
      .map((e) => ({
        id: e.id,
        title: e.title,
        category: e.category,
        level: e.level,
        division: e.division,
        drill: e.drill,
        declaredAt: e.declaredAt,
        standDownAt: e.standDownAt !== null && e.standDownAt < dayEnd ? e.standDownAt : null,
      }))
      .sort((a, b) => Number(a.drill) - Number(b.drill) || a.declaredAt - b.declaredAt || a.id.localeCompare(b.id)),
  };
}

/**
 * The figures, city-wide and per division, that moved most against the same day last week,
 * by relative change; bases under MIN_TREND_BASE and the year-to-date share of good days
 * (which barely moves by construction) are left out.
 */
function trends(data: BriefingData, windows: Map<string, ClosedWindow>): BriefingTrend[] {
  const scopes = [{ code: CITY_SCOPE, name: data.city }, ...data.divisions];
  const out: BriefingTrend[] = [];
  for (const def of briefingMetrics(data.catalogue)) {
    if (def.compute.kind === 'good_days') continue;
    for (const s of scopes) {
      const value = dailyValue(def, s.code, data.day, data, windows).value;
      const lastWeek = dailyValue(def, s.code, addDays(data.day, -WEEK), data, windows).value;
      if (value === null || lastWeek === null || Math.abs(lastWeek) < MIN_TREND_BASE) continue;
      out.push({ metric: def.id, name: def.name, unit: def.unit, scope: s.code, scopeName: s.name, value, lastWeek, changePct: pct(value, lastWeek)! });
    }
  }
  return out
    .sort((a, b) => Math.abs(b.changePct) - Math.abs(a.changePct) || a.metric.localeCompare(b.metric) || a.scope.localeCompare(b.scope))
    .slice(0, TREND_COUNT);
}

/** Compiles the briefing of `data.day`. Pure: the same data gives the same briefing. */
export function compileBriefing(data: BriefingData): Briefing {
  const dayStart = dayStartOf(data.day, data.utcOffsetMinutes);
  const dayEnd = dayStart + DAY_MS;
  const windows = new Map<string, ClosedWindow>();
  for (const w of data.dayWindows) if (w.window === '1d') windows.set(`${w.start}\u0000${w.series}\u0000${w.scope}`, w);
  return {
    day: data.day,
    dayStart,
    dayEnd,
    timeZone: data.timeZone,
    city: data.city,
    compiledAt: data.compiledAt,
    figures: figures(data, windows),
    alerts: alertFigures(data, dayStart, dayEnd),
    cases: caseFigures(data.cases, dayStart, dayEnd, data.departments),
    emergencies: emergencyFigures(data.emergencies, dayStart, dayEnd),
    trends: trends(data, windows),
  };
}
