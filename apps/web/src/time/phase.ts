/**
 * A stable offset in [0, periodMs) for a key, in whole seconds (the screen's clock ticks
 * once a second): things done every `periodMs` for different keys spread over the period.
 */
export function phaseOf(key: string, periodMs: number): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return (h % Math.max(1, Math.floor(periodMs / 1000))) * 1000;
}
