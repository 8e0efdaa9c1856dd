import { useEffect, useState, type RefObject } from 'react';
import { rowsThatFit } from './layout.ts';
import { useVh } from './viewport.ts';

/**
 * How many rows of `rowVh` (with `gapVh` between) fit in the element, after `reserveVh`
 * (e.g. a "3 more" line): lists render only those, so nothing overflows its panel and no
 * scrollbar ever appears.
 */
export function useRowsThatFit(ref: RefObject<HTMLElement | null>, rowVh: number, gapVh = 0, reserveVh = 0): number {
  const vh = useVh();
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return rowsThatFit(height - reserveVh * vh, rowVh * vh, gapVh * vh);
}
