import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Field photos (核实, 核查) on disk under the data directory, one folder per case. A case's
 * folder is named by the hex of its id, so no id can reach outside it. Photos are written to a
 * temporary name and renamed, so a photo is either whole or absent.
 */

export const PHOTO_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;
export type PhotoType = keyof typeof PHOTO_TYPES;
/** A phone camera's JPEG is 2–5 MB; more is not a photo of a pothole. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Enough for every visit a case gets; a cap so that one case cannot fill the disk. */
export const MAX_PHOTOS_PER_CASE = 20;

/** The type the bytes are (by their signature), or null for anything else. */
export function sniffPhoto(bytes: Uint8Array): PhotoType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export class PhotoStore {
  constructor(private readonly dir: string) {}

  private folder(caseId: string): string {
    return join(this.dir, Buffer.from(caseId, 'utf8').toString('hex'));
  }

  private files(caseId: string): string[] {
    const folder = this.folder(caseId);
    return existsSync(folder) ? readdirSync(folder).filter((f) => !f.startsWith('.')) : [];
  }

  count(caseId: string): number {
    return this.files(caseId).length;
  }

  /** Stores the bytes (already checked to be of `type`) and returns the new photo's id. */
  save(caseId: string, type: PhotoType, bytes: Uint8Array): string {
    const folder = this.folder(caseId);
    mkdirSync(folder, { recursive: true });
    const id = randomBytes(16).toString('hex');
    const name = `${id}.${PHOTO_TYPES[type]}`;
    writeFileSync(join(folder, `.${name}.tmp`), bytes);
    renameSync(join(folder, `.${name}.tmp`), join(folder, name));
    return id;
  }

  has(caseId: string, id: string): boolean {
    return this.find(caseId, id) !== null;
  }

  find(caseId: string, id: string): { type: PhotoType; bytes: Buffer } | null {
    if (!/^[a-f0-9]{32}$/.test(id)) return null;
    for (const [type, ext] of Object.entries(PHOTO_TYPES) as [PhotoType, string][]) {
      const path = join(this.folder(caseId), `${id}.${ext}`);
      if (existsSync(path)) return { type, bytes: readFileSync(path) };
    }
    return null;
  }
}
