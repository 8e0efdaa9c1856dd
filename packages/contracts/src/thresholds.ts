import { z } from 'zod';

/**
 * Alert levels, least to most severe: 蓝 blue (Ⅳ) · 黄 yellow (Ⅲ) · 橙 orange (Ⅱ) · 红 red (Ⅰ),
 * as in China's early-warning scale.
 */
export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const alertLevelSchema = z.enum(ALERT_LEVELS);
export type AlertLevel = z.infer<typeof alertLevelSchema>;

/** 0 for blue … 3 for red: higher is more severe. */
export function alertRank(level: AlertLevel): number {
  return ALERT_LEVELS.indexOf(level);
}

/**
 * A figure's alert rule. Each level starts where the value reaches its threshold in the bad
 * direction (a level may be left out: the figure goes straight to the next); an alert, once
 * raised, stays until the value is back past `clear`, so a figure hovering at a limit does
 * not raise, clear and raise again (hysteresis).
 */
export const thresholdsSchema = z
  .object({
    /** Which direction is bad: "high" means values at or above a level's threshold reach it. */
    bad: z.enum(['high', 'low']),
    levels: z.object({
      blue: z.number().optional(),
      yellow: z.number().optional(),
      orange: z.number().optional(),
      red: z.number().optional(),
    }),
    /** An alert clears once the value is strictly back on the good side of this. */
    clear: z.number(),
  })
  .superRefine((t, ctx) => {
    const set = ALERT_LEVELS.filter((l) => t.levels[l] !== undefined).map((l) => t.levels[l]!);
    if (set.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'at least one level needs a threshold' });
      return;
    }
    const worse = (a: number, b: number) => (t.bad === 'high' ? a > b : a < b);
    for (let i = 1; i < set.length; i++) {
      if (!worse(set[i]!, set[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'each level must lie beyond the one below it in the bad direction' });
    }
    if (worse(t.clear, set[0]!)) ctx.addIssue({ code: 'custom', path: ['clear'], message: 'clear must not lie beyond the lowest level in the bad direction' });
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;
