import { addValue, emptyAggregate, mergeInto, type Aggregate } from './aggregate.ts';

/**
 * A family of tumbling windows. Windows start at multiples of `sizeMs` after shifting by
 * `offsetMs` (the city's UTC offset), so day windows begin at local midnight.
 */
export interface WindowSpec {
  id: string;
  sizeMs: number;
  /** How many closed windows to keep in memory for queries. */
  retain: number;
}

export interface RollupConfig {
  /** Window families, smallest first; each size must divide the next. */
  windows: WindowSpec[];
  /** Local time = UTC + offset; windows align to local time. */
  utcOffsetMs: number;
  /** How long after a window's end it stays open for late events. */
  allowedLatenessMs: number;
}

export interface ClosedWindow {
  window: string;
  series: string;
  scope: string;
  start: number;
  agg: Aggregate;
}

interface Slot {
  start: number;
  agg: Aggregate;
}

/** All windows of one (series, scope). */
class Cell {
  /** Per window family: open windows (usually one; two while the previous is in its lateness). */
  readonly open: Slot[][];
  /** Per window family: retained closed windows, oldest first. */
  readonly closed: Slot[][];
  constructor(families: number) {
    this.open = Array.from({ length: families }, () => []);
    this.closed = Array.from({ length: families }, () => []);
  }
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * The rollup engine: windowed aggregates (count, sum, min, max, latest → mean) per series
 * and scope. Pure and synchronous; the caller owns the clock and the storage.
 *
 * Windows close when the watermark (now − allowed lateness) passes their end. An event
 * whose smallest window has already closed is refused as too late, so a closed window
 * never changes after it was handed out for storage.
 */
export class RollupEngine {
  readonly specs: readonly WindowSpec[];
  private readonly sizes: number[];
  private readonly offset: number;
  private readonly lateness: number;
  private readonly cells = new Map<string, Map<string, Cell>>();
  /** Every window ending at or before this instant is closed. */
  private closedTo = -Infinity;

  constructor(config: RollupConfig) {
    if (config.windows.length === 0) throw new Error('at least one window family is needed');
    for (let i = 1; i < config.windows.length; i++) {
      const prev = config.windows[i - 1]!;
      const cur = config.windows[i]!;
      if (cur.sizeMs % prev.sizeMs !== 0) {
        throw new Error(`window ${cur.id} (${cur.sizeMs} ms) is not a multiple of ${prev.id} (${prev.sizeMs} ms)`);
      }
    }
    this.specs = config.windows;
    this.sizes = config.windows.map((w) => w.sizeMs);
    this.offset = config.utcOffsetMs;
    this.lateness = config.allowedLatenessMs;
  }

  /** Start of the window of family `i` containing `ts`. */
  align(i: number, ts: number): number {
    const size = this.sizes[i]!;
    return Math.floor((ts + this.offset) / size) * size - this.offset;
  }

  /** Index of a window family by id; throws on an unknown id. */
  family(id: string): number {
    const i = this.specs.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`unknown window family ${id}`);
    return i;
  }

  get closedUpTo(): number {
    return this.closedTo;
  }

  /** Would an event at `ts` still be accepted? */
  accepts(ts: number): boolean {
    return ts >= this.closedTo;
  }

  /**
   * Adds one observation to every window family, for each scope it counts towards.
   * Returns false (and changes nothing) when the event is too late.
   */
  add(series: string, scopes: readonly string[], ts: number, value: number): boolean {
    if (ts < this.closedTo || !Number.isFinite(value)) return false;
    let byScope = this.cells.get(series);
    if (byScope === undefined) {
      byScope = new Map();
      this.cells.set(series, byScope);
    }
    const n = this.specs.length;
    for (const scope of scopes) {
      let cell = byScope.get(scope);
      if (cell === undefined) {
        cell = new Cell(n);
        byScope.set(scope, cell);
      }
      for (let i = 0; i < n; i++) {
        const start = this.align(i, ts);
        const open = cell.open[i]!;
        let slot: Slot | undefined;
        for (let k = open.length - 1; k >= 0; k--) {
          if (open[k]!.start === start) {
            slot = open[k];
            break;
          }
        }
        if (slot === undefined) {
          slot = { start, agg: emptyAggregate() };
          // Kept in start order; new windows almost always come last.
          let at = open.length;
          while (at > 0 && open[at - 1]!.start > start) at--;
          open.splice(at, 0, slot);
        }
        addValue(slot.agg, ts, value);
      }
    }
    return true;
  }

  /**
   * Moves the watermark to `now − allowed lateness` and closes every window that ended
   * before it. Returns the windows closed by this call, for storage.
   */
  advance(now: number): ClosedWindow[] {
    const to = this.align(0, now - this.lateness);
    if (to <= this.closedTo) return [];
    this.closedTo = to;
    const out: ClosedWindow[] = [];
    for (const [series, byScope] of this.cells) {
      for (const [scope, cell] of byScope) {
        for (let i = 0; i < this.specs.length; i++) {
          const spec = this.specs[i]!;
          const open = cell.open[i]!;
          let k = 0;
          while (k < open.length && open[k]!.start + spec.sizeMs <= to) k++;
          if (k === 0) continue;
          const closing = open.splice(0, k);
          const closed = cell.closed[i]!;
          for (const slot of closing) {
            closed.push(slot);
            out.push({ window: spec.id, series, scope, start: slot.start, agg: slot.agg });
          }
          if (closed.length > spec.retain) closed.splice(0, closed.length - spec.retain);
        }
      }
    }
    return out;
  }

  /** The aggregate of one window (open or retained), or undefined when it holds nothing. */
  get(windowId: string, series: string, scope: string, start: number): Aggregate | undefined {
    const cell = this.cells.get(series)?.get(scope);
    if (cell === undefined) return undefined;
    const i = this.family(windowId);
    return findSlot(cell.open[i]!, start)?.agg ?? findSlot(cell.closed[i]!, start)?.agg;
  }

  /** Merges every window of a family whose start lies in [from, to). */
  range(windowId: string, series: string, scope: string, from: number, to: number): Aggregate {
    const acc = emptyAggregate();
    const cell = this.cells.get(series)?.get(scope);
    if (cell === undefined) return acc;
    const i = this.family(windowId);
    for (const slots of [cell.closed[i]!, cell.open[i]!]) {
      for (const slot of slots) if (slot.start >= from && slot.start < to) mergeInto(acc, slot.agg);
    }
    return acc;
  }

  /**
   * Loads closed windows from storage after a restart and rebuilds the open windows of the
   * larger families from the closed windows of the smaller ones (e.g. today's open day =
   * today's closed hours + this hour's closed minutes). Call once, before any `add`.
   */
  restore(windows: readonly ClosedWindow[], closedUpTo: number): void {
    this.closedTo = closedUpTo;
    const n = this.specs.length;
    const ids = new Map(this.specs.map((s, i) => [s.id, i]));
    const seen = new Set<string>();
    const sorted = [...windows]
      .filter((w) => {
        const i = ids.get(w.window);
        const key = `${w.window}\u0000${w.series}\u0000${w.scope}\u0000${w.start}`;
        if (i === undefined || w.start + this.specs[i]!.sizeMs > closedUpTo || seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.start - b.start);
    for (const w of sorted) {
      const i = ids.get(w.window)!;
      const closed = this.cellFor(w.series, w.scope).closed[i]!;
      closed.push({ start: w.start, agg: { ...w.agg } });
      if (closed.length > this.specs[i]!.retain) closed.shift();
    }
    // Rebuild the open window of each larger family that contains closedUpTo.
    const byFamily: ClosedWindow[][] = Array.from({ length: n }, () => []);
    for (const w of sorted) byFamily[ids.get(w.window)!]!.push(w);
    for (let i = 1; i < n; i++) {
      const openStart = this.align(i, closedUpTo);
      let lo = openStart;
      for (let j = i - 1; j >= 0; j--) {
        const hi = this.align(j, closedUpTo);
        for (const w of byFamily[j]!) {
          if (w.start >= lo && w.start + this.specs[j]!.sizeMs <= hi) {
            const cell = this.cellFor(w.series, w.scope);
            const open = cell.open[i]!;
            let slot = findSlot(open, openStart);
            if (slot === undefined) {
              slot = { start: openStart, agg: emptyAggregate() };
              open.push(slot);
            }
            mergeInto(slot.agg, w.agg);
          }
        }
        lo = Math.max(lo, hi);
      }
    }
  }

  /** Series currently known, for diagnostics. */
  seriesCount(): number {
    return this.cells.size;
  }

  private cellFor(series: string, scope: string): Cell {
    let byScope = this.cells.get(series);
    if (byScope === undefined) {
      byScope = new Map();
      this.cells.set(series, byScope);
    }
    let cell = byScope.get(scope);
    if (cell === undefined) {
      cell = new Cell(this.specs.length);
      byScope.set(scope, cell);
    }
    return cell;
  }
}

function findSlot(slots: Slot[], start: number): Slot | undefined {
  for (let k = slots.length - 1; k >= 0; k--) if (slots[k]!.start === start) return slots[k];
  return undefined;
}
