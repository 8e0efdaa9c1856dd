import type { KindSource, SimContext } from './context.ts';
import { keyOf, Stream } from './noise.ts';
import { DAY, HOUR, MINUTE } from './rhythm.ts';
import { localPhase, reports } from './timing.ts';

/**
 * 生态环保, water: surface-water sections assessed every 4 hours (automatic stations report
 * at 00:00, 04:00, … local). A section is mostly at or better than its target class; after
 * rain or in a slow bad spell it slips one class and fails its target for a while.
 */

const WATER_INTERVAL = 4 * HOUR;

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
            const q = 0.75 * w.slow.smooth(ts, 2 * DAY) + 0.25 * w.fast.smooth(ts, 9 * HOUR) + 0.3 * weather.rain(ts - 6 * HOUR);
            const cls = Math.min(6, Math.max(1, w.target + (q > 0.62 ? 1 : q < -0.35 ? -1 : 0)));
            const values = { class: cls, meets: cls <= w.target ? (1 as const) : (0 as const) };
            out.push({ kind: 'water.section', id: `water.section:${w.site.id}:${ts}`, ts, division: w.site.division, site: w.site.id, values });
          });
        }
      },
    },
  ];
}
