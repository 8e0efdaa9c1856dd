/** Top of the map's colour ramp for magnitudes: the largest division value, at least 1 so an all-zero map has a scale. */
export function rampMax(values: readonly (number | null)[]): number {
  return values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 1);
}

/** Colours on the magnitude ramp. The map's fill changes only when a division changes step. */
export const RAMP_STEPS = 16;

/** Which step of the ramp a value falls on (0 … RAMP_STEPS), null for no value. */
export function rampStep(value: number | null, max: number): number | null {
  if (value === null) return null;
  return Math.round(Math.min(1, Math.max(0, value / max)) * RAMP_STEPS);
}
