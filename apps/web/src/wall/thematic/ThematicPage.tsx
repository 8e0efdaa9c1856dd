import type { CSSProperties } from 'react';
import type { Domain } from '@cw/contracts';
import { DOMAIN_VIEWS, tileMetrics } from '../../domains.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AirDailyStrip } from '../charts/AirDailyStrip.tsx';
import { DailyHistory } from '../charts/DailyHistory.tsx';
import { HourlyTrend } from '../charts/HourlyTrend.tsx';
import { FigureTile } from '../figures/FigureTile.tsx';
import { balancedColumns } from '../layout.ts';
import { useLayout } from '../viewport.ts';
import { useWallData } from '../WallData.tsx';

/**
 * Figure tiles a row: six fit the width of a 16:9 page at the tiles' smallest; the 32:9 page
 * gives them a column as tall as the page, one tile a row, the tiles sharing its height (two
 * a row left two thirds of it empty).
 */
const STANDARD_COLUMNS = 6;
const WIDE_COLUMNS = 1;
import { BreakdownPanel } from './Breakdown.tsx';
import { DivisionRanking } from './DivisionRanking.tsx';

/**
 * A domain's thematic page (专题): all its live figures, today by hour against yesterday,
 * the last 30 days (history over HTTP), the divisions ranked, and its breakdowns (live).
 */
export function ThematicPage({ domain }: { domain: Domain }) {
  const { t, l } = useI18n();
  const { catalogue, metric } = useWallData();
  const view = DOMAIN_VIEWS[domain];
  const figures = tileMetrics(catalogue, domain);
  const trend = metric(view.trend);
  const rank = metric(view.rank);
  const layout = useLayout();
  return (
    <div className="thematic" data-testid={`thematic-${domain}`} data-domain={domain}>
      <section
        className="thematic__figures figure-grid figure-grid--auto"
        data-testid="thematic-figures"
        style={{ '--cols': balancedColumns(figures.length, layout === 'wide' ? WIDE_COLUMNS : STANDARD_COLUMNS) } as CSSProperties}
      >
        {figures.map((def) => (
          <FigureTile key={def.id} def={def} />
        ))}
      </section>
      {trend && (
        <section className="panel thematic__hourly">
          <h2 className="panel__title">
            {l(trend.name)} · {t('chart.byHour')}
          </h2>
          <HourlyTrend def={trend} />
        </section>
      )}
      {trend && (
        <section className="panel thematic__daily">
          <h2 className="panel__title">
            {l(trend.name)} · {t('chart.last30')}
          </h2>
          <DailyHistory def={trend} />
          {domain === 'environment' && <AirDailyStrip />}
        </section>
      )}
      {rank && (
        <div className="thematic__rank">
          <DivisionRanking def={rank} />
        </div>
      )}
      {view.breakdowns.map((b, i) => (
        <div key={i} className={`thematic__breakdown thematic__breakdown--${i + 1}`}>
          <BreakdownPanel breakdown={b} />
        </div>
      ))}
    </div>
  );
}
