import type { RawEvent } from '@cw/contracts';
import type { ClosedWindow } from '@cw/rollup';

/**
 * Everything the server persists, behind one small interface so that the embedded SQLite
 * default can give way to PostgreSQL without touching the pipeline. Methods are async for
 * that reason even where SQLite answers synchronously.
 */
export interface Storage {
  /** Appends raw events to the journal, dropping any whose id is already there. Returns the
   * events actually added, in order. Durable when the promise resolves. */
  appendEvents(events: readonly RawEvent[]): Promise<RawEvent[]>;
  /** Journaled events with ts ≥ `ts`, in time order: replayed into the engine on restart. */
  eventsSince(ts: number): Promise<RawEvent[]>;
  /** Stores closed rollup windows and the new watermark in one transaction. */
  saveClosedWindows(windows: readonly ClosedWindow[], closedUpTo: number): Promise<void>;
  /** Closed windows of one family with start ≥ `since`. */
  loadWindows(family: string, since: number): Promise<ClosedWindow[]>;
  /** Closed windows of one series and scope with start in [from, to), oldest first. */
  history(family: string, series: string, scope: string, from: number, to: number): Promise<ClosedWindow[]>;
  /** The watermark saved with the last closed windows, or null on a fresh store. */
  closedUpTo(): Promise<number | null>;
  /** Drops journaled events older than `before` and windows of `family` older than `windowsBefore`. */
  prune(before: number, windowsBefore: Record<string, number>): Promise<void>;
  close(): Promise<void>;
}
