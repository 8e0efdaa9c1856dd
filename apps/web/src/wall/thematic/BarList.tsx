import { useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRowsThatFit } from '../useRowsThatFit.ts';
import { rowsShown } from './ranking.ts';

export interface BarRow {
  key: string;
  label: string;
  /** Bar length relative to `max`. */
  value: number;
  /** The figure as shown. */
  display: ReactNode;
  color?: string;
  /** A mark or word after the figure (status, category). */
  note?: ReactNode;
  status?: string;
}

const ROW_VH = 3.9;
const GAP_VH = 0.4;

/** Labelled horizontal bars, as many rows as fit and "+N" for the rest (largest first is the caller's order). */
export function BarList({ rows, max, testId }: { rows: readonly BarRow[]; max: number; testId?: string }) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const fit = useRowsThatFit(list, ROW_VH, GAP_VH);
  const { shown, hidden } = rowsShown(rows.length, fit);
  return (
    <ol className="bars" ref={list} data-testid={testId} data-rows={rows.length} data-hidden={hidden}>
      {rows.slice(0, shown).map((r) => (
        <li key={r.key} className={`bars__row${r.status ? ` is-${r.status}` : ''}`} data-testid="bar-row">
          <span className="bars__label">{r.label}</span>
          <span className="bars__track">
            <span style={{ width: `${max > 0 ? Math.min(100, (r.value / max) * 100) : 0}%`, background: r.color }} />
          </span>
          <span className="bars__value">{r.display}</span>
          <span className="bars__note">{r.note}</span>
        </li>
      ))}
      {hidden > 0 && <li className="ranking__more">{t('ranking.hidden', { count: hidden })}</li>}
    </ol>
  );
}
