/**
 * Calendar arithmetic in the city's zone. The profile gives a fixed UTC offset (no DST in
 * the supported zones), so a local day is plain arithmetic, whatever the display machine's
 * own zone is.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start (UTC ms) of the local day containing `ms`. */
export function localDayStart(ms: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((ms + offset) / DAY_MS) * DAY_MS - offset;
}

/** Start of the clock hour containing `ms` (all supported offsets are whole hours or halves; hours are local). */
export function localHourStart(ms: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000;
  return Math.floor((ms + offset) / HOUR_MS) * HOUR_MS - offset;
}

/** Local hour of the day, 0–23. */
export function localHour(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms - localDayStart(ms, utcOffsetMinutes)) / HOUR_MS);
}
