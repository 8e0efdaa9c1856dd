import type Database from 'better-sqlite3';
import { MAX_STORED_PHOTO_BYTES, type PhotoStore, type StoredPhoto } from './storage.ts';

export const PHOTOS_MIGRATION = `
  CREATE TABLE photos (case_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, created_at INTEGER NOT NULL,
    bytes BLOB NOT NULL CHECK (length(bytes) <= ${MAX_STORED_PHOTO_BYTES}), PRIMARY KEY (case_id, id));
`;

interface PhotoRow {
  case_id: string;
  id: string;
  type: StoredPhoto['type'];
  created_at: number;
  bytes: Buffer;
}

export function sqlitePhotoStore(db: Database.Database): PhotoStore {
  const q = {
    count: db.prepare('SELECT COUNT(*) FROM photos WHERE case_id = ?').pluck(),
    insert: db.prepare('INSERT INTO photos (case_id, id, type, created_at, bytes) VALUES (?, ?, ?, ?, ?)'),
    get: db.prepare('SELECT * FROM photos WHERE case_id = ? AND id = ?'),
    has: db.prepare('SELECT 1 FROM photos WHERE case_id = ? AND id = ?').pluck(),
  };
  const insert = db.transaction((p: StoredPhoto, maxPerCase: number) => {
    if ((q.count.get(p.caseId) as number) >= maxPerCase) return false;
    q.insert.run(p.caseId, p.id, p.type, p.createdAt, Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength));
    return true;
  });
  return {
    async insertPhoto(p, maxPerCase) {
      return insert.immediate(p, maxPerCase);
    },
    async photo(caseId, id) {
      const r = q.get.get(caseId, id) as PhotoRow | undefined;
      return r === undefined ? null : { caseId: r.case_id, id: r.id, type: r.type, createdAt: r.created_at, bytes: r.bytes };
    },
    async hasPhoto(caseId, id) {
      return q.has.get(caseId, id) !== undefined;
    },
  };
}
