import type { Casualties, EmergencyLevel, EmergencyRecord } from '@cw/contracts';

/**
 * Accident grading of 《生产安全事故报告和调查处理条例》 (State Council decree 493, art. 3):
 * each band's lower bound, most severe first. "以上" includes the bound, so 30 deaths is Ⅰ.
 */
const DEATH_BANDS: readonly [EmergencyLevel, number][] = [[1, 30], [2, 10], [3, 3]];
const INJURED_BANDS: readonly [EmergencyLevel, number][] = [[1, 100], [2, 50], [3, 10]];
/** Direct economic losses in 万元: 1亿 = 10 000 万, 5 000 万, 1 000 万. */
const LOSS_BANDS_WAN: readonly [EmergencyLevel, number][] = [[1, 10_000], [2, 5_000], [3, 1_000]];

function band(value: number, bands: readonly [EmergencyLevel, number][]): EmergencyLevel {
  for (const [level, atLeast] of bands) if (value >= atLeast) return level;
  return 4;
}

/** The most severe of two levels (the smaller number). */
export const moreSevere = (a: EmergencyLevel, b: EmergencyLevel): EmergencyLevel => (a < b ? a : b);

/**
 * The level an accident's casualties and losses suggest: the most severe of the three bands.
 * Missing persons are counted with the deaths so the suggestion errs on the severe side.
 */
export function suggestAccidentLevel(casualties: Casualties, lossesWan: number): EmergencyLevel {
  return moreSevere(
    moreSevere(band(casualties.deaths + casualties.missing, DEATH_BANDS), band(casualties.injured, INJURED_BANDS)),
    band(lossesWan, LOSS_BANDS_WAN),
  );
}

/** The suggestion for a record: accidents only; other categories are graded by their own plans. */
export function suggestLevel(e: Pick<EmergencyRecord, 'category' | 'casualties' | 'lossesWan'>): EmergencyLevel | null {
  return e.category === 'accident' ? suggestAccidentLevel(e.casualties, e.lossesWan) : null;
}

/**
 * The emergency the wall leads with among the active ones: the highest level (smallest
 * number), then the earliest declared, then the id so the choice is stable. Null if none.
 */
export function leadingEmergency<E extends Pick<EmergencyRecord, 'id' | 'level' | 'status' | 'declaredAt'>>(records: Iterable<E>): E | null {
  let best: E | null = null;
  for (const e of records) {
    if (e.status !== 'active') continue;
    if (best === null || e.level < best.level || (e.level === best.level && (e.declaredAt < best.declaredAt || (e.declaredAt === best.declaredAt && e.id < best.id)))) best = e;
  }
  return best;
}
