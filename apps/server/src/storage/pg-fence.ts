import { WRITER_TABLES, type FenceStore } from './storage.ts';
import { STALE_WRITER_CODE, type Pg } from './pg-db.ts';

/**
 * The writer's fencing number, one row, and a statement trigger on every table of the
 * writer's data: a transaction that carries a fence (`cw.fence`, set by a store that claimed
 * one) must carry the current one. FOR SHARE holds the row until the transaction ends, so a
 * successor's claim (an UPDATE of that row) waits for the writes already checked, and every
 * write checked after the claim sees the new number.
 */
export const PG_FENCE_MIGRATION = `
  CREATE TABLE writer_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), fence BIGINT NOT NULL);
  INSERT INTO writer_epoch (id, fence) VALUES (1, 0);
  CREATE FUNCTION check_writer_fence() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      mine TEXT := current_setting('cw.fence', true);
      current_fence BIGINT;
    BEGIN
      IF mine IS NULL OR mine = '' THEN RETURN NULL; END IF;
      SELECT fence INTO current_fence FROM writer_epoch WHERE id = 1 FOR SHARE;
      IF current_fence <> mine::bigint THEN
        RAISE EXCEPTION 'stale writer: fence % is not the current %', mine, current_fence USING ERRCODE = '${STALE_WRITER_CODE}';
      END IF;
      RETURN NULL;
    END $$;
  ${[...WRITER_TABLES, 'events'].map((t) => `CREATE TRIGGER ${t}_writer_fence BEFORE INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION check_writer_fence();`).join('\n  ')}
`;

export function pgFenceStore(db: Pg): FenceStore {
  return {
    async claimWriter(fence) {
      // Not through db.query: the claim itself carries no fence.
      const { rows } = await db.pool.query<{ fence: number; claimed: boolean }>(
        `WITH up AS (UPDATE writer_epoch SET fence = $1 WHERE id = 1 AND fence <= $1 RETURNING fence)
         SELECT fence, true AS claimed FROM up UNION ALL SELECT fence, false FROM writer_epoch WHERE NOT EXISTS (SELECT 1 FROM up)`,
        [fence],
      );
      const row = rows[0]!;
      if (row.claimed) db.fence = fence;
      return { claimed: row.claimed, current: row.fence };
    },
  };
}
