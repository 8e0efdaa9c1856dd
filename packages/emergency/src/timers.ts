import { type EmergencyActor, type EmergencyRecord, type ReportChannel, type TimelineEntry } from '@cw/contracts';
import { officialTime, type EmergencyContext, type Notification } from './context.ts';
import { appendSystemEntries } from './workflow.ts';

/** The server acting on its own timers. */
export const SYSTEM_ACTOR: EmergencyActor = { userId: 'system', role: 'system', name: '系统', department: null };

const CHANNEL_TEXT: Record<ReportChannel, string> = { phone: '电话报告', written: '书面报告' };

/** Linked departments still at 已通知 `silenceMinutes` after being notified, not yet flagged. */
export function newlySilent(e: EmergencyRecord, now: number, silenceMinutes: number): string[] {
  const limit = silenceMinutes * 60_000;
  return e.departments
    .filter((d) => d.status === 'notified' && d.silentSince === null && d.statusAt.notified !== undefined && now - d.statusAt.notified >= limit)
    .map((d) => d.department);
}

/** Reporting limits that passed unmet and are not yet flagged. */
export function newlyOverdue(e: EmergencyRecord, now: number): ReportChannel[] {
  return e.reportDeadlines.filter((d) => d.metAt === null && d.overdueAt === null && now >= d.dueAt).map((d) => d.channel);
}

/**
 * The server's periodic check of an active emergency: flags silent departments (and reminds
 * them) and overdue reporting limits, each once, on the timeline. Null when nothing is due.
 * These entries do not raise the version: they never make a person's command conflict.
 */
export function checkTimers(e: EmergencyRecord, now: number, ctx: EmergencyContext): { record: EmergencyRecord; notifications: Notification[] } | null {
  if (e.status !== 'active') return null;
  const silent = newlySilent(e, now, ctx.profile.silenceMinutes);
  const overdue = newlyOverdue(e, now);
  if (silent.length === 0 && overdue.length === 0) return null;
  const entries: Omit<TimelineEntry, 'seq'>[] = [];
  const notifications: Notification[] = [];
  for (const d of silent) {
    const name = ctx.departmentName(d) ?? d;
    entries.push({ at: now, actor: SYSTEM_ACTOR, kind: 'silence', text: `${name}超过${ctx.profile.silenceMinutes}分钟未响应，已提醒`, department: d, facts: {} });
    const text = `${e.drill ? '【演练】' : ''}提醒：${name}尚未响应“${e.title}”（${officialTime(e.declaredAt, ctx.utcOffsetMinutes)}通知），请立即在系统中反馈。`;
    notifications.push({ department: d, text });
    entries.push({ at: now, actor: SYSTEM_ACTOR, kind: 'notification', text: `通知${name}：${text}`, department: d, facts: {} });
  }
  for (const ch of overdue) {
    const due = e.reportDeadlines.find((d) => d.channel === ch)!;
    entries.push({ at: now, actor: SYSTEM_ACTOR, kind: 'deadline_overdue', text: `${CHANNEL_TEXT[ch]}已超过时限（应于${officialTime(due.dueAt, ctx.utcOffsetMinutes)}前报送）`, facts: { channel: ch } });
  }
  const record: EmergencyRecord = {
    ...e,
    departments: e.departments.map((d) => (silent.includes(d.department) ? { ...d, silentSince: now } : d)),
    reportDeadlines: e.reportDeadlines.map((d) => (overdue.includes(d.channel) ? { ...d, overdueAt: now } : d)),
  };
  return { record: appendSystemEntries(record, entries), notifications };
}
