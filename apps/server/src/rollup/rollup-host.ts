import type { RawEvent } from '@cw/contracts';
import { WINDOW_FAMILIES, observe } from '@cw/metrics';
import { CITY_SCOPE } from '@cw/contracts';
import { RollupEngine, type ClosedWindow } from '@cw/rollup';
import type { Storage } from '../storage/storage.ts';

/** Closed windows kept in memory per family: enough for the trailing hour, today by hour
 * against yesterday, and the last few days. Older history is read from storage. */
const RETAIN: Record<string, number> = { '1m': 120, '1h': 48, '1d': 3 };
/** How long closed windows stay in storage, per family. */
const KEEP_MS: Record<string, number> = { '1m': 2 * 86_400_000, '1h': 40 * 86_400_000, '1d': 800 * 86_400_000 };

export interface RollupHostOptions {
  utcOffsetMinutes: number;
  allowedLatenessMs: number;
  rawRetentionMs: number;
}

/**
 * Owns the rollup engine on the server: feeds it raw events, closes windows as time passes,
 * persists them, and restores the engine from storage after a restart.
 */
export class RollupHost {
  readonly engine: RollupEngine;
  private lastPrune = 0;

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
      const scopes = [e.division, CITY_SCOPE];
      let ok = true;
      for (const o of observe(e)) ok = this.engine.add(o.series, scopes, e.ts, o.value) && ok;
      if (ok) taken++;
    }
    return taken;
  }

  /** Closes the windows that `now` has left behind and persists them with the watermark. */
  async advance(now: number): Promise<number> {
    const closed = this.engine.advance(now);
    if (closed.length === 0) return 0;
    await this.storage.saveClosedWindows(closed, this.engine.closedUpTo);
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      const windowsBefore = Object.fromEntries(Object.entries(KEEP_MS).map(([f, ms]) => [f, now - ms]));
      await this.storage.prune(Math.min(this.engine.closedUpTo, now - this.options.rawRetentionMs), windowsBefore);
    }
    return closed.length;
  }
}
