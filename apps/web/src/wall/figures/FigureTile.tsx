import { aqiCategory } from '@cw/aqi';
import { CITY_SCOPE, type MetricDef, type Status } from '@cw/contracts';
import { formatAge } from '../../format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { staleAge } from '../../live/health.ts';
import { useProvenance, useSilentSource } from '../../live/provenance.ts';
import { StaleSourceMark } from '../../live/StaleSource.tsx';
import { ClockIcon } from '../../shell/icons.tsx';
import { useAsOf, useStatus, useValue } from '../../live/store.ts';
import { useChangeCue } from '../useChangeCue.ts';
import { STATUS_MARK } from './statusMark.ts';

/** Budgets are minutes to days: ages to ten seconds are precise enough, and cheap. */
const AGE_STEP_MS = 10_000;

/** A live figure of one scope (the city unless told). */
export function FigureTile({ def, scope = CITY_SCOPE }: { def: MetricDef; scope?: string }) {
  const value = useValue(scope, def.id);
  const status = useStatus(scope, def.id);
  const asOf = useAsOf(scope, def.id, AGE_STEP_MS);
  return <Figure def={def} value={value} status={status} asOf={asOf} />;
}

/**
 * One figure: value and unit, its status against its thresholds (the tile's colour plus a
 * mark and a word), and its age once older than its staleness budget, or the silent data
 * source feeding it, named. The AQI shows its HJ 633 category (colour and name) instead. Its
 * title lists the registered sources that feed it and when each last reported.
 */
export function Figure({ def, value, status, asOf }: { def: MetricDef; value: number | null; status: Status; asOf: number | null }) {
  const { l, t, lang, value: format } = useI18n();
  const now = useServerTime(AGE_STEP_MS);
  const age = staleAge(asOf, def, now);
  const category = def.compute.kind === 'aqi' && value !== null ? aqiCategory(value) : undefined;
  const unit = l(def.unit);
  const shown = format(value, def);
  const cue = useChangeCue<HTMLSpanElement>(value === null ? null : shown);
  const silent = useSilentSource(def.id);
  const sources = useProvenance().data?.[def.id] ?? [];
  const fedBy =
    sources.length === 0
      ? undefined
      : t('provenance.fedBy', {
          sources: sources
            .map((s) => {
              if (s.lastEventAt === null) return t('provenance.sourceNever', { name: s.name });
              const ago = formatAge(Math.max(0, now - s.lastEventAt), lang);
              return t(s.stale ? 'provenance.sourceStale' : 'provenance.sourceFresh', { name: s.name, age: ago });
            })
            .join('; '),
        });
  return (
    <div
      className={`figure figure--${status}${age !== null || silent !== null ? ' figure--stale' : ''}${silent !== null ? ' figure--silent' : ''}`}
      data-testid={`tile-${def.id}`}
      data-status={status}
      data-stale-source={silent ?? undefined}
      title={fedBy}
    >
      <div className="figure__label">{l(def.name)}</div>
      <div className="figure__value">
        <span ref={cue} className="figure__number" data-testid="value" style={category ? { color: category.color } : undefined}>
          {shown}
        </span>
        {unit && <small>{unit}</small>}
      </div>
      <div className="figure__state">
        {category ? (
          <span className="aqi-badge" style={{ background: category.color }} data-testid="aqi-category">
            {l(category)}
          </span>
        ) : (
          (status === 'warning' || status === 'critical') && (
            <span className={`status-badge status-badge--${status}`} data-testid="status">
              {STATUS_MARK[status]} <span className="status-badge__word">{t(`status.${status}`)}</span>
            </span>
          )
        )}
        {silent === null && age !== null && <span className="figure__age"><ClockIcon /> {t('figure.age', { age: formatAge(age, lang) })}</span>}
      </div>
      {silent !== null && <StaleSourceMark name={silent} className="figure__source" />}
    </div>
  );
}
