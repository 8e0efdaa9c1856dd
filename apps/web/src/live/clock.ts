import { create } from 'zustand';
import { localDayStart, localHourStart } from '../time/cityTime.ts';
import { phaseOf } from '../time/phase.ts';
import { serverTimeAt } from './serverClock.ts';
import { readValue, useHasValue, useLive } from './store.ts';

/** One ticking clock for the whole screen, rather than a timer per component. */
const useTick = create<{ local: number }>(() => ({ local: Date.now() }));

/** Starts the shared tick; returns the function that stops it. */
export function startClock(): () => void {
  const id = setInterval(() => useTick.setState({ local: Date.now() }), 1000);
  return () => clearInterval(id);
}

/**
 * Server time now, outside React, in whole ms: the clock model's estimate can fall between
 * two (a sample's midpoint), and the API refuses a fractional time in a query.
 */
export function serverNow(): number {
  return Math.floor(serverTimeAt(useLive.getState().clock, Date.now()));
}

// The clock model is read when the tick fires rather than subscribed to: a new clock
// sample every few seconds must not re-render every component that shows a time.
const serverTimeOf = (local: number) => serverTimeAt(useLive.getState().clock, local);

/** Server time, re-rendering only when it crosses a multiple of `periodMs`. */
export function useServerTime(periodMs = 1000): number {
  return useTick((t) => Math.floor(serverTimeOf(t.local) / periodMs) * periodMs);
}

/** Start of the city's current local day and hour; re-renders only when they change. */
export function useCityCalendar(utcOffsetMinutes: number): { dayStart: number; hourStart: number } {
  const hourStart = useTick((t) => localHourStart(serverTimeOf(t.local), utcOffsetMinutes));
  return { dayStart: localDayStart(hourStart, utcOffsetMinutes), hourStart };
}

/**
 * A live figure's value, read afresh every `everyMs` (and on the caller's other renders)
 * rather than on every change: for charts, where a few seconds' lag costs nothing and a
 * canvas redraw on every tick costs much.
 */
export function useSampledValue(scope: string, metric: string, everyMs: number): number | null {
  // Each figure on its own phase, so that charts sampling at the same rate redraw in turn
  // rather than all in one frame.
  useLocalTime(everyMs, phaseOf(`${scope}/${metric}`, everyMs));
  // The first value shows as soon as it arrives, not a period later.
  useHasValue(scope, metric);
  return readValue(scope, metric);
}

/** Local time, re-rendering only when it crosses a multiple of `periodMs` (plus `phaseMs`). */
export function useLocalTime(periodMs = 1000, phaseMs = 0): number {
  return useTick((t) => Math.floor((t.local - phaseMs) / periodMs) * periodMs + phaseMs);
}
