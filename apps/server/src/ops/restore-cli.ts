// npm run restore -- FILE: replaces the SQLite store under DATA_DIR with a backup. Refuses
// while a server uses DATA_DIR or when the backup fails integrity_check; the replaced store
// is kept under DATA_DIR/backups/pre-restore-<time>/ (see docs/operations.md).
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { restoreStore } from './backup.ts';

const here = process.env['INIT_CWD'] ?? process.cwd();
const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith('--')) {
  process.stderr.write('usage: npm run restore -- FILE\n');
  process.exit(2);
}
try {
  const result = restoreStore(loadConfig().DATA_DIR, path.resolve(here, args[0]!));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  process.stderr.write(`restore refused: ${(err as Error).message}\n`);
  process.exit(1);
}
