import type { z } from 'zod';
import { SDM_KINDS, eventSchemaOf, rawEventSchema, type EventKindDef, type MetricDef, type ProfileKinds } from '@cw/contracts';
import { seriesOfCompute } from '@cw/metrics';

export interface CityKinds {
  /** Every event schema the ingest path accepts: the built-in kinds, the Smart Data Models' kinds and the profile's. */
  schemas: z.ZodType[];
  /** The configured kinds (Smart Data Models' and the profile's), for the API and the NGSI-LD mappings. */
  configured: EventKindDef[];
  /** The catalogue with the profile's metrics added. */
  catalogue: MetricDef[];
}

/**
 * Joins a profile's kinds.json to the built-in kinds and catalogue. Refuses, naming the
 * entry, what would be ambiguous: a kind defined twice, a metric id already in the
 * catalogue, a metric over a series of no known kind.
 */
export function cityKinds(profileKinds: ProfileKinds, catalogue: readonly MetricDef[]): CityKinds {
  const builtIn = rawEventSchema.options.map((o) => o.shape.kind.value as string);
  const known = new Set<string>(builtIn);
  const configured: EventKindDef[] = [];
  for (const def of [...SDM_KINDS, ...profileKinds.kinds]) {
    if (known.has(def.kind)) throw new Error(`kinds.json: kind "${def.kind}" is already defined (built in, or a Smart Data Models kind)`);
    known.add(def.kind);
    configured.push(def);
  }
  const ids = new Set(catalogue.map((m) => m.id));
  for (const m of profileKinds.metrics) {
    if (ids.has(m.id)) throw new Error(`kinds.json: metric "${m.id}" is already in the catalogue`);
    for (const series of seriesOfCompute(m.compute)) {
      const base = series.split('|')[0]!;
      const kind = [...known].find((k) => base === k || base.startsWith(`${k}.`));
      if (kind === undefined) throw new Error(`kinds.json: metric "${m.id}" reads series "${series}" of no known kind`);
      const field = base.slice(kind.length + 1);
      const def = configured.find((d) => d.kind === kind);
      if (field !== '' && def !== undefined && !(field in def.values)) throw new Error(`kinds.json: metric "${m.id}" reads "${series}", but kind "${kind}" has no value "${field}"`);
    }
  }
  return {
    schemas: [...rawEventSchema.options, ...configured.map(eventSchemaOf)],
    configured,
    catalogue: [...catalogue, ...profileKinds.metrics],
  };
}
