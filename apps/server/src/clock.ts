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
