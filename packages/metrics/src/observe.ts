import type { RawEvent } from '@cw/contracts';

export interface Observation {
  series: string;
  value: number;
}

/**
 * Turns a raw event into the observations the rollup engine aggregates: one per numeric
 * value field, named `<kind>.<field>`. One rule for every event kind, so a new kind needs
 * no code here.
 */
export function observe(event: RawEvent): Observation[] {
  const out: Observation[] = [];
  for (const [field, value] of Object.entries(event.values)) out.push({ series: `${event.kind}.${field}`, value });
  return out;
}
