/** The server's notion of now. Simulated time runs faster for soak tests and demos. */
export interface Clock {
  now(): number;
}

export function systemClock(): Clock {
  return { now: () => Date.now() };
}

/** A simulated clock that can be held at its start until the server is ready to run live. */
export interface SimulatedClock extends Clock {
  /** Starts the clock if it was held; does nothing otherwise. */
  release(): void;
}

/**
 * Starts at `start` and advances `speed` simulated ms per real ms. A held clock stays at `start`
 * until released: the first start's history then ends exactly where the live run begins,
 * however long writing it takes (at 600× a slow minute would otherwise skip ten hours).
 */
export function acceleratedClock(speed: number, start = Date.now(), options: { held?: boolean } = {}): SimulatedClock {
  let realStart = options.held === true ? null : performance.now();
  return {
    now: () => (realStart === null ? start : Math.floor(start + (performance.now() - realStart) * speed)),
    release: () => {
      realStart ??= performance.now();
    },
  };
}

/**
 * Local midnight of the day containing `now`, and of 1 January of its year, in a city
 * `utcOffsetMs` from UTC: the day boundaries the vitals, the cases and the emergencies share.
 */
export function localDayAndYear(now: number, utcOffsetMs: number): { today: number; yearStart: number } {
  const local = new Date(now + utcOffsetMs);
  const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - utcOffsetMs;
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1) - utcOffsetMs;
  return { today, yearStart };
}
