import type { IngestResult, RawEvent } from '@cw/contracts';
import type { Simulator } from '@cw/simulator';
import type { Clock } from '../clock.ts';

/** A data source pushes raw events into the ingest pipeline until stopped. */
export interface EventSource {
  start(sink: (events: RawEvent[]) => Promise<IngestResult>): void;
  stop(): void;
}

/** Drives the pure simulator from the server clock: each poll emits what happened since the last. */
export function simulatorSource(sim: Simulator, clock: Clock, pollMs: number, onError: (err: unknown) => void): EventSource {
  let timer: NodeJS.Timeout | undefined;
  let last = clock.now();
  let busy = false;
  return {
    start(sink) {
      timer = setInterval(() => {
        if (busy) return;
        const now = clock.now();
        const events = sim.eventsBetween(last, now);
        last = now;
        if (events.length === 0) return;
        busy = true;
        sink(events)
          .catch(onError)
          .finally(() => {
            busy = false;
          });
      }, pollMs);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
