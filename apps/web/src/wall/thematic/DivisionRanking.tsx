import { useMemo, useRef } from 'react';
import { aqiCategory } from '@cw/aqi';
import type { MetricDef } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useStatuses, useValues } from '../../live/store.ts';
import { STATUS_MARK } from '../figures/statusMark.ts';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { useWallData } from '../WallData.tsx';
import { mapLabelName } from '../overview/mapData.ts';
import { divisionsWithout, placeKindOf, rankBy, rankOrder, rowsShown } from './ranking.ts';

const ROW_VH = 3.3;
const GAP_VH = 0.4;

/**
 * Divisions ranked by a live figure, worst first where the figure has a bad direction (the
 * highest AQI first) and most first otherwise, with a bar and the status mark; as many as
 * fit, and a last line saying how many more there are.
 */
export function DivisionRanking({ def, embedded = false }: { def: MetricDef; embedded?: boolean }) {
  const { t, l, label, value } = useI18n();
  const { profile, divisionCodes } = useWallData();
  const values = useValues(divisionCodes, def.id);
  const statuses = useStatuses(divisionCodes, def.id);
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, ROW_VH, GAP_VH);
  const isAqi = def.compute.kind === 'aqi';
  const order = rankOrder(def);
  const kind = placeKindOf(def);
  // A division with none of the places the figure is read from has no figure, not a 0: it goes last and says why.
  const without = useMemo(() => divisionsWithout(kind, profile), [kind, profile]);
  const rows = useMemo(
    () =>
      rankBy(
        profile.divisions.map((d, i) => ({ d, value: without.has(d.code) ? null : (values[i] ?? null), status: statuses[i] ?? 'nodata' })),
        (x) => x.value,
        order,
      ),
    [profile.divisions, values, statuses, order, without],
  );
  const { shown, hidden } = rowsShown(rows.length, fit);
  const max = Math.max(isAqi ? 100 : 1, ...rows.map((x) => x.value ?? 0));
  const Tag = embedded ? 'div' : 'section';
  return (
    <Tag className={embedded ? 'ranking-block' : 'panel'} data-testid="division-ranking" data-metric={def.id}>
      <h2 className={embedded ? 'block__title' : 'panel__title'}>
        {t('chart.ranking')} · {l(def.name)} <small>· {t(order === 'most' ? 'ranking.mostFirst' : 'ranking.worstFirst')}</small>
      </h2>
      <ol className="ranking" ref={list} data-order={order} data-hidden={hidden}>
        {rows.slice(0, shown).map(({ d, value: v, status }, i) => {
          const cat = isAqi && v !== null ? aqiCategory(v) : undefined;
          return (
            <li key={d.code} className={`ranking__row is-${status}`} data-testid="division-row" data-code={d.code}>
              <span className="ranking__pos">{i + 1}</span>
              <span className="ranking__name">{mapLabelName(l(d.name))}</span>
              {without.has(d.code) ? (
                <span className="ranking__none" data-testid="division-value" data-none="">
                  {label(`ranking.noPlace.${kind ?? ''}`, t('ranking.noPlace'))}
                </span>
              ) : (
                <>
                  <span className="ranking__bar">
                    <span style={{ width: `${((v ?? 0) / max) * 100}%`, background: cat?.color }} />
                  </span>
                  <span className="ranking__value" data-testid="division-value">
                    {value(v, def)}
                  </span>
                </>
              )}
              <span className="ranking__mark" style={cat ? { color: cat.color } : undefined}>
                {cat ? l(cat) : status === 'warning' || status === 'critical' ? STATUS_MARK[status] : ''}
              </span>
            </li>
          );
        })}
        {hidden > 0 && (
          <li className="ranking__more" data-testid="ranking-more">
            {t('ranking.hidden', { count: hidden })}
          </li>
        )}
      </ol>
    </Tag>
  );
}
