import type { Delta, DeltaBatch, PackedDelta, Snapshot } from '@cw/contracts';

/** One delta as it travels: the epoch is said once per batch, an empty `remove` not at all. */
export function packDelta(d: Delta): PackedDelta {
  return d.remove.length === 0 ? [d.topic, d.seq, d.put] : [d.topic, d.seq, d.put, d.remove];
}

/** The deltas of one batch, whole again; a batch that is not well-formed yields none. */
export function unpackDeltas(batch: DeltaBatch): Delta[] {
  if (typeof batch?.epoch !== 'string' || !Array.isArray(batch.deltas)) return [];
  const out: Delta[] = [];
  for (const p of batch.deltas) {
    if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'number' || typeof p[2] !== 'object' || p[2] === null) continue;
    out.push({ topic: p[0], epoch: batch.epoch, seq: p[1], put: p[2], remove: p[3] ?? [] });
  }
  return out;
}

/** A snapshot from its JSON text, or null when the text is not one. */
export function parseSnapshot(json: string): Snapshot | null {
  try {
    const s = JSON.parse(json) as Snapshot;
    return typeof s?.topic === 'string' && typeof s.epoch === 'string' && typeof s.seq === 'number' && typeof s.entries === 'object' && s.entries !== null ? s : null;
  } catch {
    return null;
  }
}
