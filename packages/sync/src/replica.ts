import type { Delta, Snapshot, StreamPosition, TopicEntries } from '@cw/contracts';

export type DeltaOutcome = 'applied' | 'duplicate' | 'gap';

/**
 * The client side of one topic. It accepts a delta only when it continues the stream it
 * holds (same epoch, next seq); anything else is a gap that the caller repairs by
 * re-subscribing from `position`.
 */
export class TopicReplica {
  private state: { epoch: string; seq: number; entries: TopicEntries } | null = null;

  get position(): StreamPosition | undefined {
    return this.state ? { epoch: this.state.epoch, seq: this.state.seq } : undefined;
  }

  get entries(): TopicEntries {
    return this.state?.entries ?? {};
  }

  applySnapshot(s: Snapshot): void {
    this.state = { epoch: s.epoch, seq: s.seq, entries: { ...s.entries } };
  }

  applyDelta(d: Delta): DeltaOutcome {
    const st = this.state;
    if (st === null || d.epoch !== st.epoch) return 'gap';
    if (d.seq <= st.seq) return 'duplicate';
    if (d.seq !== st.seq + 1) return 'gap';
    // A new object per change so that UI selectors see the update.
    const entries = { ...st.entries, ...d.put };
    for (const key of d.remove) delete entries[key];
    this.state = { epoch: d.epoch, seq: d.seq, entries };
    return 'applied';
  }
}
