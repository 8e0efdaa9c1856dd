import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Localized } from '@cw/contracts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
const CATALOGS: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the language's side of a zh/en pair from the city profile or the catalogue. */
  l: (text: Localized) => string;
  /** Date-time formatting in the city's zone, whatever the display machine's zone. */
  formatTime: (ms: number, withDate?: boolean) => string;
}

/** The language comes from `?lang=en` (walls have no keyboard, so a URL setting); zh-CN by default. */
function pickLang(): Lang {
  const q = new URLSearchParams(window.location.search).get('lang');
  return q === 'en' ? 'en' : 'zh-CN';
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children, timeZone = 'Asia/Shanghai' }: { children: ReactNode; timeZone?: string }) {
  const value = useMemo<I18n>(() => {
    const lang = pickLang();
    const messages = CATALOGS[lang];
    const timeFmt = new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    const dateTimeFmt = new Intl.DateTimeFormat(lang, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return {
      lang,
      t: (key, params) => {
        let s: string = messages[key];
        if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      l: (text) => (lang === 'zh-CN' ? text.zh : text.en),
      formatTime: (ms, withDate = false) => (withDate ? dateTimeFmt : timeFmt).format(ms),
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
