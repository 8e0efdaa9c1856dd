import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { rolesFor } from '@cw/access';
import {
  type Briefing,
  type BriefingFigure,
  type BriefingSummary,
  type Domain,
} from '@cw/contracts';
import {
  ALERT_LEVEL_COLORS,
  CHANNEL_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_NUMERALS,
} from '@cw/vocabulary';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { formatDuration } from '../console/duration.ts';
import { DOMAINS } from '../domains.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useProfile } from '../api/queries.ts';
import { AppHeader } from '../shell/AppHeader.tsx';
import { RequireRole } from '../shell/RequireRole.tsx';
import '../shell/shell.css';
import './briefing.css';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

// A stored briefing never changes unless a shift leader compiles the day again: cache it long.
const useBriefingList = () => useQuery({ queryKey: ['briefings'], queryFn: () => getJson<BriefingSummary[]>('/api/v1/briefings?limit=120'), staleTime: 5 * 60_000, retry: 2 });
const useBriefing = (day: string | undefined) =>
  useQuery({ queryKey: ['briefing', day], queryFn: () => getJson<Briefing>(`/api/v1/briefings/${day}`), enabled: day !== undefined, staleTime: 30 * 60_000, retry: 2 });

/** /briefing: the daily briefing (城市运行日报) for leaders, shift leaders and duty officers, on tablets and desktops. */
export function BriefingPage() {
  return (
    <RequireRole roles={rolesFor('briefings.read')}>
      <BriefingScreen />
    </RequireRole>
  );
}

function BriefingScreen() {
  const { t } = useI18n();
  const list = useBriefingList();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const days = list.data?.map((b) => b.day) ?? [];
  const day = chosen ?? days[0];
  const briefing = useBriefing(day);
  const index = day === undefined ? -1 : days.indexOf(day);
  const search = window.location.search;

  return (
    <div className="brief" data-testid="briefing">
      <AppHeader title={t('brief.title')} />
      <nav className="brief__bar" aria-label={t('brief.day')}>
        <button type="button" className="btn brief__touch" disabled={index < 0 || index >= days.length - 1} onClick={() => setChosen(days[index + 1])}>
          ‹ {t('brief.prev')}
        </button>
        <select className="brief__select brief__touch" aria-label={t('brief.day')} value={day ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="briefing-day">
          {days.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <button type="button" className="btn brief__touch" disabled={index <= 0} onClick={() => setChosen(days[index - 1])}>
          {t('brief.next')} ›
        </button>
        <span className="brief__spacer" />
        {day !== undefined && (
          <a className="btn btn--primary brief__touch" href={`/api/v1/briefings/${day}/pdf${search.includes('lang=en') ? '?lang=en' : ''}`} download data-testid="briefing-pdf">
            {t('brief.pdf')}
          </a>
        )}
      </nav>
      <main className="brief__body">
        {list.isPending || (day !== undefined && briefing.isPending) ? (
          <BriefingSkeleton />
        ) : list.isError || briefing.isError ? (
          <div className="brief__message" role="alert">
            {t('brief.failed', { error: String((list.error ?? briefing.error)?.message) })}{' '}
            <button type="button" className="btn" onClick={() => void (list.isError ? list.refetch() : briefing.refetch())}>
              {t('brief.retry')}
            </button>
          </div>
        ) : briefing.data === undefined ? (
          <div className="brief__message">{t('brief.none')}</div>
        ) : (
          <BriefingView b={briefing.data} />
        )}
      </main>
    </div>
  );
}

/** Placeholders in the shape of the page, so the layout does not jump when the data lands. */
function BriefingSkeleton() {
  const { t } = useI18n();
  return (
    <div className="brief__skeleton" aria-busy="true" aria-label={t('loading')}>
      <div className="brief__ghost brief__ghost--strip" />
      <div className="brief__ghost" />
      <div className="brief__ghost" />
    </div>
  );
}

function BriefingView({ b }: { b: Briefing }) {
  const { t, l, lang } = useI18n();
  const profile = useProfile().data;
  const time = (ms: number) => new Intl.DateTimeFormat(lang, { timeZone: b.timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  const scopeName = (scope: string) => (scope === 'city' ? t('brief.scope.city') : (profile?.divisions.find((d) => d.code === scope)?.name[lang === 'en' ? 'en' : 'zh'] ?? scope));
  const byDomain = useMemo(() => DOMAINS.map((d) => [d, b.figures.filter((f) => f.domain === d)] as const).filter(([, fs]) => fs.length > 0), [b]);

  return (
    <article className="brief__doc" lang={lang}>
      <header className="brief__title">
        <h2>
          {l(b.city)} · {t('brief.title')} · <span data-testid="briefing-date">{b.day}</span>
        </h2>
        <span className="brief__muted">{t('brief.compiledAt', { time: time(b.compiledAt) })}</span>
      </header>

      <section className="brief__strip" data-testid="briefing-headline">
        <Headline label={t('brief.headline.alerts')} value={b.alerts.raised} />
        <Headline label={t('brief.headline.received')} value={b.cases.received} testId="briefing-received" />
        <Headline label={t('brief.headline.closed')} value={b.cases.closed} />
        <Headline label={t('brief.headline.overdue')} value={b.cases.overdue} warn={b.cases.overdue > 0} />
        <Headline label={t('brief.headline.emergencies')} value={b.emergencies.declared} warn={b.emergencies.declared > 0} />
      </section>

      <section className="brief__section">
        <h3>{t('brief.figures')}</h3>
        {byDomain.map(([domain, figures]) => (
          <DomainFigures key={domain} domain={domain} figures={figures} />
        ))}
      </section>

      <section className="brief__section">
        <h3>{t('brief.trends')}</h3>
        {b.trends.length === 0 ? (
          <p className="brief__muted">{t('brief.trends.none')}</p>
        ) : (
          <ul className="brief__trends">
            {b.trends.map((tr) => (
              <li key={`${tr.metric}/${tr.scope}`}>
                <span className={tr.changePct > 0 ? 'brief__up' : 'brief__down'}>{signed(tr.changePct, 1, lang)}%</span> {scopeName(tr.scope)} · {l(tr.name)}: {fmt(tr.lastWeek, lang)} → {fmt(tr.value, lang)} {l(tr.unit)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="brief__section brief__two">
        <div>
          <h3>{t('brief.cases')}</h3>
          <h4>{t('brief.cases.byDepartment')}</h4>
          <DepartmentChart b={b} />
        </div>
        <div>
          <h4>{t('brief.cases.byChannel')}</h4>
          <table className="brief__table">
            <thead>
              <tr>
                <th />
                <th>{t('brief.cases.received')}</th>
                <th>{t('brief.cases.closed')}</th>
                <th>{t('brief.cases.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {b.cases.byChannel.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{l(CHANNEL_LABELS[c.channel])}</th>
                  <td>{c.received}</td>
                  <td>{c.closed}</td>
                  <td>{c.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="brief__section brief__two">
        <div>
          <h3>{t('brief.alerts')}</h3>
          <p>
            {t('brief.alerts.summary', {
              raised: b.alerts.raised,
              red: b.alerts.byLevel.red,
              orange: b.alerts.byLevel.orange,
              yellow: b.alerts.byLevel.yellow,
              blue: b.alerts.byLevel.blue,
              ongoing: b.alerts.ongoing,
              median: b.alerts.medianClearedMs === null ? '—' : formatDuration(b.alerts.medianClearedMs, lang),
              longest: b.alerts.longestMs === null ? '—' : formatDuration(b.alerts.longestMs, lang),
            })}
          </p>
          <h4>{t('brief.alerts.byHour')}</h4>
          <HourChart hours={b.alerts.byHour} />
        </div>
        <div>
          <h4>{t('brief.alerts.longest')}</h4>
          <ul className="brief__list">
            {b.alerts.items.slice(0, 8).map((a) => (
              <li key={a.id}>
                <span style={{ color: ALERT_LEVEL_COLORS[a.level] }} title={t(`alertLevel.${a.level}`)}>●</span> {time(a.raisedAt)} {scopeName(a.scope)} · {l(a.name)} · {formatDuration(a.durationMs, lang)}
                {a.clearedAt === null ? ` (${t('brief.alerts.ongoing')})` : ''}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="brief__section">
        <h3>{t('brief.emergencies')}</h3>
        <p>{t('brief.emergencies.summary', { declared: b.emergencies.declared, stoodDown: b.emergencies.stoodDown, active: b.emergencies.activeAtEnd, drills: b.emergencies.drills })}</p>
        {b.emergencies.items.length === 0 ? (
          <p className="brief__muted">{t('brief.emergencies.none')}</p>
        ) : (
          <ul className="brief__list">
            {b.emergencies.items.map((e) => (
              <li key={e.id}>
                {e.drill && <span className="brief__drill">{t('emg.drill')}</span>} {EMERGENCY_LEVEL_NUMERALS[e.level]} · {e.title} · {l(EMERGENCY_CATEGORY_LABELS[e.category])} · {scopeName(e.division)} · {time(e.declaredAt)} ·{' '}
                {e.standDownAt === null ? t('brief.emergencies.active') : t('brief.emergencies.stoodDown', { time: time(e.standDownAt) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Headline({ label, value, warn, testId }: { label: string; value: number; warn?: boolean; testId?: string }) {
  return (
    <div className={`brief__headline${warn ? ' brief__headline--warn' : ''}`}>
      <span className="brief__headline-value" data-testid={testId}>
        {value}
      </span>
      <span className="brief__headline-label">{label}</span>
    </div>
  );
}

const fmt = (v: number, lang: string, decimals = 0) => new Intl.NumberFormat(lang, { maximumFractionDigits: decimals }).format(v);
const signed = (v: number, decimals: number, lang: string) => `${v > 0 ? '+' : ''}${fmt(v, lang, decimals)}`;

function DomainFigures({ domain, figures }: { domain: Domain; figures: BriefingFigure[] }) {
  const { t } = useI18n();
  return (
    <div className="brief__domain">
      <h4>{t(`domain.${domain}`)}</h4>
      <div className="brief__cards">
        {figures.map((f) => (
          <FigureCard key={f.metric} f={f} />
        ))}
      </div>
    </div>
  );
}

function FigureCard({ f }: { f: BriefingFigure }) {
  const { t, l, lang, value } = useI18n();
  const change = (abs: number | null, pct: number | null) =>
    abs === null ? '—' : `${signed(abs, f.decimals, lang)}${l(f.unit) === '%' ? t('brief.points') : ''}${pct === null || l(f.unit) === '%' ? '' : ` (${signed(pct, 1, lang)}%)`}`;
  return (
    <div className={`brief__card brief__card--${f.status}`} data-testid={`figure-${f.metric}`}>
      <span className="brief__card-name">{l(f.name)}</span>
      <span className="brief__card-value">
        {f.value === null ? t('brief.noData') : value(f.value, f)} <small>{l(f.unit)}</small>
      </span>
      <span className="brief__card-change">
        {t('brief.vsDay')} {change(f.changeDay, f.changeDayPct)}
      </span>
      <span className="brief__card-change">
        {t('brief.vsWeek')} {change(f.changeWeek, f.changeWeekPct)}
      </span>
      <Sparkline f={f} />
    </div>
  );
}

function Sparkline({ f }: { f: BriefingFigure }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, data: f.days.map((d) => d.day) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', data: f.days.map((d) => d.value), symbol: 'circle', symbolSize: 3, lineStyle: { width: 1.5, color: '#35d0ff' }, itemStyle: { color: '#35d0ff' }, connectNulls: false }],
    }),
    [f],
  );
  return <EChart option={option} className="brief__spark" />;
}

function DepartmentChart({ b }: { b: Briefing }) {
  const { t, l } = useI18n();
  const option = useMemo<EChartsCoreOption>(() => {
    // The ten departments with most cases, the largest on top.
    const rows = b.cases.byDepartment.slice(0, 10).reverse();
    return {
      animation: false,
      textStyle: { color: '#a3b4d6' },
      legend: { top: 0, textStyle: { color: '#a3b4d6' } },
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: 'rgba(82,132,224,0.16)' } } },
      yAxis: { type: 'category', data: rows.map((r) => (r.name ? l(r.name) : r.department === null ? t('brief.cases.unassigned') : r.department)), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: t('brief.cases.received'), data: rows.map((r) => r.received), itemStyle: { color: '#35d0ff' } },
        { type: 'bar', name: t('brief.cases.closed'), data: rows.map((r) => r.closed), itemStyle: { color: '#2bd67b' } },
        { type: 'bar', name: t('brief.cases.overdue'), data: rows.map((r) => r.overdue), itemStyle: { color: '#ff4d4f' } },
      ],
    };
  }, [b, l, t]);
  return <EChart option={option} className="brief__chart" testId="briefing-departments" />;
}

function HourChart({ hours }: { hours: number[] }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { color: '#a3b4d6' },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: hours.map((_, h) => String(h).padStart(2, '0')) },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: 'rgba(82,132,224,0.16)' } } },
      series: [{ type: 'bar', data: hours, itemStyle: { color: '#ffb020' } }],
    }),
    [hours],
  );
  return <EChart option={option} className="brief__chart brief__chart--short" />;
}
