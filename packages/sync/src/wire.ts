import { STATUSES, type Delta, type DeltaBatch, type PackedDelta, type PackedReading, type Snapshot, type SyncReply, type Topic, type TopicEntries, type VitalReading } from '@cw/contracts';

const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));

/** A reading as `[value, status index, asOf]`, plus its optional detail as a fourth item. */
function packReading(r: VitalReading): PackedReading {
  const { value, status, asOf, ...detail } = r;
  const head: [number | null, number, number | null] = [value, STATUS_CODE.get(status)!, asOf];
  return Object.keys(detail).length === 0 ? head : [...head, detail];
}

function unpackReading(p: unknown): VitalReading | null {
  if (!Array.isArray(p) || p.length < 3) return null;
  const status = STATUSES[p[1] as number];
  if (status === undefined) return null;
  const detail = typeof p[3] === 'object' && p[3] !== null ? (p[3] as Partial<VitalReading>) : {};
  return { value: p[0] as number | null, status, asOf: p[2] as number | null, ...detail };
}

/**
 * One delta as it travels: the epoch is said once per batch, an empty `remove` not at all,
 * and a vital-sign reading as a short array instead of an object with its field names.
 */
export function packDelta(d: Delta): PackedDelta {
  let put: TopicEntries | Record<string, PackedReading> = d.put;
  if (d.topic.startsWith('vitals:')) {
    const packed: Record<string, PackedReading> = {};
    for (const [key, r] of Object.entries(d.put)) packed[key] = packReading(r as VitalReading);
    put = packed;
  }
  return d.remove.length === 0 ? [d.topic, d.seq, put] : [d.topic, d.seq, put, d.remove];
}

function unpackPut(topic: string, put: object): TopicEntries | null {
  if (!topic.startsWith('vitals:')) return put as TopicEntries;
  const out: TopicEntries = {};
  for (const [key, p] of Object.entries(put)) {
    const r = unpackReading(p);
    if (r === null) return null;
    out[key] = r;
  }
  return out;
}

/** The deltas of one batch, whole again; a batch that is not well-formed yields none. */
export function unpackDeltas(batch: DeltaBatch): Delta[] {
  if (typeof batch?.epoch !== 'string' || !Array.isArray(batch.deltas)) return [];
  const out: Delta[] = [];
  for (const p of batch.deltas) {
    if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'number' || typeof p[2] !== 'object' || p[2] === null) continue;
    const put = unpackPut(p[0], p[2]);
    if (put !== null) out.push({ topic: p[0], epoch: batch.epoch, seq: p[1], put, remove: p[3] ?? [] });
  }
  return out;
}

const isSnapshot = (s: Snapshot | null | undefined): s is Snapshot =>
  typeof s?.topic === 'string' && typeof s.epoch === 'string' && typeof s.seq === 'number' && typeof s.entries === 'object' && s.entries !== null;

/** A snapshot from its JSON text, or null when the text is not one. */
export function parseSnapshot(json: string): Snapshot | null {
  try {
    const s = JSON.parse(json) as Snapshot;
    return isSnapshot(s) ? s : null;
  } catch {
    return null;
  }
}

/** The answer to `subscribe { topics }`, unpacked. */
export interface Synced {
  epoch: string;
  snapshots: Snapshot[];
  deltas: Delta[];
  current: { topic: Topic; seq: number }[];
}

/** A `SyncReply` from its JSON text, its deltas unpacked; null when the text is not one. */
export function parseSyncReply(json: string): Synced | null {
  let r: SyncReply;
  try {
    r = JSON.parse(json) as SyncReply;
  } catch {
    return null;
  }
  if (typeof r?.epoch !== 'string' || !Array.isArray(r.snapshots) || !Array.isArray(r.deltas) || !Array.isArray(r.current)) return null;
  if (!r.snapshots.every(isSnapshot)) return null;
  const current: Synced['current'] = [];
  for (const c of r.current) {
    if (!Array.isArray(c) || typeof c[0] !== 'string' || typeof c[1] !== 'number') return null;
    current.push({ topic: c[0], seq: c[1] });
  }
  return { epoch: r.epoch, snapshots: r.snapshots, deltas: unpackDeltas({ epoch: r.epoch, deltas: r.deltas }), current };
}
