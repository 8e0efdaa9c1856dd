import { useMemo } from 'react';
import { Link } from 'wouter';
import type { UseQueryResult } from '@tanstack/react-query';
import { CITY_SCOPE, type CaseSummary, type MetricDef } from '@cw/contracts';
import { EVENT_SOURCES, metricFormula, metricLimits, metricSourceKinds, seriesKind, worseIsHigher } from '@cw/metrics';
import { EChart } from '../charts/EChart.tsx';
import type { EChartsCoreOption } from '../charts/echarts.ts';
import { escapeHtml } from '../charts/escapeHtml.ts';
import { CHART } from '../charts/theme.ts';
import { formatAge } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCityCalendar, useServerTime } from '../live/clock.ts';
import { useAsOf, useLive, useParts, useStatus, useStatuses, useValue, useValues } from '../live/store.ts';
import { useSilentSource } from '../live/provenance.ts';
import { StaleSourceMark } from '../live/StaleSource.tsx';
import { DAY_MS, HOUR_MS } from '../time/cityTime.ts';
import { STATUS_MARK } from '../wall/figures/statusMark.ts';
import { accumulationOf, daySlots, hourSlots, type HistoryPoint } from '../wall/trend.ts';
import { caseList } from './cases.ts';
import { CaseRow } from './CasesView.tsx';
import { rankWorstFirst, todayVsYesterday, weekVsLastWeek, type Comparison } from './compare.ts';
import { hasHistory, useDays, useHours } from './history.ts';
import { useHref, useLeaderData } from './leaderData.ts';

const CHART_FONT = 13;
const DAYS = 30;

/** One figure for the city or a division: the figure, what it means, its trend, how the divisions compare, what is behind it. */
export function MetricView({ id, scope }: { id: string; scope: string }) {
  const { t, l } = useI18n();
  const href = useHref();
  const { metric, scopeName } = useLeaderData();
  const def = metric(id);
  const where = scopeName(scope);
  if (def === undefined || where === undefined) {
    return (
      <div className="leader-page" data-testid="metric-missing">
        <p>{t('leader.notFound')}</p>
        <Link className="leader-btn" href={href('/leader')}>
          {t('leader.back')}
        </Link>
      </div>
    );
  }
  const city = scope === CITY_SCOPE;
  return (
    <div className="leader-page leader-metric" data-testid="metric-detail" data-metric={def.id} data-scope={scope}>
      <nav className="leader-crumbs" aria-label={t('leader.path')}>
        <Link className="leader-btn leader-btn--quiet" href={href(`/leader/city/${def.domain}`)} data-testid="crumb-domain">
          ‹ {t(`domain.${def.domain}`)}
        </Link>
        {!city && (
          <Link className="leader-btn leader-btn--quiet" href={href(`/leader/metric/${def.id}`)} data-testid="crumb-city">
            ‹ {l(scopeName(CITY_SCOPE)!)}
          </Link>
        )}
      </nav>
      <div className="leader-metric__grid">
        <div className="leader-metric__main">
          <Headline def={def} scope={scope} where={l(where)} />
          <Definition def={def} scope={scope} />
          <Trend def={def} scope={scope} />
        </div>
        <div className="leader-metric__side">{city ? <Divisions def={def} /> : <Behind def={def} scope={scope} />}</div>
      </div>
    </div>
  );
}

function Headline({ def, scope, where }: { def: MetricDef; scope: string; where: string }) {
  const { t, l, value } = useI18n();
  const v = useValue(scope, def.id);
  const status = useStatus(scope, def.id);
  const silent = useSilentSource(def.id);
  return (
    <section className={`leader-card leader-headline is-${status}${silent !== null ? ' is-stale' : ''}`} data-testid="metric-headline" data-stale-source={silent ?? undefined}>
      <p className="leader-headline__where">{where}</p>
      <h2 className="leader-headline__name">{l(def.name)}</h2>
      <p className="leader-headline__value">
        <strong data-testid="metric-value">{value(v, def)}</strong> <small>{l(def.unit)}</small>
      </p>
      <p className="leader-headline__status" data-testid="metric-status" data-status={status}>
        {STATUS_MARK[status]} {t(`status.${status}`)}
      </p>
      {silent !== null && (
        <p>
          <StaleSourceMark name={silent} />
        </p>
      )}
    </section>
  );
}

/** The catalogue's definition in words, the systems the figure comes from, and how fresh it is. */
function Definition({ def, scope }: { def: MetricDef; scope: string }) {
  const { t, l, lang, time, date } = useI18n();
  const asOf = useAsOf(scope, def.id, 1000);
  const now = useServerTime(10_000);
  const limits = metricLimits(def);
  const stale = asOf !== null && now - asOf > def.staleAfterSec * 1000;
  return (
    <section className="leader-card" data-testid="metric-definition">
      <h3 className="leader-h3">{t('leader.definition')}</h3>
      <p className="leader-formula">{l(metricFormula(def))}</p>
      <dl className="leader-facts">
        <dt>{t('leader.limits')}</dt>
        <dd>{limits === null ? t('leader.noLimits') : l(limits)}</dd>
        <dt>{t('leader.sources')}</dt>
        <dd data-testid="metric-sources">{metricSourceKinds(def).map((k) => l(EVENT_SOURCES[k])).join('；')}</dd>
        <dt>{t('leader.freshness')}</dt>
        <dd data-testid="metric-freshness" data-stale={stale}>
          {asOf === null
            ? t('leader.noEvents')
            : t(stale ? 'leader.freshStale' : 'leader.fresh', { at: `${date(asOf)} ${time(asOf)}`, age: formatAge(Math.max(0, now - asOf), lang), budget: formatAge(def.staleAfterSec * 1000, lang) })}
        </dd>
      </dl>
    </section>
  );
}

/** Loading, failed (with what is still shown), or nothing: never a spinner wall. */
function QueryState({ q }: { q: UseQueryResult<unknown, unknown> }) {
  const { t } = useI18n();
  if (q.isPending && q.fetchStatus !== 'idle') return <p className="leader-muted" data-testid="history-loading">{t('leader.history.loading')}</p>;
  if (q.isError) {
    return (
      <p className="leader-error" role="alert" data-testid="history-error">
        {t(q.data === undefined ? 'leader.history.failed' : 'leader.history.stale')}{' '}
        <button type="button" className="leader-btn" onClick={() => void q.refetch()}>
          {t('leader.retry')}
        </button>
      </p>
    );
  }
  return null;
}

function Trend({ def, scope }: { def: MetricDef; scope: string }) {
  const { t } = useI18n();
  const { profile } = useLeaderData();
  const { dayStart, hourStart } = useCityCalendar(profile.utcOffsetMinutes);
  const hours = useHours(def, scope, dayStart);
  const days = useDays(def, scope, dayStart, DAYS);
  const live = useValue(scope, def.id);
  const yesterday = days.data?.find((p) => p.start === dayStart - DAY_MS)?.value ?? null;
  const dayCmp = hours.data ? todayVsYesterday(def, hours.data, dayStart, hourStart, live, yesterday) : null;
  const weekCmp = days.data ? weekVsLastWeek(def, days.data, dayStart) : null;
  if (!hasHistory(def)) {
    return (
      <section className="leader-card" data-testid="metric-history" data-points="0">
        <h3 className="leader-h3">{t('leader.trend')}</h3>
        <p className="leader-muted">{t('leader.noHistory')}</p>
      </section>
    );
  }
  return (
    <section className="leader-card" data-testid="metric-history" data-points={(hours.data?.length ?? 0) + (days.data?.length ?? 0)}>
      <h3 className="leader-h3">{t('leader.trend')}</h3>
      <div className="leader-compare">
        <CompareFigure def={def} label={t('leader.cmp.day')} c={dayCmp} testId="cmp-day" />
        <CompareFigure def={def} label={t('leader.cmp.week')} c={weekCmp} testId="cmp-week" />
      </div>
      <QueryState q={hours} />
      {hours.data && <HoursChart def={def} points={hours.data} dayStart={dayStart} hourStart={hourStart} />}
      <QueryState q={days} />
      {days.data && <DaysChart def={def} points={days.data} dayStart={dayStart} />}
    </section>
  );
}

function CompareFigure({ def, label, c, testId }: { def: MetricDef; label: string; c: Comparison | null; testId: string }) {
  const { t, value } = useI18n();
  const basis = c === null ? '' : c.basis === 'closed_hours' ? t('leader.basis.hours', { hours: c.hours ?? 0 }) : t(`leader.basis.${c.basis}`);
  const pct = c?.change == null ? null : c.change * 100;
  return (
    <div className="leader-cmp" data-testid={testId}>
      <span className="leader-cmp__label">{label}</span>
      <span className="leader-cmp__values">
        <strong data-testid="cmp-now">{value(c?.now ?? null, def)}</strong>
        <span> / {value(c?.before ?? null, def)}</span>
      </span>
      <span className="leader-cmp__change" data-testid="cmp-change">
        {pct === null ? '—' : `${pct > 0 ? '▲' : pct < 0 ? '▼' : '＝'} ${value(Math.abs(pct), { decimals: 1 })}%`}
      </span>
      <span className="leader-cmp__basis">{basis}</span>
    </div>
  );
}

const baseChart = (font: number): EChartsCoreOption => ({
  animation: false,
  grid: { left: font * 3.6, right: font, top: font * 2.2, bottom: font * 2 },
  legend: { top: 0, textStyle: { color: CHART.muted, fontSize: font }, itemHeight: font * 0.7 },
});

/** Today's closed hours against yesterday's, from history only (the open hour is not drawn as a drop). */
function HoursChart({ def, points, dayStart, hourStart }: { def: MetricDef; points: readonly HistoryPoint[]; dayStart: number; hourStart: number }) {
  const { t, l, value } = useI18n();
  const option = useMemo<EChartsCoreOption>(() => {
    const closed = Math.round((hourStart - dayStart) / HOUR_MS);
    // A count's closed hour without a window had no events: zero, not a gap (once the day has any window at all).
    const zeros = (slots: (number | null)[]) => (accumulationOf(def) === 'additive' && slots.some((v) => v !== null) ? slots.map((v) => v ?? 0) : slots);
    const today = zeros(hourSlots(points, dayStart).slice(0, closed));
    const yesterday = zeros(hourSlots(points, dayStart - DAY_MS));
    return {
      ...baseChart(CHART_FONT),
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { seriesName: string; value: number | null; axisValue: string }[]) =>
          [escapeHtml(ps[0]?.axisValue ?? ''), ...ps.map((p) => `${escapeHtml(p.seriesName)}: ${escapeHtml(value(p.value, def))} ${escapeHtml(l(def.unit))}`)].join('<br/>'),
      },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => t('chart.hour', { hour: h })), axisLabel: { color: CHART.muted, fontSize: CHART_FONT, interval: 5 }, axisTick: { show: false } },
      yAxis: { type: 'value', splitNumber: 3, axisLabel: { color: CHART.muted, fontSize: CHART_FONT, formatter: (v: number) => value(v, { decimals: 0 }) }, splitLine: { lineStyle: { color: CHART.grid } } },
      series: [
        { name: t('chart.yesterday'), type: 'line', data: yesterday, symbol: 'none', lineStyle: { color: CHART.yesterday, type: 'dashed', width: 2 }, itemStyle: { color: CHART.yesterday } },
        { name: t('chart.today'), type: 'line', data: today, symbol: 'circle', symbolSize: 6, lineStyle: { color: CHART.today, width: 3 }, itemStyle: { color: CHART.today } },
      ],
    };
  }, [points, dayStart, hourStart, def, t, l, value]);
  return (
    <figure className="leader-chart" data-testid="chart-hours">
      <figcaption>{t('leader.chart.hours')}</figcaption>
      <EChart option={option} className="leader-chart__canvas" />
    </figure>
  );
}

function DaysChart({ def, points, dayStart }: { def: MetricDef; points: readonly HistoryPoint[]; dayStart: number }) {
  const { t, l, value, day } = useI18n();
  const option = useMemo<EChartsCoreOption>(() => {
    const slots = daySlots(points, dayStart, DAYS);
    return {
      ...baseChart(CHART_FONT),
      legend: { show: false },
      grid: { left: CHART_FONT * 3.6, right: CHART_FONT, top: CHART_FONT, bottom: CHART_FONT * 2 },
      tooltip: { trigger: 'axis', formatter: (ps: { value: number | null; axisValue: string }[]) => `${escapeHtml(ps[0]?.axisValue ?? '')}: ${escapeHtml(value(ps[0]?.value ?? null, def))} ${escapeHtml(l(def.unit))}` },
      xAxis: { type: 'category', data: slots.map((s) => day(s.day)), axisLabel: { color: CHART.muted, fontSize: CHART_FONT, interval: 6 }, axisTick: { show: false } },
      yAxis: { type: 'value', splitNumber: 3, axisLabel: { color: CHART.muted, fontSize: CHART_FONT, formatter: (v: number) => value(v, { decimals: 0 }) }, splitLine: { lineStyle: { color: CHART.grid } } },
      series: [{ type: 'bar', data: slots.map((s) => s.value), itemStyle: { color: CHART.bar }, barMaxWidth: 14 }],
    };
  }, [points, dayStart, def, l, value, day]);
  return (
    <figure className="leader-chart" data-testid="chart-days">
      <figcaption>{t('leader.chart.days', { days: DAYS })}</figcaption>
      <EChart option={option} className="leader-chart__canvas" />
    </figure>
  );
}

/** The 12 divisions on this figure, worst first, each a door to that division's figure. */
function Divisions({ def }: { def: MetricDef }) {
  const { t, l, value } = useI18n();
  const href = useHref();
  const { profile } = useLeaderData();
  const codes = useMemo(() => profile.divisions.map((d) => d.code), [profile.divisions]);
  const values = useValues(codes, def.id);
  const statuses = useStatuses(codes, def.id);
  const worse = worseIsHigher(def);
  const ranked = rankWorstFirst(
    codes.map((code, i) => ({ code, value: values[i] ?? null })),
    worse,
  );
  const max = Math.max(1, ...ranked.map((r) => Math.abs(r.value ?? 0)));
  const name = (code: string) => profile.divisions.find((d) => d.code === code)?.name;
  return (
    <section className="leader-card" data-testid="division-compare">
      <h3 className="leader-h3">{t('leader.divisions')}</h3>
      <p className="leader-muted">{t(worse === null ? 'leader.rank.largest' : 'leader.rank.worst')}</p>
      <ol className="leader-rank">
        {ranked.map((r, i) => {
          const status = statuses[codes.indexOf(r.code)] ?? 'nodata';
          const n = name(r.code);
          return (
            <li key={r.code}>
              <Link href={href(`/leader/metric/${def.id}/${r.code}`)} className={`leader-rank__row is-${status}`} data-testid="division-row" data-code={r.code}>
                <span className="leader-rank__pos">{i + 1}</span>
                <span className="leader-rank__name">{n ? l(n) : r.code}</span>
                <span className="leader-rank__bar" aria-hidden>
                  <span style={{ width: `${(Math.abs(r.value ?? 0) / max) * 100}%` }} />
                </span>
                <span className="leader-rank__value">
                  {value(r.value, def)}
                  <small> {STATUS_MARK[status]}</small>
                </span>
              </Link>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** For a division: the raw-event counts behind its figure (by type or place) and its open cases. */
function Behind({ def, scope }: { def: MetricDef; scope: string }) {
  const { t, l, value, label } = useI18n();
  const href = useHref();
  const { profile } = useLeaderData();
  const parts = useParts(scope, def.id);
  const cases = useLive((s) => s.topics.cases) as Record<string, CaseSummary> | undefined;
  const open = useMemo(() => caseList(Object.values(cases ?? {}), 'open', scope), [cases, scope]);
  const kind = metricSourceKinds(def)[0];
  const series = def.compute.kind === 'window' ? def.compute.series : kind ?? '';
  const placeName = (id: string) => [...profile.sites, ...profile.devices, ...profile.deviceFleets].find((p) => p.id === id)?.name;
  const rows = Object.entries(parts)
    .map(([key, v]) => ({ key, v, name: def.split?.by === 'place' ? (placeName(key) ? l(placeName(key)!) : key) : label(`type.${seriesKind(series)}.${key}`, key) }))
    .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity));
  return (
    <>
      {rows.length > 0 && (
        <section className="leader-card" data-testid="metric-parts">
          <h3 className="leader-h3">{t('leader.behind')}</h3>
          <ul className="leader-parts">
            {rows.map((r) => (
              <li key={r.key}>
                <span>{r.name}</span>
                <strong>{value(r.v, def)}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="leader-card" data-testid="division-cases">
        <h3 className="leader-h3">
          {t('leader.divisionCases')} <span className="leader-count">{open.length}</span>
        </h3>
        {open.length === 0 ? (
          <p className="leader-muted">{t('leader.cases.none')}</p>
        ) : (
          <ul className="leader-cases">
            {open.slice(0, 8).map((c) => (
              <li key={c.id}>
                <CaseRow c={c} />
              </li>
            ))}
          </ul>
        )}
        <Link className="leader-btn" href={href(`/leader/cases/open/${scope}`)} data-testid="division-all-cases">
          {t('leader.cases.all', { count: open.length })}
        </Link>
      </section>
    </>
  );
}
