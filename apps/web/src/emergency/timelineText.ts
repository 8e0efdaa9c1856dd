import { type EmergencyRecord, type Localized, type TimelineEntry } from '@cw/contracts';
import { DEPARTMENT_STATUS_LABELS, EMERGENCY_LEVEL_LABELS, REPORT_KIND_LABELS } from '@cw/vocabulary';
import type { Lang } from '../format.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What a timeline sentence needs beyond the entry: names in the screen's language and the time format. */
export interface TimelineSayings {
  lang: Lang;
  t: Translate;
  department: (id: string) => Localized;
  plan: (id: string) => Localized | null;
  /** hh:mm[:ss] of a time, in the screen's time zone. */
  time: (ms: number) => string;
}

const pick = (text: Localized, lang: Lang) => (lang === 'zh-CN' ? text.zh : text.en);

/**
 * A timeline entry as a sentence in the screen's language. In Chinese it is the sentence the
 * server recorded. In another language it is said again from the entry's facts with the
 * catalogue's words; an entry recorded before facts existed keeps its Chinese sentence.
 * Words a person wrote (reasons, notes, instructions) are shown as written.
 */
export function timelineSentence(entry: TimelineEntry, e: Pick<EmergencyRecord, 'checklist' | 'reportDeadlines'>, s: TimelineSayings): string {
  const f = entry.facts;
  if (s.lang === 'zh-CN' || f === undefined) return entry.text;
  const { t } = s;
  const dept = entry.department === undefined ? '' : pick(s.department(entry.department), s.lang);
  const withNote = (sentence: string) => (f.note === undefined || f.note === '' ? sentence : t('tl.withNote', { sentence, note: f.note }));
  const level = (l: 1 | 2 | 3 | 4 | undefined) => (l === undefined ? '' : pick(EMERGENCY_LEVEL_LABELS[l], s.lang));
  switch (entry.kind) {
    case 'declared': {
      const plan = f.planId == null ? null : s.plan(f.planId);
      const parts = [
        t(f.drill === true ? 'tl.declaredDrill' : 'tl.declared', { level: level(f.level) }),
        plan === null ? t('tl.noPlan') : t('tl.plan', { plan: pick(plan, s.lang) }),
        ...(f.caseIds !== undefined && f.caseIds.length > 0 ? [t('tl.fromCases', { cases: f.caseIds.join(', ') })] : []),
      ];
      return t('tl.because', { sentence: parts.join(''), reason: f.reason ?? '' });
    }
    case 'level_changed':
      return t('tl.because', {
        sentence: t(f.level !== undefined && f.fromLevel !== undefined && f.level < f.fromLevel ? 'tl.levelRaised' : 'tl.levelLowered', { from: level(f.fromLevel), to: level(f.level) }),
        reason: f.reason ?? '',
      });
    case 'stood_down':
      return t('tl.because', { sentence: t('tl.stoodDown'), reason: f.reason ?? '' });
    case 'casualties': {
      const c = f.casualties ?? { deaths: 0, injured: 0, missing: 0 };
      return withNote(t('tl.casualties', { deaths: c.deaths, injured: c.injured, missing: c.missing, losses: f.lossesWan ?? 0 }));
    }
    case 'area':
      if (f.area === undefined) return entry.text;
      return f.area.kind === 'radius'
        ? t('tl.areaRadius', { radius: f.area.radiusM >= 1000 ? `${f.area.radiusM / 1000} km` : `${f.area.radiusM} m` })
        : t('tl.areaPolygon', { points: f.area.ring.length });
    case 'department_status':
      return withNote(t('tl.departmentStatus', { department: dept, status: f.status === undefined ? '' : pick(DEPARTMENT_STATUS_LABELS[f.status], s.lang) }));
    case 'checklist': {
      const item = e.checklist.find((c) => c.id === f.itemId);
      return t('tl.checked', { item: item === undefined ? (f.itemId ?? '') : pick(item.text, s.lang) });
    }
    case 'notification':
      return withNote(t('tl.notified', { department: dept }));
    case 'notification_result':
      return t(entry.ok === true ? 'tl.delivered' : 'tl.notDelivered', { notifier: f.notifier ?? '', department: dept, detail: f.detail ?? '' });
    case 'instruction':
      return withNote(t('tl.instruction', { by: entry.actor.name, to: (f.to ?? []).map((d) => pick(s.department(d), s.lang)).join(', ') }));
    case 'instruction_ack':
      return withNote(t('tl.acknowledged', { department: dept }));
    case 'report_drafted':
      return t('tl.reportDrafted', { report: f.reportKind === undefined ? '' : pick(REPORT_KIND_LABELS[f.reportKind], s.lang) });
    case 'report_sent':
      return t('tl.reportSent', { report: f.reportKind === undefined ? '' : pick(REPORT_KIND_LABELS[f.reportKind], s.lang) });
    case 'phone_report':
      return withNote(t('tl.phoneReport'));
    case 'silence':
      return t('tl.silence', { department: dept });
    case 'deadline_overdue': {
      const due = e.reportDeadlines.find((d) => d.channel === f.channel);
      return t(f.channel === 'phone' ? 'tl.overduePhone' : 'tl.overdueWritten', { due: due === undefined ? '' : s.time(due.dueAt) });
    }
    case 'note':
      return f.note ?? entry.text;
  }
}

/** The sayings from the screen's i18n, its department list and the profile's plans. */
export function timelineSayings(
  i18n: { lang: Lang; t: Translate; time: (ms: number) => string },
  departments: readonly { id: string; name: Localized }[],
  plans: readonly { id: string; name: Localized }[],
): TimelineSayings {
  const d = new Map(departments.map((x) => [x.id, x.name]));
  const p = new Map(plans.map((x) => [x.id, x.name]));
  return { lang: i18n.lang, t: i18n.t, time: i18n.time, department: (id) => d.get(id) ?? { zh: id, en: id }, plan: (id) => p.get(id) ?? null };
}
