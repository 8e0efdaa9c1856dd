import { MAX_STORED_PHOTO_BYTES, type PhotoStore, type StoredPhoto } from './storage.ts';
import type { Pg } from './pg-db.ts';

export const PG_PHOTOS_MIGRATION = `
  CREATE TABLE photos (case_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, created_at BIGINT NOT NULL,
    bytes BYTEA NOT NULL CHECK (octet_length(bytes) <= ${MAX_STORED_PHOTO_BYTES}), PRIMARY KEY (case_id, id));
`;

interface PhotoRow {
  case_id: string;
  id: string;
  type: StoredPhoto['type'];
  created_at: number;
  bytes: Buffer;
}

export function pgPhotoStore(db: Pg): PhotoStore {
  return {
    async insertPhoto(p, maxPerCase) {
      return db.tx(async (c) => {
        // Uploads for one case queue on this lock, so the count and the insert go together.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`photos:${p.caseId}`]);
        const { rows } = await c.query<{ n: number }>('SELECT COUNT(*) AS n FROM photos WHERE case_id = $1', [p.caseId]);
        if (rows[0]!.n >= maxPerCase) return false;
        await c.query('INSERT INTO photos (case_id, id, type, created_at, bytes) VALUES ($1, $2, $3, $4, $5)', [p.caseId, p.id, p.type, p.createdAt, Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength)]);
        return true;
      });
    },
    async photo(caseId, id) {
      const r = (await db.query<PhotoRow>('SELECT * FROM photos WHERE case_id = $1 AND id = $2', [caseId, id])).rows[0];
      return r === undefined ? null : { caseId: r.case_id, id: r.id, type: r.type, createdAt: r.created_at, bytes: r.bytes };
    },
    async hasPhoto(caseId, id) {
      return (await db.query('SELECT 1 FROM photos WHERE case_id = $1 AND id = $2', [caseId, id])).rowCount !== 0;
    },
  };
}
