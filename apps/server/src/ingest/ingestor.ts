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
    for (const p of [...profile.sites, ...profile.devices, ...profile.deviceFleets]) this.placeDivision.set(p.id, p.division);
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

/** Who sends a batch: retries and duplicates are recognised per source, and a source may be limited to some kinds. */
export interface IngestSource {
  /** Stable id (the credential's or the user's); event ids are unique per source. */
  id: string;
  /** The kinds it may send; null for any. */
  kinds: ReadonlySet<string> | null;
  /** Its event budget per second; null for none beyond the write rate limit. */
  maxEventsPerSec: number | null;
}

/** The source a signed-in principal speaks for: a data-source key's registration, or a person (any kind, no budget). */
export function sourceOfPrincipal(p: { id: string; registration?: { kinds: readonly string[] | null; maxEventsPerSec: number | null } | null }): IngestSource {
  const r = p.registration ?? null;
  return { id: p.id, kinds: r?.kinds ? new Set(r.kinds) : null, maxEventsPerSec: r?.maxEventsPerSec ?? null };
}

/** One event of a line-oriented batch, already checked against its kind's schema. */
export interface Candidate {
  /** 1-based line (NDJSON) or position (JSON array) in the request. */
  line: number;
  event: RawEvent;
  /** The event's JSON as received, journaled as is (saves serialising it again). */
  body?: string;
}

export interface LineRefusal {
  line: number;
  reason: string;
}

export interface ChunkResult {
  accepted: number;
  duplicates: number;
  refused: LineRefusal[];
}

/**
 * The single way raw events enter the system, whatever their source: check them against
 * the city and the clock, journal them durably, then roll them up. Nothing is acknowledged
 * before it is journaled. `submit` takes a batch all or nothing; `submitLines` judges each
 * event on its own and keeps the good ones.
 */
export class Ingestor {
  private readonly listeners: ((events: readonly RawEvent[]) => void)[] = [];
  private queuedEvents = 0;

  constructor(
    private readonly known: KnownPlaces,
    private readonly storage: Storage,
    private readonly rollup: RollupHost,
    private readonly serial: Serial,
    private readonly clock: Clock,
  ) {}

  /** Events handed to the ingestor and not yet journaled and rolled up: the backlog that backpressure watches. */
  get queued(): number {
    return this.queuedEvents;
  }

  /**
   * Checks each candidate on its own (the source's kinds, the city, the clock), journals the
   * good ones in one transaction, rolls them up, and reports every refused line. A retry of
   * an event this source already delivered counts as a duplicate, even once its window closed.
   */
  submitLines(source: IngestSource, candidates: readonly Candidate[]): Promise<ChunkResult> {
    this.queuedEvents += candidates.length;
    return this.serial
      .run(async () => {
        const now = this.clock.now();
        const engine = this.rollup.engine;
        const refused: LineRefusal[] = [];
        const late: string[] = [];
        for (const c of candidates) if (c.event.id !== undefined && !engine.accepts(c.event.ts)) late.push(c.event.id);
        const seen = late.length > 0 ? await this.storage.knownIds(late, source.id) : null;
        const good: RawEvent[] = [];
        const bodies: string[] = [];
        let lateDuplicates = 0;
        for (const c of candidates) {
          const e = c.event;
          if (!engine.accepts(e.ts) && seen !== null && e.id !== undefined && seen.has(e.id)) {
            lateDuplicates++;
            continue;
          }
          const reason = this.lineProblem(source, e, now);
          if (reason !== null) {
            refused.push({ line: c.line, reason });
            continue;
          }
          good.push(e);
          bodies.push(c.body ?? JSON.stringify(e));
        }
        const added = good.length > 0 ? await this.storage.appendEvents(good, source.id, bodies) : [];
        this.rollup.add(added);
        for (const l of this.listeners) l(added);
        return { accepted: added.length, duplicates: good.length - added.length + lateDuplicates, refused };
      })
      .finally(() => {
        this.queuedEvents -= candidates.length;
      });
  }

  /** Called with every batch of newly accepted events (after journaling). */
  onAccepted(listener: (events: readonly RawEvent[]) => void): void {
    this.listeners.push(listener);
  }

  private lineProblem(source: IngestSource, e: RawEvent, now: number): string | null {
    if (source.kinds !== null && !source.kinds.has(e.kind)) return `kind "${e.kind}" is not among this source's kinds`;
    const place = this.known.problem(e);
    if (place !== null) return place;
    if (e.ts > now + MAX_EVENT_FUTURE_MS) return `timestamp ${new Date(e.ts).toISOString()} is in the future`;
    if (!this.rollup.engine.accepts(e.ts)) return `timestamp ${new Date(e.ts).toISOString()} is older than the late-event allowance; its window is closed`;
    return null;
  }

  /** A batch all or nothing (the simulator's, and the JSON document of POST /api/v1/events). */
  submit(events: readonly RawEvent[], from?: IngestSource): Promise<IngestResult> {
    const source = from?.id;
    return this.serial.run(async () => {
      const now = this.clock.now();
      const problems: EventProblem[] = [];
      // A retry of an event we already acknowledged is a duplicate, even once its window closed.
      const late = events.filter((e) => !this.rollup.engine.accepts(e.ts) && e.id !== undefined).map((e) => e.id!);
      const seen = late.length > 0 ? await this.storage.knownIds(late, source) : new Set<string>();
      events.forEach((e, index) => {
        if (from?.kinds != null && !from.kinds.has(e.kind)) problems.push({ index, message: `kind "${e.kind}" is not among this source's kinds` });
        const p = this.known.problem(e);
        if (p !== null) problems.push({ index, message: p });
        if (e.ts > now + MAX_EVENT_FUTURE_MS) problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is in the future` });
        if (!this.rollup.engine.accepts(e.ts) && !(e.id !== undefined && seen.has(e.id))) {
          problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is older than the late-event allowance; its window is closed` });
        }
      });
      if (problems.length > 0) throw new IngestRefused(problems);
      const added = await this.storage.appendEvents(events.filter((e) => e.id === undefined || !seen.has(e.id)), source);
      this.rollup.add(added);
      for (const l of this.listeners) l(added);
      return { accepted: added.length, duplicates: events.length - added.length };
    });
  }
}
