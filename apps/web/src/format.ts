export type Lang = 'zh-CN' | 'en';

/** Figures this large or larger are shown compactly (12.3万 / 123.4k) so tiles never overflow. */
const COMPACT_FROM = 100_000;

// Number formats are costly to create and walls format figures on every update: one per
// language and number of decimals, made once.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}/${decimals}`;
  let f = formats.get(key);
  if (f === undefined) formats.set(key, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return f;
}

/** Formats a figure with the catalogue's decimals; null shows as a dash. */
export function formatValue(value: number | null | undefined, decimals: number, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= COMPACT_FROM) return formatCompact(value, lang);
  return numberFormat(lang, decimals).format(value);
}

/** 123456 → 12.3万 (zh) or 123.5k (en); 12345678 → 1234.6万 or 12.3M. */
export function formatCompact(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  const one = (x: number) => numberFormat(lang, 1).format(x);
  if (lang === 'zh-CN') return abs >= 1e8 ? `${one(value / 1e8)}亿` : `${one(value / 1e4)}万`;
  if (abs >= 1e9) return `${one(value / 1e9)}B`;
  return abs >= 1e6 ? `${one(value / 1e6)}M` : `${one(value / 1e3)}k`;
}

/** A short age: 45秒 / 12分钟 / 3小时 / 2天 (zh) or 45 s / 12 min / 3 h / 2 d (en). */
export function formatAge(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const zh = lang === 'zh-CN';
  if (s < 60) return zh ? `${s}秒` : `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return zh ? `${m}分钟` : `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return zh ? `${h}小时` : `${h} h`;
  const d = Math.round(h / 24);
  return zh ? `${d}天` : `${d} d`;
}
