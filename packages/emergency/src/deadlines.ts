import type { EmergencyLevel, ReportChannel, ReportDeadline, ReportDeadlineRule } from '@cw/contracts';

const MINUTE = 60_000;

/**
 * The reporting limits a level brings, counted from `from` (the declaration, or the level
 * change that made them apply): for each channel the tightest rule whose `maxLevel` the level
 * reaches. Rule `maxLevel: 3` applies to Ⅲ, Ⅱ and Ⅰ ("较大及以上").
 */
export function reportDeadlines(rules: readonly ReportDeadlineRule[], level: EmergencyLevel, from: number): ReportDeadline[] {
  const minutes = new Map<ReportChannel, number>();
  for (const r of rules) {
    if (level > r.maxLevel) continue;
    const m = minutes.get(r.channel);
    if (m === undefined || r.minutes < m) minutes.set(r.channel, r.minutes);
  }
  return [...minutes].map(([channel, m]) => ({ channel, dueAt: from + m * MINUTE, metAt: null, overdueAt: null }));
}

/** After a level change: keep the limits in force, add those of channels the new level brings. */
export function mergeDeadlines(current: readonly ReportDeadline[], added: readonly ReportDeadline[]): ReportDeadline[] {
  return [...current, ...added.filter((a) => !current.some((c) => c.channel === a.channel))];
}

/** Meets the limit of a channel (the first time only). */
export function meetDeadline(deadlines: readonly ReportDeadline[], channel: ReportChannel, at: number): ReportDeadline[] {
  return deadlines.map((d) => (d.channel === channel && d.metAt === null ? { ...d, metAt: at } : d));
}
