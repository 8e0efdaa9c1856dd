import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useRowsThatFit } from '../wall/useRowsThatFit.ts';

interface Props<T> {
  items: readonly T[];
  /** Row height and gap in vh: rows have a fixed height so that only whole rows are shown. */
  rowVh: number;
  gapVh: number;
  className: string;
  /** Say how many did not fit ("n more"); off for lists that are a sample anyway. */
  countRest?: boolean;
  /** The "n more" line, when the rows are not cases. */
  more?: (count: number) => string;
  children: (item: T) => ReactNode;
}

/** Height kept for the "n more" line when not everything fits. */
const MORE_VH = 2.6;

/** A list showing as many whole rows as its panel has room for, then how many more there are. */
export function FittedList<T>({ items, rowVh, gapVh, className, countRest = true, more, children }: Props<T>) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const room = useRowsThatFit(box, rowVh, gapVh);
  const fit = room >= items.length || !countRest ? Math.min(room, items.length) : Math.max(0, room - Math.ceil(MORE_VH / (rowVh + gapVh)));
  return (
    <div ref={box} className="db-fit">
      <ol className={className}>{items.slice(0, fit).map(children)}</ol>
      {countRest && items.length > fit && <p className="db-more">{more ? more(items.length - fit) : t('board.more', { count: items.length - fit })}</p>}
    </div>
  );
}
