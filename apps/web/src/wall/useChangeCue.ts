import { useEffect, useRef, type RefObject } from 'react';

/** How long a changed figure stays highlighted. */
export const CUE_MS = 1600;

/**
 * Briefly highlights the element when `value` changes after it first showed: a live wall
 * shows that the city moves, and only where it moved. Runs as a Web Animation on the
 * element itself, so it costs no React render.
 */
export function useChangeCue<T extends HTMLElement>(value: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  const last = useRef(value);
  useEffect(() => {
    if (Object.is(last.current, value)) return;
    const first = last.current === null || last.current === undefined;
    last.current = value;
    if (first) return;
    ref.current?.animate?.([{ backgroundColor: 'rgba(53, 208, 255, 0.45)', boxShadow: '0 0 0 0.3vh rgba(53, 208, 255, 0.45)' }, { backgroundColor: 'rgba(53, 208, 255, 0)', boxShadow: '0 0 0 0 rgba(53, 208, 255, 0)' }], {
      duration: CUE_MS,
      easing: 'ease-out',
    });
    ref.current?.setAttribute('data-changed', String(Date.now()));
  }, [value]);
  return ref;
}
