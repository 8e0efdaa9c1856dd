import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { rawEventSchema, type RawEvent } from '@cw/contracts';

/**
 * Checks one raw event against its kind's schema. The schemas are the zod definitions in
 * packages/contracts, turned into JSON Schema and compiled once per kind by Ajv into plain
 * JavaScript: a per-event check costs a fraction of a microsecond, about a sixth of running
 * the zod union, which matters at hundreds of thousands of events a second.
 */
export class EventValidator {
  private readonly byKind = new Map<string, ValidateFunction>();

  constructor(schemas: readonly z.ZodType[] = rawEventSchema.options) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    for (const schema of schemas) {
      const json = z.toJSONSchema(schema, { target: 'draft-07' }) as { properties?: { kind?: { const?: unknown } } };
      const kind = json.properties?.kind?.const;
      if (typeof kind !== 'string') throw new Error('every event schema names its kind as a literal');
      this.byKind.set(kind, ajv.compile(json));
    }
  }

  get kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** The event, or why it is not one (a sentence naming the field). */
  check(value: unknown): RawEvent | string {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
    const kind = (value as { kind?: unknown }).kind;
    if (typeof kind !== 'string') return 'no "kind"';
    const validate = this.byKind.get(kind);
    if (validate === undefined) return `unknown kind "${kind.slice(0, 64)}"`;
    if (validate(value)) return value as RawEvent;
    return describe(validate.errors?.[0]);
  }
}

function describe(e: ErrorObject | undefined): string {
  if (e === undefined) return 'invalid';
  const where = e.instancePath === '' ? '' : `${e.instancePath.slice(1).replaceAll('/', '.')} `;
  if (e.keyword === 'additionalProperties') return `${where}has unknown field "${String(e.params['additionalProperty'])}"`.trimStart();
  if (e.keyword === 'required') return `${where}lacks "${String(e.params['missingProperty'])}"`.trimStart();
  return `${where}${e.message ?? 'is invalid'}`;
}
