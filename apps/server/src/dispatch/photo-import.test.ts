import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory.ts';
import { tempDataDir } from '../testing/harness.ts';
import { importPhotoDirectory } from './photo-import.ts';

describe('photos an earlier version kept as files', () => {
  it('move into the store once, under their case and id, and the folder is set aside', async () => {
    const dir = path.join(tempDataDir(), 'photos');
    const caseId = 'C20261127-0001';
    const folder = path.join(dir, Buffer.from(caseId, 'utf8').toString('hex'));
    fs.mkdirSync(folder, { recursive: true });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    fs.writeFileSync(path.join(folder, `${'1'.repeat(32)}.jpg`), jpeg);
    // Not a photo (a half-written temporary file, text under a photo's name): left behind.
    fs.writeFileSync(path.join(folder, `.${'2'.repeat(32)}.jpg.tmp`), jpeg);
    fs.writeFileSync(path.join(folder, `${'3'.repeat(32)}.png`), 'not a png');
    const storage = createMemoryStorage();

    expect(await importPhotoDirectory(dir, storage)).toBe(1);
    const p = await storage.photo(caseId, '1'.repeat(32));
    expect(p?.type).toBe('image/jpeg');
    expect(Buffer.from(p!.bytes)).toEqual(jpeg);
    expect(await storage.hasPhoto(caseId, '3'.repeat(32))).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.existsSync(path.join(`${dir}.imported`, path.basename(folder), `${'1'.repeat(32)}.jpg`))).toBe(true);
    // The next start finds nothing to move.
    expect(await importPhotoDirectory(dir, storage)).toBe(0);
  });
});
