import { z } from 'zod';

/**
 * The NGSI-LD read side's contracts (ETSI GS CIM 009): the Subscription a FIWARE broker
 * registers to be told when a vital sign or an alert changes, and the subset of the query
 * language (`q`) offered on entities and subscriptions. docs/ingest.md#ngsi-ld says what is
 * offered and what is not.
 */

/** A URI as NGSI-LD wants ids: a scheme, a colon, something after it. */
const uri = z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'a URI, e.g. urn:ngsi-ld:Subscription:1');
/** Attribute names: NGSI-LD short names (letters, digits, underscore). */
const attrName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an attribute name (letters, digits, _)');

/**
 * An NGSI-LD idPattern as a RegExp, or why it is refused. Node's regular expressions backtrack
 * with no time limit, and idPattern comes from clients: `^(a+)+$` or a chain of `.*` against
 * every entity id would hold the event loop for every other client. So a pattern may use
 * literals, `.`, classes, escapes, anchors and `|`, but no groups or back-references and at
 * most two quantifiers (at worst cubic in an id's ~60 characters), in at most 200 characters.
 */
export function idPatternRegExp(p: string): RegExp | string {
  if (p.length === 0 || p.length > 200) return 'idPattern has 1 to 200 characters';
  if (/(^|[^\\])(\\\\)*[()]/.test(p)) return 'idPattern may not use groups';
  if (/\\[1-9k]/.test(p)) return 'idPattern may not use back-references';
  const quantifiers = p.replace(/\\./g, '').replace(/\[(?:[^\]\\]|\\.)*\]/g, '').match(/[*+?]|\{\d/g)?.length ?? 0;
  if (quantifiers > 2) return 'idPattern may use at most two quantifiers (*, +, ?, {n,m})';
  try {
    return new RegExp(p);
  } catch {
    return 'idPattern is not a regular expression';
  }
}

/** EntitySelector (§5.2.33): a type, optionally one id or an id pattern. */
export const entitySelectorSchema = z
  .object({
    id: uri.optional(),
    idPattern: z
      .string()
      .superRefine((p, ctx) => {
        const r = idPatternRegExp(p);
        if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
      })
      .optional(),
    type: z.string().min(1),
  })
  .strict()
  .refine((e) => e.id === undefined || e.idPattern === undefined, 'id and idPattern are exclusive');

export const notificationFormats = ['normalized', 'keyValues'] as const;
export const notificationAccepts = ['application/json', 'application/ld+json'] as const;

/** A header sent with every notification (receiverInfo, §5.2.15), e.g. a receiver's key. */
const keyValuePair = z.object({ key: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name'), value: z.string().max(4096).regex(/^[^\r\n]*$/, 'one line') }).strict();

/** NotificationParams (§5.2.14), the parts offered. */
const notificationParamsSchema = z
  .object({
    attributes: z.array(attrName).min(1).optional(),
    format: z.enum(notificationFormats).default('normalized'),
    endpoint: z
      .object({
        uri: z.url({ protocol: /^https?$/, error: 'an http or https URL' }),
        accept: z.enum(notificationAccepts).default('application/json'),
        receiverInfo: z.array(keyValuePair).max(16).optional(),
      })
      .strict(),
  })
  .strict();

/** Members of a Subscription this implementation does not offer: refused by name rather than silently ignored. */
export const SUBSCRIPTION_NOT_OFFERED = ['timeInterval', 'geoQ', 'csf', 'temporalQ', 'scopeQ', 'lang', 'notificationTrigger', 'jsonldContext', 'datasetId', 'showChanges', 'sysAttrs'] as const;

/** Subscription (§5.2.12) as created: what POST /ngsi-ld/v1/subscriptions takes. */
export const subscriptionInputSchema = z
  .object({
    id: uri.optional(),
    type: z.literal('Subscription'),
    '@context': z.unknown().optional(),
    subscriptionName: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    entities: z.array(entitySelectorSchema).min(1).max(50).optional(),
    watchedAttributes: z.array(attrName).min(1).max(50).optional(),
    q: z.string().min(1).max(1000).optional(),
    notification: notificationParamsSchema,
    /** Seconds at least between two notifications of this subscription. */
    throttling: z.number().positive().max(86_400).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    isActive: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.entities !== undefined || s.watchedAttributes !== undefined, 'give entities or watchedAttributes (or both)');
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;
export type SubscriptionSpec = z.output<typeof subscriptionInputSchema>;

/** A stored subscription: the spec with its id, and who created it when. */
export interface StoredSubscription {
  id: string;
  spec: Omit<SubscriptionSpec, 'id' | '@context'>;
  createdAt: number;
  createdBy: string;
  /** The @context document as the subscriber reached this server (the Link or @context of its notifications). */
  contextUrl: string;
}

/**
 * Reads a subscription body: the stored form, or every problem named (`@context` is taken
 * as given: every name here is one of this server's own short names).
 */
export function parseSubscription(body: unknown): { ok: true; spec: SubscriptionSpec } | { ok: false; problem: string } {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const unsupported = SUBSCRIPTION_NOT_OFFERED.filter((k) => k in body);
    if (unsupported.length > 0) return { ok: false, problem: `not offered here: ${unsupported.join(', ')}` };
  }
  const r = subscriptionInputSchema.safeParse(body);
  if (!r.success) return { ok: false, problem: r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') };
  if (r.data.q !== undefined) {
    const q = parseQuery(r.data.q);
    if (typeof q === 'string') return { ok: false, problem: `q: ${q}` };
  }
  return { ok: true, spec: r.data };
}

// ---- The query language (§4.9), the subset offered ----

type Scalar = number | string | boolean;
type Operand = { kind: 'values'; values: Scalar[] } | { kind: 'range'; min: Scalar; max: Scalar };
export type QueryExpr =
  | { kind: 'and' | 'or'; terms: QueryExpr[] }
  | { kind: 'exists'; attr: string }
  | { kind: 'compare'; attr: string; op: '==' | '!=' | '>' | '>=' | '<' | '<='; operand: Operand };

const OPS = ['==', '!=', '>=', '<=', '>', '<'] as const;

/** A bare value: a number, true or false, else text (a date-time or a URI, unquoted as the grammar allows). */
function bare(text: string): Scalar {
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}

/**
 * Parses `q`: terms `attr`, `attr==v`, `attr!=v`, `attr>v`, `>=`, `<`, `<=`, where v is a
 * number, true/false, a "quoted string" or an unquoted date-time; `==` and `!=` also take a
 * list `v1,v2` or a range `a..b`; `;` is AND, `|` is OR (AND binds closer), parentheses
 * group. Returns the expression, or what is wrong as text.
 */
export function parseQuery(q: string): QueryExpr | string {
  let i = 0;
  const fail = (what: string) => `${what} at character ${i + 1}`;

  /** One value, or what is wrong. */
  const item = (): { v: Scalar } | { error: string } => {
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      if (end < 0) return { error: fail('unterminated string') };
      const s = q.slice(i + 1, end);
      i = end + 1;
      return { v: s };
    }
    const start = i;
    // A decimal point belongs to the number; two dots start a range.
    while (i < q.length && !';|(),"'.includes(q[i]!) && !q.startsWith('..', i)) i++;
    if (i === start) return { error: fail('a value expected') };
    return { v: bare(q.slice(start, i)) };
  };

  const term = (): QueryExpr | string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(q.slice(i));
    if (m === null) return fail('an attribute name expected');
    const attr = m[0];
    i += attr.length;
    const op = OPS.find((o) => q.startsWith(o, i));
    if (op === undefined) {
      if (i < q.length && !';|)'.includes(q[i]!)) return fail(q.startsWith('~=', i) || q.startsWith('!~=', i) ? 'pattern matching (~=) is not offered' : 'an operator expected (==, !=, >, >=, <, <=)');
      return { kind: 'exists', attr };
    }
    i += op.length;
    const first = item();
    if ('error' in first) return first.error;
    if (q.startsWith('..', i)) {
      if (op !== '==' && op !== '!=') return fail('a range goes with == or != only');
      i += 2;
      const second = item();
      if ('error' in second) return second.error;
      return { kind: 'compare', attr, op, operand: { kind: 'range', min: first.v, max: second.v } };
    }
    const values: Scalar[] = [first.v];
    while (q[i] === ',') {
      if (op !== '==' && op !== '!=') return fail('a list goes with == or != only');
      i++;
      const next = item();
      if ('error' in next) return next.error;
      values.push(next.v);
    }
    return { kind: 'compare', attr, op, operand: { kind: 'values', values } };
  };

  const atom = (): QueryExpr | string => {
    if (q[i] !== '(') return term();
    i++;
    const inner = or();
    if (typeof inner === 'string') return inner;
    if (q[i] !== ')') return fail('")" expected');
    i++;
    return inner;
  };

  const joined = (sep: string, kind: 'and' | 'or', next: () => QueryExpr | string) => (): QueryExpr | string => {
    const terms: QueryExpr[] = [];
    for (;;) {
      const t = next();
      if (typeof t === 'string') return t;
      terms.push(t);
      if (q[i] !== sep) break;
      i++;
    }
    return terms.length === 1 ? terms[0]! : { kind, terms };
  };
  const and = joined(';', 'and', atom);
  const or = joined('|', 'or', and);

  const expr = or();
  if (typeof expr === 'string') return expr;
  if (i < q.length) return fail(`unexpected "${q[i]}"`);
  return expr;
}

/** The value a query compares of an attribute: a Property's value (a DateTime's @value), a Relationship's object. */
export function attributeValue(attr: unknown): Scalar | undefined {
  if (typeof attr !== 'object' || attr === null) return typeof attr === 'number' || typeof attr === 'string' || typeof attr === 'boolean' ? attr : undefined;
  const a = attr as { value?: unknown; object?: unknown };
  const v = 'object' in a ? a.object : a.value;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { '@value'?: unknown })['@value'] === 'string') return (v as { '@value': string })['@value'];
  return undefined;
}

const sameType = (a: Scalar, b: Scalar) => typeof a === typeof b;
function compare(v: Scalar, op: '>' | '>=' | '<' | '<=', w: Scalar): boolean {
  if (!sameType(v, w) || typeof v === 'boolean') return false;
  if (op === '>') return v > w;
  if (op === '>=') return v >= w;
  if (op === '<') return v < w;
  return v <= w;
}

/** Whether a normalized entity matches a query. A term on an attribute the entity lacks is false (also for !=). */
export function matchesQuery(entity: Readonly<Record<string, unknown>>, q: QueryExpr): boolean {
  switch (q.kind) {
    case 'and':
      return q.terms.every((t) => matchesQuery(entity, t));
    case 'or':
      return q.terms.some((t) => matchesQuery(entity, t));
    case 'exists':
      return entity[q.attr] !== undefined;
    case 'compare': {
      const v = attributeValue(entity[q.attr]);
      if (v === undefined) return false;
      if (q.op === '==' || q.op === '!=') {
        const o = q.operand;
        const hit = o.kind === 'values' ? o.values.some((w) => sameType(v, w) && v === w) : compare(v, '>=', o.min) && compare(v, '<=', o.max);
        return q.op === '==' ? hit : !hit;
      }
      const o = q.operand;
      return o.kind === 'values' && o.values.length === 1 && compare(v, q.op, o.values[0]!);
    }
  }
}

/** An entity with only the attributes asked for (id, type and @context always kept). */
export function pickAttributes(entity: Readonly<Record<string, unknown>>, attrs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) if (k === 'id' || k === 'type' || k === '@context' || attrs.includes(k)) out[k] = v;
  return out;
}
