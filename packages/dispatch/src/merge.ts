import type { CaseLocation, CaseRecord } from '@cw/contracts';
import { HOUR_MS } from './calendar.ts';
import { workflowRow } from './workflow.ts';

/**
 * Duplicate detection: the same problem reported through different channels (a 12345 call,
 * an inspector's photo and a camera alert about one overflowing bin) should become one case.
 * Only suggestions; the officer confirms with the merge command.
 */

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two [lon, lat] points. */
export function haversineMeters(a: CaseLocation, b: CaseLocation): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface MergeSuggestionOptions {
  /** Default 200 m. */
  maxDistanceM?: number;
  /** Largest gap between the two report times; default 2 h. */
  maxGapMs?: number;
}

export interface MergeCandidate {
  primaryId: string;
  duplicateId: string;
  distanceM: number;
  gapMs: number;
  /** 1 for the same place and time, falling linearly to 0 at the distance and time limits. */
  score: number;
}

/**
 * Pairs of cases of the same category from different channels, reported within the distance
 * and time limits, where one of them can still be merged into the other. The duplicate is a
 * case the merge_into action accepts; when both are, the later report is the duplicate.
 * Best first.
 */
export function suggestMerges(cases: readonly CaseRecord[], options: MergeSuggestionOptions = {}): MergeCandidate[] {
  const maxDistanceM = options.maxDistanceM ?? 200;
  const maxGapMs = options.maxGapMs ?? 2 * HOUR_MS;
  const canBePrimary = (c: CaseRecord) => workflowRow('merge').from.includes(c.state);
  const canBeDuplicate = (c: CaseRecord) =>
    workflowRow('merge_into').from.includes(c.state) && c.mergedReportIds.length === 0;

  const located = cases
    .filter((c): c is CaseRecord & { location: CaseLocation } => c.location !== undefined && canBePrimary(c))
    .sort((a, b) => a.reportedAt - b.reportedAt || (a.id < b.id ? -1 : 1));
  const out: MergeCandidate[] = [];
  for (let i = 0; i < located.length; i++) {
    const early = located[i]!;
    for (let j = i + 1; j < located.length; j++) {
      const late = located[j]!;
      const gapMs = late.reportedAt - early.reportedAt;
      if (gapMs > maxGapMs) break;
      if (late.category !== early.category || late.channel === early.channel) continue;
      const distanceM = haversineMeters(early.location, late.location);
      if (distanceM > maxDistanceM) continue;
      const [primary, duplicate] = canBeDuplicate(late) ? [early, late] : canBeDuplicate(early) ? [late, early] : [];
      if (!primary || !duplicate) continue;
      const score = 1 - 0.5 * (distanceM / maxDistanceM) - 0.5 * (gapMs / maxGapMs);
      out.push({ primaryId: primary.id, duplicateId: duplicate.id, distanceM, gapMs, score });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}
