import type { EmergencyProfile } from '@cw/contracts';

/** What the emergency logic needs from the city profile and the run-time department list. */
export interface EmergencyContext {
  profile: EmergencyProfile;
  /** zh-CN name of a department, undefined when the department does not exist. */
  departmentName(id: string): string | undefined;
  /** zh-CN name of a division, undefined when it does not exist. */
  divisionName(code: string): string | undefined;
  /** zh-CN name of the city, e.g. 邵阳市. */
  cityName: string;
  /** The city's fixed UTC offset, for dates in texts. */
  utcOffsetMinutes: number;
}

/** A message for a department, to send through the server's notifier. */
export interface Notification {
  department: string;
  text: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function local(ms: number, offsetMinutes: number) {
  const d = new Date(ms + offsetMinutes * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}

/** 2026年5月1日14时05分, as official documents write a time. */
export function officialTime(ms: number, offsetMinutes: number): string {
  const t = local(ms, offsetMinutes);
  return `${t.y}年${t.mo}月${t.d}日${t.h}时${pad(t.mi)}分`;
}

/** 2026年5月1日 */
export function officialDate(ms: number, offsetMinutes: number): string {
  const t = local(ms, offsetMinutes);
  return `${t.y}年${t.mo}月${t.d}日`;
}
