import { MAX_EVENT_FUTURE_MS, type CityProfile, type IngestResult, type RawEvent } from '@cw/contracts';
import type { EventBatch, Storage } from '../storage/storage.ts';
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

/** A submission waiting for the next group commit. */
type Waiting =
  | { lines: true; source: IngestSource; candidates: readonly Candidate[]; resolve: (r: ChunkResult) => void; reject: (err: unknown) => void }
  | { lines: false; source: IngestSource | undefined; events: readonly RawEvent[]; resolve: (r: IngestResult) => void; reject: (err: unknown) => void };

/** Events journaled in one group at most, unless one submission alone is larger (the ingest routes' chunk). */
const MAX_GROUP_EVENTS = 4096;

const sizeOf = (w: Waiting) => (w.lines ? w.candidates.length : w.events.length);

/** A submission judged and ready for the journal. */
interface Judged {
  w: Waiting;
  batch: EventBatch;
  refused: LineRefusal[];
  /** Duplicates found before the journal (retries into closed windows). */
  lateDuplicates: number;
}

/**
 * The single way raw events enter the system, whatever their source: check them against
 * the city and the clock, journal them durably, then roll them up. Nothing is acknowledged
 * before it is journaled. `submit` takes a batch all or nothing; `submitLines` judges each
 * event on its own and keeps the good ones.
 *
 * Group commit: submissions that arrive while the journal is busy, or in the same turn of
 * the event loop, are journaled together in one transaction (one fsync), each judged on its
 * own and answered with its own result once that transaction has committed. Many sources
 * each posting a few events then share commits instead of paying one each.
 */
export class Ingestor {
  private readonly listeners: ((events: readonly RawEvent[]) => void)[] = [];
  private readonly groupListeners: ((submissions: number) => void)[] = [];
  private queuedEvents = 0;
  private waiting: Waiting[] = [];
  private scheduled = false;

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
   * good ones, rolls them up, and reports every refused line. A retry of an event this
   * source already delivered counts as a duplicate, even once its window closed.
   */
  submitLines(source: IngestSource, candidates: readonly Candidate[]): Promise<ChunkResult> {
    this.queuedEvents += candidates.length;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.waiting.push({ lines: true, source, candidates, resolve, reject });
      this.schedule();
    }).finally(() => {
      this.queuedEvents -= candidates.length;
    });
  }

  /** A batch all or nothing (the simulator's, and the JSON document of POST /api/v1/events). */
  submit(events: readonly RawEvent[], from?: IngestSource): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ lines: false, source: from, events, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every submission made before the call is journaled and answered (or refused). */
  async idle(): Promise<void> {
    // A group scheduled in this turn reaches the serial queue at its setImmediate, before this one.
    await new Promise((resolve) => setImmediate(resolve));
    await this.serial.run(() => undefined);
  }

  /** Called with the number of submissions in each group journaled together (a metric of the group commit). */
  onGroup(listener: (submissions: number) => void): void {
    this.groupListeners.push(listener);
  }

  /** Called with every batch of newly accepted events (after journaling). */
  onAccepted(listener: (events: readonly RawEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The next group goes to the serial queue (between window closings) after this turn of
   * the event loop, so that the requests read in this turn join it; it takes everything
   * waiting when it starts, so submissions made while a commit is under way join the next.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      void this.serial.run(() => this.commitGroup());
    });
  }

  private async commitGroup(): Promise<void> {
    this.scheduled = false;
    // Up to a chunk's worth of events (at least one submission): a long stream's chunks still
    // commit one at a time, as measured best, and a transaction's size stays bounded.
    let events = 0;
    let take = 0;
    while (take < this.waiting.length) {
      const n = sizeOf(this.waiting[take]!);
      if (take > 0 && events + n > MAX_GROUP_EVENTS) break;
      events += n;
      take++;
    }
    const group = this.waiting.splice(0, take);
    if (this.waiting.length > 0) this.schedule();
    if (group.length === 0) return;
    const now = this.clock.now();
    const judged: Judged[] = [];
    for (const w of group) {
      try {
        const j = await this.judge(w, now);
        if (j !== null) judged.push(j);
      } catch (err) {
        w.reject(err);
      }
    }
    if (judged.length === 0) return;
    for (const l of this.groupListeners) l(judged.length);
    let added: RawEvent[][];
    try {
      added = await this.storage.appendEventBatches(judged.map((j) => j.batch));
    } catch (err) {
      if (judged.length === 1) {
        judged[0]!.w.reject(err);
        return;
      }
      // One transaction failed for all: each is tried alone, so that one's failure is not the others'.
      for (const j of judged) {
        try {
          this.settle(j, (await this.storage.appendEventBatches([j.batch]))[0]!);
        } catch (e) {
          j.w.reject(e);
        }
      }
      return;
    }
    judged.forEach((j, i) => this.settle(j, added[i]!));
  }

  /** Rolls up what a submission added and answers it. */
  private settle(j: Judged, added: RawEvent[]): void {
    this.rollup.add(added);
    for (const l of this.listeners) l(added);
    const duplicates = j.batch.events.length - added.length + j.lateDuplicates;
    if (j.w.lines) j.w.resolve({ accepted: added.length, duplicates, refused: j.refused });
    else j.w.resolve({ accepted: added.length, duplicates });
  }

  /** A submission's events for the journal; null when nothing of it goes there (answered already). */
  private async judge(w: Waiting, now: number): Promise<Judged | null> {
    const engine = this.rollup.engine;
    const events = w.lines ? w.candidates.map((c) => c.event) : w.events;
    const late: string[] = [];
    for (const e of events) if (e.id !== undefined && !engine.accepts(e.ts)) late.push(e.id);
    // A retry of an event we already acknowledged is a duplicate, even once its window closed.
    const seen = late.length > 0 ? await this.storage.knownIds(late, w.source?.id) : null;
    const isSeen = (e: RawEvent) => seen !== null && e.id !== undefined && !engine.accepts(e.ts) && seen.has(e.id);
    if (!w.lines) {
      const problems: EventProblem[] = [];
      events.forEach((e, index) => {
        if (isSeen(e)) return;
        const p = this.lineProblem(w.source, e, now);
        if (p !== null) problems.push({ index, message: p });
      });
      if (problems.length > 0) {
        w.reject(new IngestRefused(problems));
        return null;
      }
      const fresh = events.filter((e) => !isSeen(e));
      return { w, batch: { events: fresh, source: w.source?.id }, refused: [], lateDuplicates: events.length - fresh.length };
    }
    const refused: LineRefusal[] = [];
    const good: RawEvent[] = [];
    const bodies: string[] = [];
    let lateDuplicates = 0;
    for (const c of w.candidates) {
      const e = c.event;
      if (isSeen(e)) {
        lateDuplicates++;
        continue;
      }
      const reason = this.lineProblem(w.source, e, now);
      if (reason !== null) {
        refused.push({ line: c.line, reason });
        continue;
      }
      good.push(e);
      bodies.push(c.body ?? JSON.stringify(e));
    }
    return { w, batch: { events: good, source: w.source.id, bodies }, refused, lateDuplicates };
  }

  private lineProblem(source: IngestSource | undefined, e: RawEvent, now: number): string | null {
    if (source !== undefined && source.kinds !== null && !source.kinds.has(e.kind)) return `kind "${e.kind}" is not among this source's kinds`;
    const place = this.known.problem(e);
    if (place !== null) return place;
    if (e.ts > now + MAX_EVENT_FUTURE_MS) return `timestamp ${new Date(e.ts).toISOString()} is in the future`;
    if (!this.rollup.engine.accepts(e.ts)) return `timestamp ${new Date(e.ts).toISOString()} is older than the late-event allowance; its window is closed`;
    return null;
  }
}
