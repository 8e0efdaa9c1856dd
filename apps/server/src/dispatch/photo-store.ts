import { MAX_STORED_PHOTO_BYTES } from '../storage/storage.ts';

/**
 * What a field photo (核实, 核查) may be. The photos themselves are in the store
 * (`PhotoStore` in storage.ts), so every node serves them.
 */

export const PHOTO_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;
export type PhotoType = keyof typeof PHOTO_TYPES;
/** A phone camera's JPEG is 2–5 MB; more is not a photo of a pothole. */
export const MAX_PHOTO_BYTES = MAX_STORED_PHOTO_BYTES;
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
