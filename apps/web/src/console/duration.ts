import type { Lang } from '../format.ts';

const MINUTE = 60_000;

/**
 * A span of time for deadlines and step times: 2天3小时 / 1小时20分 / 12分钟 (zh) or
 * 2 d 3 h / 1 h 20 min / 12 min (en). Whole minutes, rounded down; under a minute is
 * "<1分钟" / "<1 min". The sign is ignored: callers say "left" or "overdue".
 */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.floor(Math.abs(ms) / MINUTE);
  const zh = lang === 'zh-CN';
  if (total < 1) return zh ? '<1分钟' : '<1 min';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0) return zh ? `${days}天${hours > 0 ? `${hours}小时` : ''}` : `${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return zh ? `${hours}小时${minutes > 0 ? `${minutes}分` : ''}` : `${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  return zh ? `${minutes}分钟` : `${minutes} min`;
}
