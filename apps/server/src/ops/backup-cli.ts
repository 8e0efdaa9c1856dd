// npm run backup -- --out FILE: an online backup of the SQLite store under DATA_DIR, taken
// whether the server runs or not (see docs/operations.md). Prints one JSON line
// { file, bytes, integrity }; exits 1 unless the copy passes integrity_check.
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backupStoreFile } from './backup.ts';

// npm runs scripts from the repository root; a relative --out means where the user typed it.
const here = process.env['INIT_CWD'] ?? process.cwd();
const args = process.argv.slice(2);
const out = args[0] === '--out' && args.length === 2 ? args[1] : undefined;
if (out === undefined) {
  process.stderr.write('usage: npm run backup -- --out FILE\n');
  process.exit(2);
}
try {
  const result = await backupStoreFile(loadConfig().DATA_DIR, path.resolve(here, out));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.integrity === 'ok' ? 0 : 1);
} catch (err) {
  process.stderr.write(`backup failed: ${(err as Error).message}\n`);
  process.exit(1);
}
