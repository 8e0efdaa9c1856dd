import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../storage/sqlite.ts';

/** Tables every City Window store has: a file without them is not one of our backups. */
const OUR_TABLES = ['meta', 'users', 'cases'];

export interface BackupResult {
  file: string;
  bytes: number;
  /** `ok`, or the first problems SQLite's `PRAGMA integrity_check` found. */
  integrity: string;
}

/** `city-window-20261127T020000Z.sqlite`: sorts by time, no characters a shell or Windows minds. */
export function backupName(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `city-window-${stamp}.sqlite`;
}

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** Runs SQLite's full integrity check on a database file, opened read-only. */
export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check);
    if (problems.length === 1 && problems[0] === 'ok') {
      const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
      const missing = OUR_TABLES.filter((t) => !tables.has(t));
      return missing.length === 0 ? 'ok' : `not a City Window store (no table ${missing.join(', ')})`;
    }
    return problems.slice(0, 5).join('; ');
  } finally {
    db.close();
  }
}

/** Size and integrity of a backup just written. */
export function describeBackup(file: string): BackupResult {
  return { file, bytes: fs.statSync(file).size, integrity: integrityOf(file) };
}

/**
 * Backs the store up by opening its file directly, whether the server runs or not: SQLite's
 * backup API reads one consistent snapshot, and in WAL mode a reader never blocks the
 * server's writes. The copy runs in one step, since a step-wise copy restarts whenever
 * another process (the server) writes between steps.
 */
export async function backupStoreFile(dataDir: string, destination: string): Promise<BackupResult> {
  const source = path.join(dataDir, SQLITE_FILE);
  if (!fs.existsSync(source)) throw new Error(`no store at ${source}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; choose a new file`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  return describeBackup(destination);
}

const PID_FILE = 'server.pid';

/** Marks DATA_DIR as in use by this process, so that a restore refuses while it runs. */
export function claimDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, PID_FILE), `${process.pid}\n`);
}

export function releaseDataDir(dataDir: string): void {
  const file = path.join(dataDir, PID_FILE);
  if (runningServerPid(dataDir) === process.pid) fs.rmSync(file, { force: true });
}

/** The pid of a live server using DATA_DIR, or null; a file left by a killed server is ignored. */
export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive, but another user's process.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export interface RestoreResult {
  restored: string;
  /** Where the replaced store (and any -wal/-shm beside it) was moved, or null on an empty DATA_DIR. */
  previous: string | null;
  integrity: string;
}

/**
 * Replaces the store with a backup: refuses while a server uses DATA_DIR or when the backup
 * fails integrity_check; the replaced store and its WAL files are kept under
 * backups/pre-restore-<time>/ (an old WAL left beside the restored file would be replayed
 * into it), and the new file is copied beside the store and renamed over it, so a crash
 * leaves one whole store or the other.
 */
export function restoreStore(dataDir: string, backup: string, now = Date.now()): RestoreResult {
  const pid = runningServerPid(dataDir);
  if (pid !== null) throw new Error(`a server (pid ${pid}) is using ${dataDir}: stop it first`);
  if (!fs.existsSync(backup)) throw new Error(`no such file: ${backup}`);
  const integrity = integrityOf(backup);
  if (integrity !== 'ok') throw new Error(`${backup} fails the integrity check: ${integrity}`);

  fs.mkdirSync(dataDir, { recursive: true });
  const store = path.join(dataDir, SQLITE_FILE);
  const incoming = `${store}.restoring`;
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);

  const present = [store, `${store}-wal`, `${store}-shm`].filter((f) => fs.existsSync(f));
  let previous: string | null = null;
  if (present.length > 0) {
    previous = path.join(backupsDir(dataDir), `pre-restore-${backupName(now).replace(/^city-window-|\.sqlite$/g, '')}`);
    fs.mkdirSync(previous, { recursive: true });
    for (const f of present) fs.renameSync(f, path.join(previous, path.basename(f)));
  }
  fs.renameSync(incoming, store);
  return { restored: store, previous, integrity };
}
