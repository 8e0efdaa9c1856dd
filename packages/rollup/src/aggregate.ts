/** What every window keeps: enough to answer count, sum, mean, min, max and latest. */
export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Value of the event with the greatest timestamp; ties go to the one added last. */
  last: number;
  lastTs: number;
}

export function emptyAggregate(): Aggregate {
  return { count: 0, sum: 0, min: Infinity, max: -Infinity, last: NaN, lastTs: -Infinity };
}

export function addValue(agg: Aggregate, ts: number, value: number): void {
  agg.count += 1;
  agg.sum += value;
  if (value < agg.min) agg.min = value;
  if (value > agg.max) agg.max = value;
  if (ts >= agg.lastTs) {
    agg.last = value;
    agg.lastTs = ts;
  }
}

/** Folds `from` into `into`. Aggregates are mergeable, which is what makes restore work. */
export function mergeInto(into: Aggregate, from: Aggregate): Aggregate {
  if (from.count === 0) return into;
  into.count += from.count;
  into.sum += from.sum;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  if (from.lastTs >= into.lastTs) {
    into.last = from.last;
    into.lastTs = from.lastTs;
  }
  return into;
}

export function mean(agg: Aggregate): number {
  return agg.count === 0 ? NaN : agg.sum / agg.count;
}
