import pg from 'pg';
import { StaleWriter } from './storage.ts';

/** PostgreSQL error codes we act on. */
export const UNIQUE_VIOLATION = '23505';

/** Raised by the writer-fence trigger (pg-fence.ts). */
export const STALE_WRITER_CODE = 'CW001';

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string }).code === UNIQUE_VIOLATION;

/**
 * Times are epoch milliseconds in BIGINT columns; node-postgres hands BIGINT back as a string
 * (it may exceed 2^53). Ours never do, so this pool parses them as numbers (COUNT(*) too).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  connectionString: string;
  /** Connections this process keeps at most. */
  poolSize?: number;
  /** An idle connection failed (the server restarted, the network dropped); the pool replaces it. */
  onError?: (err: Error) => void;
}

/** The pool the parts of the PostgreSQL store share, and a transaction helper over it. */
export class Pg {
  readonly pool: pg.Pool;
  /** The writer fence this process claimed (pg-fence.ts); every write then carries it. */
  fence: number | null = null;

  constructor(options: PgOptions) {
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types });
    // Without a listener an idle client's error would crash the process.
    this.pool.on('error', (err) => options.onError?.(err));
  }

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    // A fenced process's writes run in a transaction that carries the fence.
    if (this.fence !== null && !/^\s*SELECT\b/i.test(text)) return this.tx((c) => c.query<R>(text, values));
    return this.pool.query<R>(text, values);
  }

  /** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that cannot even roll back is discarded, not handed to the next caller.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (this.fence !== null) await client.query("SELECT set_config('cw.fence', $1, true)", [String(this.fence)]);
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e as Error;
      });
      if ((err as { code?: string }).code === STALE_WRITER_CODE) throw new StaleWriter((err as Error).message);
      throw err;
    } finally {
      client.release(broken);
    }
  }

  private ended: Promise<void> | undefined;

  /** Closes the pool; closing again is harmless (as closing a SQLite store twice is). */
  end(): Promise<void> {
    this.ended ??= this.pool.end();
    return this.ended;
  }
}
