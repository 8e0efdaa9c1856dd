// Global setup of the unit suite (vite.config.ts) and of e2e (e2e/playwright.config.ts): the
// run's temporary files (every test server's DATA_DIR, PostgreSQL clusters, Chromium
// profiles) go to one directory in memory (/dev/shm) when there is room, removed at the end.
//
// The servers keep SQLite at `synchronous = FULL`, an fsync per commit. On disk each fsync
// blocks the server's only thread for as long as the disk takes, which on a busy machine was
// about a sixth of a permission-matrix run; in memory it returns at once. What the tests
// assert is unchanged: a killed process loses nothing either way, since a commit is in the
// kernel's page cache before the fsync is even asked for (no test cuts the power).
//
// Kept on disk when TMPDIR is set (the caller chose), when /dev/shm is not a tmpfs or has
// less than MIN_FREE free (a container's 64 MB default), when the machine has less memory
// than that available (tmpfs files are memory), or with TEST_TMPDIR=disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SHM = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;
/** A whole e2e run's data directories with room to spare (the largest, 15 days of history, is about 110 MB). */
const MIN_FREE = 3 * 1024 ** 3;

export default function setup(): (() => void) | undefined {
  if (process.env['TMPDIR'] !== undefined || process.env['TEST_TMPDIR'] === 'disk') return undefined;
  let stat: fs.StatsFs;
  try {
    stat = fs.statfsSync(SHM);
  } catch {
    return undefined;
  }
  if (stat.type !== TMPFS_MAGIC || stat.bavail * stat.bsize < MIN_FREE || os.freemem() < MIN_FREE) return undefined;
  const dir = fs.mkdtempSync(path.join(SHM, 'cw-test-run-'));
  // As /tmp: PostgreSQL runs as its own user and must reach the directory it is given here.
  fs.chmodSync(dir, 0o1777);
  // Read by os.tmpdir() here and in everything started from now on: test workers, servers.
  process.env['TMPDIR'] = dir;
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env['TMPDIR'];
  };
}
