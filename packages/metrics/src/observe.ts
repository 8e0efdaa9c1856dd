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
  const values = event.values as Record<string, number>;
  for (const field in values) out.push({ series: seriesName(event.kind, field), value: values[field]! });
  return out;
}

// Series names are interned: the hot path then hashes the same string objects every time.
const names = new Map<string, Map<string, string>>();
function seriesName(kind: string, field: string): string {
  let byField = names.get(kind);
  if (byField === undefined) names.set(kind, (byField = new Map()));
  let name = byField.get(field);
  if (name === undefined) byField.set(field, (name = `${kind}.${field}`));
  return name;
}
