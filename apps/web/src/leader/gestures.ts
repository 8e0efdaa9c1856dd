/** A horizontal swipe at least this long (CSS px), and clearly more across than down, changes the domain. */
export const SWIPE_MIN_PX = 60;

/** Which way a touch moved, if it was a swipe: -1 to the previous domain, +1 to the next, 0 for none. */
export function swipeStep(dx: number, dy: number): -1 | 0 | 1 {
  if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < 1.5 * Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}

/** How far a pull from the top must go (CSS px) before letting go refreshes. */
export const PULL_TRIGGER_PX = 72;

/** The pull shown for a finger `dy` below where it started (`dx` across): only downward, mostly vertical, capped. */
export function pullDistance(dx: number, dy: number): number {
  return dy > 0 && dy > Math.abs(dx) ? Math.min(dy, PULL_TRIGGER_PX * 1.5) : 0;
}
