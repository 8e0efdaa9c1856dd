import type { MetricDef, VitalReading } from '@cw/contracts';
import { formatAge, formatValue } from '../format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../live/connection.ts';
import { useLive } from '../live/store.ts';

const STATUS_MARK = { normal: '', warning: '▲', critical: '⬤', nodata: '' } as const;

/**
 * One figure: value, unit, status against its thresholds (colour plus a mark, never colour
 * alone), and its age once older than the metric's staleness budget.
 */
export function Tile({ def, reading, label }: { def: MetricDef; reading: VitalReading | undefined; label?: string }) {
  const { l, lang } = useI18n();
  const now = useNow();
  const offset = useLive((s) => s.status.clockOffsetMs);
  const status = reading?.status ?? 'nodata';
  const age = reading?.asOf == null ? null : now + offset - reading.asOf;
  const stale = age !== null && age > def.staleAfterSec * 1000;
  return (
    <div className={`tile tile--${status}${stale ? ' tile--stale' : ''}`} data-testid={`tile-${def.id}`} data-status={status}>
      <div className="tile__label">{label ?? l(def.name)}</div>
      <div className="tile__value">
        <span data-testid="value">{formatValue(reading?.value, def.decimals)}</span>
        {def.unit && <small>{def.unit}</small>}
        {STATUS_MARK[status] && <i className="tile__mark">{STATUS_MARK[status]}</i>}
      </div>
      {stale && age !== null && <div className="tile__age">{formatAge(age, lang)}</div>}
    </div>
  );
}
