import type { RawEvent } from '@cw/contracts';
import { WINDOW_FAMILIES, forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine, type ClosedWindow } from '@cw/rollup';
import type { RollupStore } from '../storage/storage.ts';
import { IN_MEMORY_WINDOWS, STORED_WINDOWS_MS } from './retention.ts';

export interface RollupHostOptions {
  utcOffsetMinutes: number;
  allowedLatenessMs: number;
  /** Raw events older than this are pruned from the journal (RAW_RETENTION_HOURS); windows by STORED_WINDOWS_MS. */
  rawRetentionMs: number;
  /** Air stations that count in the city scope (cityAirStations of the profile); null for all. */
  cityAirStations?: ReadonlySet<string> | null;
}

/**
 * Owns the rollup engine on the server: feeds it raw events, closes windows as time passes,
 * persists them, and restores the engine from storage after a restart.
 */
export class RollupHost {
  readonly engine: RollupEngine;
  private lastPrune = 0;
  private readonly closedListeners: ((closed: readonly ClosedWindow[]) => Promise<void>)[] = [];

  constructor(
    private readonly storage: RollupStore,
    private readonly options: RollupHostOptions,
  ) {
    this.engine = new RollupEngine({
      windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: IN_MEMORY_WINDOWS[f.id]! })),
      utcOffsetMs: options.utcOffsetMinutes * 60_000,
      allowedLatenessMs: options.allowedLatenessMs,
    });
  }

  /** Called with every batch of windows closed (e.g. to compute the day's AQI). */
  onClosed(listener: (closed: readonly ClosedWindow[]) => Promise<void>): void {
    this.closedListeners.push(listener);
  }

  /**
   * Rebuilds today's state: closed windows from storage, then the journaled raw events that
   * were not yet in a closed window. Returns the restored watermark (null on a fresh store).
   */
  async restore(): Promise<number | null> {
    const closedUpTo = await this.storage.closedUpTo();
    if (closedUpTo === null) return null;
    const windows: ClosedWindow[] = [];
    for (const f of WINDOW_FAMILIES) {
      windows.push(...(await this.storage.loadWindows(f.id, closedUpTo - (IN_MEMORY_WINDOWS[f.id]! + 1) * f.sizeMs)));
    }
    this.engine.restore(windows, closedUpTo);
    this.add(await this.storage.eventsSince(closedUpTo));
    return closedUpTo;
  }

  /** Adds events to the engine; returns how many it took (the rest were too late). */
  add(events: readonly RawEvent[]): number {
    let taken = 0;
    for (const e of events) {
      const scopes = scopesOf(e, this.options.cityAirStations ?? null);
      let ok = true;
      forEachObservation(e, (series, value) => {
        ok = this.engine.add(series, scopes, e.ts, value) && ok;
      });
      if (ok) taken++;
    }
    return taken;
  }

  /**
   * Closes the windows that `now` has left behind and persists them with the watermark.
   * Windows already past their storage retention at `wallNow` (e.g. minutes of a history
   * backfill) are not written.
   */
  async advance(now: number, wallNow = now): Promise<number> {
    const before = this.engine.closedUpTo;
    const closed = this.engine.advance(now);
    // The watermark is saved even when no window closed: a restart resumes from it.
    if (this.engine.closedUpTo === before) return 0;
    const keep = closed.filter((w) => w.start >= wallNow - STORED_WINDOWS_MS[w.window]!);
    await this.storage.saveClosedWindows(keep, this.engine.closedUpTo);
    for (const l of this.closedListeners) await l(closed);
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      const windowsBefore = Object.fromEntries(Object.entries(STORED_WINDOWS_MS).map(([f, ms]) => [f, now - ms]));
      await this.storage.prune(Math.min(this.engine.closedUpTo, now - this.options.rawRetentionMs), windowsBefore);
    }
    return closed.length;
  }
}
