import { MAX_EVENT_FUTURE_MS, type IngestResult, type RawEvent } from '@cw/contracts';
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

/**
 * The single way raw events enter the system, whatever their source: check them against
 * the city and the clock, journal them durably, then roll them up. A batch is all or
 * nothing, and it is acknowledged only once journaled.
 */
export class Ingestor {
  constructor(
    private readonly divisions: ReadonlySet<string>,
    private readonly storage: Storage,
    private readonly rollup: RollupHost,
    private readonly serial: Serial,
    private readonly clock: Clock,
  ) {}

  submit(events: readonly RawEvent[]): Promise<IngestResult> {
    return this.serial.run(async () => {
      const now = this.clock.now();
      const problems: EventProblem[] = [];
      events.forEach((e, index) => {
        if (!this.divisions.has(e.division)) problems.push({ index, message: `unknown division "${e.division}"` });
        if (e.ts > now + MAX_EVENT_FUTURE_MS) problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is in the future` });
        if (!this.rollup.engine.accepts(e.ts)) {
          problems.push({ index, message: `timestamp ${new Date(e.ts).toISOString()} is older than the late-event allowance; its window is closed` });
        }
      });
      if (problems.length > 0) throw new IngestRefused(problems);
      const added = await this.storage.appendEvents(events);
      this.rollup.add(added);
      return { accepted: added.length, duplicates: events.length - added.length };
    });
  }
}
