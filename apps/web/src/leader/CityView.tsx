import { useMemo, useRef, type TouchEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { CITY_SCOPE, type Domain, type MetricDef, type Status } from '@cw/contracts';
import { DOMAINS } from '../domains.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricStatuses, useMetricValues } from '../live/store.ts';
import { useSilentSource } from '../live/provenance.ts';
import { StaleSourceMark } from '../live/StaleSource.tsx';
import { STATUS_MARK } from '../wall/figures/statusMark.ts';
import { swipeStep } from './gestures.ts';
import { useHref, useLeaderData } from './leaderData.ts';

const isDomain = (d: string): d is Domain => (DOMAINS as readonly string[]).includes(d);

/** The city: what needs attention, then one domain's figures at a time, swiped or tabbed. */
export function CityView({ domain: param }: { domain: string }) {
  const { t } = useI18n();
  const href = useHref();
  const [, navigate] = useLocation();
  const domain: Domain = isDomain(param) ? param : 'government';
  const index = DOMAINS.indexOf(domain);
  const start = useRef<{ x: number; y: number } | null>(null);
  const onStart = (e: TouchEvent) => {
    const touch = e.touches[0];
    start.current = touch && e.touches.length === 1 ? { x: touch.clientX, y: touch.clientY } : null;
  };
  const onEnd = (e: TouchEvent) => {
    const touch = e.changedTouches[0];
    if (!start.current || !touch) return;
    const step = swipeStep(touch.clientX - start.current.x, touch.clientY - start.current.y);
    start.current = null;
    const next = DOMAINS[index + step];
    if (step !== 0 && next !== undefined) navigate(href(`/leader/city/${next}`), { replace: true });
  };
  return (
    <div className="leader-page leader-city" data-testid="leader-city" data-domain={domain}>
      <Attention />
      <nav className="leader-domains" aria-label={t('leader.domains')}>
        {DOMAINS.map((d) => (
          <Link key={d} href={href(`/leader/city/${d}`)} replace className={`leader-chip${d === domain ? ' is-active' : ''}`} data-testid={`domain-tab-${d}`} aria-current={d === domain ? 'page' : undefined}>
            {t(`domain.${d}`)}
          </Link>
        ))}
      </nav>
      <section className="leader-domain" onTouchStart={onStart} onTouchEnd={onEnd} data-testid="domain-pane" aria-label={t(`domain.${domain}`)}>
        <p className="leader-hint">{t('leader.swipeHint', { at: index + 1, of: DOMAINS.length })}</p>
        <DomainFigures domain={domain} />
      </section>
    </div>
  );
}

/** Every figure of a domain, key figures first, each a door to its detail. */
function DomainFigures({ domain }: { domain: Domain }) {
  const { catalogue } = useLeaderData();
  const defs = useMemo(() => {
    const all = catalogue.filter((m) => m.domain === domain);
    return [...all.filter((m) => m.key), ...all.filter((m) => !m.key)];
  }, [catalogue, domain]);
  const ids = useMemo(() => defs.map((d) => d.id), [defs]);
  const values = useMetricValues(CITY_SCOPE, ids);
  const statuses = useMetricStatuses(CITY_SCOPE, ids);
  return (
    <ul className="leader-figures">
      {defs.map((def, i) => (
        <li key={def.id}>
          <FigureLink def={def} value={values[i] ?? null} status={statuses[i] ?? 'nodata'} />
        </li>
      ))}
    </ul>
  );
}

/** A figure first, its label second; tapped, it opens the figure's detail. */
export function FigureLink({ def, value: v, status, scope = CITY_SCOPE }: { def: MetricDef; value: number | null; status: Status; scope?: string }) {
  const { t, l, value } = useI18n();
  const href = useHref();
  const path = scope === CITY_SCOPE ? `/leader/metric/${def.id}` : `/leader/metric/${def.id}/${scope}`;
  const silent = useSilentSource(def.id);
  return (
    <Link
      href={href(path)}
      className={`leader-figure is-${status}${silent !== null ? ' is-stale' : ''}`}
      data-testid="leader-figure"
      data-metric={def.id}
      data-status={status}
      data-stale-source={silent ?? undefined}
    >
      <span className="leader-figure__value">
        <strong data-testid="figure-value">{value(v, def)}</strong>
        <small>{l(def.unit)}</small>
      </span>
      <span className="leader-figure__name">{l(def.name)}</span>
      <span className="leader-figure__status">
        {STATUS_MARK[status]} {t(`status.${status}`)}
      </span>
      {silent !== null && <StaleSourceMark name={silent} className="leader-figure__source" />}
    </Link>
  );
}

/** Figures in warning or worse for the city, worst first: what a leader looks at first. */
function Attention() {
  const { t } = useI18n();
  const { catalogue } = useLeaderData();
  const ids = useMemo(() => catalogue.map((m) => m.id), [catalogue]);
  const values = useMetricValues(CITY_SCOPE, ids);
  const statuses = useMetricStatuses(CITY_SCOPE, ids);
  const flagged = catalogue
    .map((def, i) => ({ def, value: values[i] ?? null, status: statuses[i] ?? 'nodata' }))
    .filter((x) => x.status === 'warning' || x.status === 'critical')
    .sort((a, b) => Number(b.status === 'critical') - Number(a.status === 'critical'));
  return (
    <section className="leader-attention" data-testid="leader-attention" aria-label={t('leader.attention')}>
      <h2 className="leader-h2">
        {t('leader.attention')} <span className="leader-count">{flagged.length}</span>
      </h2>
      {flagged.length === 0 ? (
        <p className="leader-muted">{t('leader.attentionNone')}</p>
      ) : (
        <ul className="leader-figures leader-figures--attention">
          {flagged.map((x) => (
            <li key={x.def.id}>
              <FigureLink def={x.def} value={x.value} status={x.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
