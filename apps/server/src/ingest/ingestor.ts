import { MAX_EVENT_FUTURE_MS, type CityProfile, type IngestResult, type RawEvent } from '@cw/contracts';
import type { Storage } from '../storage/storage.ts';
import type { RollupHost } from '../rollup/rollup-host.ts';
import type { Serial } from '../serial.ts';
import type { Clock } from '../clock.ts';

export interface EventProblem {
  index: number;
  message: string;
}

/** A batch was refused as a whole; nothing of it was stored. */
export class IngestRefused extends Error {
  constructor(readonly problems: EventProblem[]) {
    super(`${problems.length} event(s) refused: ${problems.slice(0, 3).map((p) => `#${p.index}: ${p.message}`).join('; ')}`);
  }
}

/** What the city profile says events may refer to. */
export class KnownPlaces {
  readonly divisions: ReadonlySet<string>;
  private readonly placeDivision = new Map<string, string>();
  private readonly stationDivision = new Map<string, string>();

  constructor(profile: CityProfile) {
    this.divisions = new Set(profile.divisions.map((d) => d.code));
    for (const p of [...profile.sites, ...profile.devices]) this.placeDivision.set(p.id, p.division);
    for (const s of profile.airStations) this.stationDivision.set(s.id, s.division);
  }

  problem(e: RawEvent): string | null {
    if (!this.divisions.has(e.division)) return `unknown division "${e.division}"`;
    if ('site' in e && e.site !== undefined) {
      const d = this.placeDivision.get(e.site);
      if (d === undefined) return `unknown site "${e.site}"`;
      if (d !== e.division) return `site "${e.site}" is in division ${d}, not ${e.division}`;
    }
    if (e.kind === 'air.reading') {
      const d = this.stationDivision.get(e.station);
      if (d !== undefined && d !== e.division) return `station "${e.station}" is in division ${d}, not ${e.division}`;
    }
    return null;
  }
}

/**
 * The single way raw events enter the system, whatever their source: check them against
 * the city and the clock, journal them durably, then roll them up. A batch is all or
 * nothing, and it is acknowledged only once journaled.
 */
export class Ingestor {
  private readonly listeners: ((events: readonly RawEvent[]) => void)[] = [];

  constructor(
    private readonly known: KnownPlaces,
    private readonly storage: Storage,
    private readonly rollup: RollupHost,
    private readonly serial: Serial,
    private readonly clock: Clock,
  ) {}

  /** Called with every batch of newly accepted events (after journaling). */
  onAccepted(listener: (events: readonly RawEvent[]) => void): void {
    this.listeners.push(listener);
  }

  submit(events: readonly RawEvent[]): Promise<IngestResult> {
    return this.serial.run(async () => {
      const now = this.clock.now();
      const problems: EventProblem[] = [];
      // A retry of an event we already acknowledged is a duplicate, even once its window closed.
      const late = events.filter((e) => !this.rollup.engine.accepts(e.ts) && e.id !== undefined).map((e) => e.id!);
      const seen = late.length > 0 ? await this.storage.knownIds(late) : new Set<string>();
      events.forEach((e, index) => {
        const p = this.known.problem(e);
        if (p !== null) problems.push({ index, message: p });
        if (e.ts > now + MAX_EVENT_FUTURE_MS) problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is in the future` });
        if (!this.rollup.engine.accepts(e.ts) && !(e.id !== undefined && seen.has(e.id))) {
          problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is older than the late-event allowance; its window is closed` });
        }
      });
      if (problems.length > 0) throw new IngestRefused(problems);
      const added = await this.storage.appendEvents(events.filter((e) => e.id === undefined || !seen.has(e.id)));
      this.rollup.add(added);
      for (const l of this.listeners) l(added);
      return { accepted: added.length, duplicates: events.length - added.length };
    });
  }
}
