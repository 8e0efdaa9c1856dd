/** Formats a figure with the catalogue's decimals; null shows as a dash. */
export function formatValue(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A short age: 45秒 / 12分钟 / 3小时 (zh) or 45 s / 12 min / 3 h (en). */
export function formatAge(ms: number, lang: 'zh-CN' | 'en'): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const zh = lang === 'zh-CN';
  if (s < 60) return zh ? `${s}秒` : `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return zh ? `${m}分钟` : `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return zh ? `${h}小时` : `${h} h`;
  return zh ? `${Math.round(h / 24)}天` : `${Math.round(h / 24)} d`;
}
