import { useChangeCue } from '../wall/useChangeCue.ts';

/** A board figure that lights up briefly when it changes (the wall's change cue). */
export function CuedValue({ value, className }: { value: string; className: string }) {
  const ref = useChangeCue<HTMLElement>(value);
  return (
    <strong ref={ref} className={className}>
      {value}
    </strong>
  );
}
