import type { Domain } from '@cw/contracts';
import { DOMAIN_VIEWS, keyMetrics } from '../../domains.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { HourlyTrend } from '../charts/HourlyTrend.tsx';
import { BreakdownPanel } from '../thematic/Breakdown.tsx';
import { DivisionRanking } from '../thematic/DivisionRanking.tsx';
import { FigureTile } from '../figures/FigureTile.tsx';
import { useWallData } from '../WallData.tsx';

/**
 * One domain on the overview: its key figures with their status, and today's trend. As a
 * full-height column (32:9 walls) it also shows its first breakdown and the division ranking.
 */
export function DomainPanel({ domain, column = false }: { domain: Domain; column?: boolean }) {
  const { t, l } = useI18n();
  const { catalogue, metric } = useWallData();
  const view = DOMAIN_VIEWS[domain];
  const figures = keyMetrics(catalogue, domain);
  const trend = metric(view.trend);
  const breakdown = view.breakdowns[0];
  const rank = metric(view.rank);
  return (
    <section className={`panel domain${column ? ' domain--column' : ''}`} data-testid={`domain-${domain}`} data-domain={domain}>
      <h2 className="panel__title">{t(`domain.${domain}`)}</h2>
      <div className="figure-grid figure-grid--2">
        {figures.map((def) => (
          <FigureTile key={def.id} def={def} />
        ))}
      </div>
      {trend && (
        <div className="domain__trend">
          <HourlyTrend def={trend} caption={l(trend.name)} compact />
        </div>
      )}
      {column && breakdown && <BreakdownPanel breakdown={breakdown} embedded />}
      {column && rank && <DivisionRanking def={rank} embedded />}
    </section>
  );
}
