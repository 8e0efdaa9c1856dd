import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Localized, MetricDef } from '@cw/contracts';
import { formatValue, type Lang } from '../format.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { Lang };
const CATALOGS: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A message chosen at run time (an event kind or type from the server); falls back to `fallback`. */
  label: (key: string, fallback: string) => string;
  /** Picks the language's side of a zh/en pair from the city profile or the catalogue. */
  l: (text: Localized) => string;
  /** A figure with its metric's decimals. */
  value: (value: number | null | undefined, def: Pick<MetricDef, 'decimals'>) => string;
  /** Time of day in the city's zone, whatever the display machine's zone. */
  time: (ms: number) => string;
  /** Date and weekday in the city's zone. */
  date: (ms: number) => string;
  /** Short day label for charts (11-27 / Nov 27). */
  day: (ms: number) => string;
}

/** The language comes from `?lang=en` (walls have no keyboard, so a URL setting); zh-CN by default. */
function pickLang(): Lang {
  const q = new URLSearchParams(window.location.search).get('lang');
  return q === 'en' ? 'en' : 'zh-CN';
}

const Ctx = createContext<I18n | null>(null);

/** The one i18n layer: every text on screen goes through it. `timeZone` is the city's (from the profile). */
export function I18nProvider({ children, timeZone }: { children: ReactNode; timeZone?: string }) {
  const value = useMemo<I18n>(() => {
    const lang = pickLang();
    const messages: Record<string, string> = CATALOGS[lang];
    const zone = timeZone === undefined ? {} : { timeZone };
    const timeFmt = new Intl.DateTimeFormat(lang, { ...zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const dateFmt = new Intl.DateTimeFormat(lang, { ...zone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
    const dayFmt = new Intl.DateTimeFormat(lang, { ...zone, month: lang === 'en' ? 'short' : '2-digit', day: '2-digit' });
    return {
      lang,
      t: (key, params) => {
        let s = messages[key]!;
        if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      label: (key, fallback) => messages[key] ?? fallback,
      l: (text) => (lang === 'zh-CN' ? text.zh : text.en),
      value: (v, def) => formatValue(v, def.decimals, lang),
      time: (ms) => timeFmt.format(ms),
      date: (ms) => dateFmt.format(ms),
      day: (ms) => dayFmt.format(ms),
    };
  }, [timeZone]);
  useEffect(() => {
    document.documentElement.lang = value.lang;
  }, [value.lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (v === null) throw new Error('useI18n outside I18nProvider');
  return v;
}
