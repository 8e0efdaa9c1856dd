import type { KindSource, SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { DAY, HOUR, MINUTE } from './rhythm.ts';
import { localPhase, reports } from './timing.ts';

/**
 * 生态环保, water: surface-water sections assessed every 4 hours (automatic stations report
 * at 00:00, 04:00, … local). A section is mostly at or better than its target class (GB 3838
 * Ⅰ … Ⅴ, 劣Ⅴ as 6); run-off a few hours after heavy rain (面源污染) or a slow bad spell pushes
 * it one class, rarely two, worse than its target for a while. Tuned so that about 3 % of
 * readings in a year miss their target, most of them in the rainy season (profile README).
 */

const WATER_INTERVAL = 4 * HOUR;
/** Above this pollution index a section slips one class; above the second, two. */
export const ONE_CLASS_WORSE = 0.8;
export const TWO_CLASSES_WORSE = 1.25;
/** Below this the section reads one class better than its target. */
const ONE_CLASS_BETTER = -0.35;
/** Weight of heavy rain six hours earlier in the index: run-off reaches the section. */
const RUNOFF = 1.2;

/** The pollution index of a section: its slow and fast spells in [-1, 1], plus run-off from rain (0…1). */
export function waterIndex(slow: number, fast: number, rainBefore: number): number {
  return 0.6 * slow + 0.2 * fast + RUNOFF * rainBefore;
}

/** The class (1 = Ⅰ … 6 = 劣Ⅴ) a section with target class `target` reads at index `q`. */
export function waterClass(target: number, q: number): number {
  const shift = q > TWO_CLASSES_WORSE ? 2 : q > ONE_CLASS_WORSE ? 1 : q < ONE_CLASS_BETTER ? -1 : 0;
  return Math.min(6, Math.max(1, target + shift));
}

export function environmentSources(ctx: SimContext): KindSource[] {
  const { city, clock, weather, seed } = ctx;
  const grid = localPhase(clock.offsetMs, WATER_INTERVAL);
  const sections = city.sites.water_section.map((site) => {
    const s = Stream.of(seed, keyOf('water.section'), keyOf(site.id));
    return { site, slow: s.child(1), fast: s.child(2), target: site.targetClass ?? 3, phase: (grid + Math.floor(s.u1(-1) * 10) * MINUTE) % WATER_INTERVAL };
  });
  return [
    {
      kind: 'water.section',
      emit(from, to, out) {
        for (const w of sections) {
          reports(from, to, WATER_INTERVAL, w.phase, 0, (ts) => {
            // Slow spells over days, shorter swings, and run-off a few hours after rain.
            const q = waterIndex(w.slow.smooth(ts, 2 * DAY), w.fast.smooth(ts, 9 * HOUR), weather.rain(ts - 6 * HOUR));
            const cls = waterClass(w.target, q);
            const values = { class: cls, meets: cls <= w.target ? (1 as const) : (0 as const) };
            out.push({ kind: 'water.section', id: `water.section:${w.site.id}:${ts}`, ts, division: w.site.division, site: w.site.id, values });
          });
        }
      },
    },
  ];
}
