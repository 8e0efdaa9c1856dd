import fs from 'node:fs';
import path from 'node:path';
import type { PhotoStore } from '../storage/storage.ts';
import { sniffPhoto } from './photo-store.ts';

/**
 * Moves field photos that an earlier version kept as files (DATA_DIR/photos/<hex of case
 * id>/<photo id>.<ext>) into the store, once: the folder is then renamed `photos.imported`
 * (kept, not deleted, until someone checks it). Photos already stored are skipped, so an
 * import cut short is finished by the next start. Returns how many were stored.
 */
export async function importPhotoDirectory(dir: string, photos: PhotoStore): Promise<number> {
  if (!fs.existsSync(dir)) return 0;
  let stored = 0;
  for (const folder of fs.readdirSync(dir)) {
    if (!/^(?:[0-9a-f]{2})+$/.test(folder)) continue;
    const caseId = Buffer.from(folder, 'hex').toString('utf8');
    for (const file of fs.readdirSync(path.join(dir, folder))) {
      const m = /^([0-9a-f]{32})\.(?:jpg|png|webp)$/.exec(file);
      if (m === null || (await photos.hasPhoto(caseId, m[1]!))) continue;
      const full = path.join(dir, folder, file);
      const bytes = fs.readFileSync(full);
      const type = sniffPhoto(bytes);
      if (type === null) continue;
      if (await photos.insertPhoto({ caseId, id: m[1]!, type, bytes, createdAt: Math.floor(fs.statSync(full).mtimeMs) }, Number.POSITIVE_INFINITY)) stored++;
    }
  }
  fs.renameSync(dir, `${dir}.imported`);
  return stored;
}
