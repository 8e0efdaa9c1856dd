/** The server's notion of now. Simulated time runs faster for soak tests and demos. */
export interface Clock {
  now(): number;
}

export function systemClock(): Clock {
  return { now: () => Date.now() };
}

/** Starts at the real time and advances `speed` simulated ms per real ms. */
export function acceleratedClock(speed: number, start = Date.now()): Clock {
  const realStart = performance.now();
  return { now: () => Math.floor(start + (performance.now() - realStart) * speed) };
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
