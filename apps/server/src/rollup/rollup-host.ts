import type { RawEvent } from '@cw/contracts';
import { WINDOW_FAMILIES, forEachObservation, scopesOf } from '@cw/metrics';
import { RollupEngine, type ClosedWindow } from '@cw/rollup';
import type { Storage } from '../storage/storage.ts';

/** Closed windows kept in memory per family: enough for the trailing hour, gauges' last
 * 24 hours, today by hour against yesterday, and daily AQI at day close. */
const RETAIN: Record<string, number> = { '1m': 120, '1h': 50, '1d': 3 };
/** How long closed windows stay in storage, per family. */
export const KEEP_MS: Record<string, number> = { '1m': 3 * 3_600_000, '1h': 40 * 86_400_000, '1d': 800 * 86_400_000 };

export interface RollupHostOptions {
  utcOffsetMinutes: number;
  allowedLatenessMs: number;
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
    private readonly storage: Storage,
    private readonly options: RollupHostOptions,
  ) {
    this.engine = new RollupEngine({
      windows: WINDOW_FAMILIES.map((f) => ({ id: f.id, sizeMs: f.sizeMs, retain: RETAIN[f.id]! })),
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
      windows.push(...(await this.storage.loadWindows(f.id, closedUpTo - (RETAIN[f.id]! + 1) * f.sizeMs)));
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
    const keep = closed.filter((w) => w.start >= wallNow - KEEP_MS[w.window]!);
    await this.storage.saveClosedWindows(keep, this.engine.closedUpTo);
    for (const l of this.closedListeners) await l(closed);
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      const windowsBefore = Object.fromEntries(Object.entries(KEEP_MS).map(([f, ms]) => [f, now - ms]));
      await this.storage.prune(Math.min(this.engine.closedUpTo, now - this.options.rawRetentionMs), windowsBefore);
    }
    return closed.length;
  }
}
