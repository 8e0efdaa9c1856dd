import type { Config } from '../config.ts';
import type { Storage } from './storage.ts';
import { createMemoryStorage } from './memory.ts';
import { openPostgresStorage } from './postgres.ts';
import { openSqliteStorage } from './sqlite.ts';

/** The store STORAGE names, migrated and ready. */
export async function openStorage(
  config: Pick<Config, 'STORAGE' | 'DATA_DIR' | 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  onError?: (err: Error) => void,
): Promise<Storage> {
  switch (config.STORAGE) {
    case 'sqlite':
      return openSqliteStorage(config.DATA_DIR);
    case 'memory':
      return createMemoryStorage();
    case 'postgres':
      // The configuration schema refuses STORAGE=postgres without DATABASE_URL.
      return openPostgresStorage({ connectionString: config.DATABASE_URL!, poolSize: config.DATABASE_POOL_SIZE, ...(onError ? { onError } : {}) });
  }
}
