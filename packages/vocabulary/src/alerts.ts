import type { AlertLevel } from '@cw/contracts';
import { EMERGENCY_LEVEL_COLORS } from './emergency.ts';

/** Alert levels in the colours of emergency levels (红 = Ⅰ … 蓝 = Ⅳ): one colour, one meaning. */
export const ALERT_LEVEL_COLORS = {
  red: EMERGENCY_LEVEL_COLORS[1],
  orange: EMERGENCY_LEVEL_COLORS[2],
  yellow: EMERGENCY_LEVEL_COLORS[3],
  blue: EMERGENCY_LEVEL_COLORS[4],
} as const satisfies Record<AlertLevel, string>;

/** The level's numeral, shown beside its colour (never colour alone). */
export const ALERT_LEVEL_NUMERALS = { red: 'Ⅰ', orange: 'Ⅱ', yellow: 'Ⅲ', blue: 'Ⅳ' } as const satisfies Record<AlertLevel, string>;
