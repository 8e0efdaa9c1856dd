import type { CityProfile, IngestResult, RawEvent } from '@cw/contracts';
import { createSimulator } from '@cw/simulator';
import type { Clock } from '../clock.ts';

/** A data source pushes raw events into the ingest pipeline until stopped. */
export interface EventSource {
  start(sink: (events: RawEvent[]) => Promise<IngestResult>): void;
  stop(): void;
}

export interface SimulatorSourceOptions {
  seed: number;
  airIntervalMs: number;
  pollMs: number;
}

/** Drives the pure simulator from the server clock: each poll emits what happened since the last. */
export function simulatorSource(profile: CityProfile, clock: Clock, options: SimulatorSourceOptions, onError: (err: unknown) => void): EventSource {
  const sim = createSimulator(profile, { seed: options.seed, airIntervalMs: options.airIntervalMs });
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
      }, options.pollMs);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
