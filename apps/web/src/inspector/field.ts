import { caseLocationSchema, type CaseSummary, type FieldEvidence } from '@cw/contracts';

/** What the inspector goes out for: verifying a report (核实) or checking a result (核查). */
export type FieldTask = 'verify' | 'check';

export function fieldTask(c: Pick<CaseSummary, 'state'>): FieldTask | null {
  return c.state === 'verifying' ? 'verify' : c.state === 'checking' ? 'check' : null;
}

/** The cases waiting on site, the nearest deadline first; cases with no running clock last, oldest first. */
export function fieldTasks(cases: readonly CaseSummary[]): CaseSummary[] {
  const deadline = (c: CaseSummary) => c.sla?.deadline ?? Number.POSITIVE_INFINITY;
  return cases.filter((c) => fieldTask(c) !== null).sort((a, b) => deadline(a) - deadline(b) || a.reportedAt - b.reportedAt || (a.id < b.id ? -1 : 1));
}

/** Where the inspector stands: from the device, typed in, or not given. */
export type FieldPlace =
  | { source: 'device'; lon: number; lat: number; accuracyM: number }
  | { source: 'manual'; lon: string; lat: string }
  | null;

/** A typed-in place as [lon, lat], or 'bad' when it is not one; null when both fields are blank. */
export function manualLocation(lon: string, lat: string): [number, number] | null | 'bad' {
  if (lon.trim() === '' && lat.trim() === '') return null;
  const parsed = caseLocationSchema.safeParse([Number(lon.trim() || NaN), Number(lat.trim() || NaN)]);
  return parsed.success ? parsed.data : 'bad';
}

/** The evidence for the command, or 'bad_location' for a typed-in place that is not one. */
export function evidenceOf(photoId: string | null, place: FieldPlace): FieldEvidence | 'bad_location' {
  const evidence: FieldEvidence = photoId ? { photoId } : {};
  if (place?.source === 'device') return { ...evidence, location: [place.lon, place.lat], locationSource: 'device', accuracyM: Math.round(place.accuracyM) };
  if (place?.source === 'manual') {
    const at = manualLocation(place.lon, place.lat);
    if (at === 'bad') return 'bad_location';
    if (at !== null) return { ...evidence, location: at, locationSource: 'manual' };
  }
  return evidence;
}

/** Photos the server takes: the types it accepts and its size limit (apps/server/src/dispatch/photo-store.ts). */
export const PHOTO_ACCEPT = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/** Why a chosen file cannot be sent, or null when it can. */
export function photoProblem(file: Pick<File, 'type' | 'size'>): 'type' | 'size' | null {
  if (!PHOTO_ACCEPT.includes(file.type)) return 'type';
  if (file.size > MAX_PHOTO_BYTES) return 'size';
  return null;
}
