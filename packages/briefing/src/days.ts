/** Local calendar days (YYYY-MM-DD) of a fixed-offset zone as [start, end) in ms. */

export const DAY_MS = 86_400_000;

/** Local midnight starting `day`. */
export function dayStartOf(day: string, utcOffsetMinutes: number): number {
  return Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000;
}

/** The local day an instant falls in. */
export function dayOf(ts: number, utcOffsetMinutes: number): string {
  return new Date(ts + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Local midnight of 1 January of `day`'s year. */
export function yearStartOf(day: string, utcOffsetMinutes: number): number {
  return dayStartOf(`${day.slice(0, 4)}-01-01`, utcOffsetMinutes);
}
