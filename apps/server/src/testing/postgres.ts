import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports.ts';

/** Debian's PostgreSQL server binaries (package `postgresql`); PG_BIN overrides. */
function binDir(): string {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN)');
  return path.join(root, versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (line === undefined) throw new Error('running as root and there is no `postgres` user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}


export interface TestPostgres {
  /** Connection string of the `postgres` database (superuser, trust auth on loopback). */
  url: string;
  port: number;
  /** Creates an empty database and returns its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let databases = 0;

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp directory, the server on a
 * random loopback port with its unix socket in that directory, durability off (a test's data
 * dies with it). `stop()` shuts it down and deletes the directory.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const owner = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-pg-'));
  const data = path.join(dir, 'data');
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
    ...owner,
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error?.message}`);
  }

  let child: ChildProcess | undefined;
  let port = 0;
  let log = '';
  for (let attempt = 0; attempt < 5 && child === undefined; attempt++) {
    port = await freePort();
    const c = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const ready = await new Promise<boolean>((resolve) => {
      c.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('ready to accept connections')) resolve(true);
      });
      c.once('exit', () => resolve(false));
    });
    if (ready) child = c;
  }
  if (child === undefined) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres did not start:\n${log}`);
  }
  const server = child;
  // A test process that ends without stop() (a crash, a missed afterAll) takes its server along.
  const orphan = () => {
    if (server.exitCode === null) server.kill('SIGQUIT');
  };
  process.once('exit', orphan);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  return {
    url,
    port,
    async createDatabase() {
      const name = `cw_${process.pid}_${++databases}`;
      // FILE_COPY: twice as fast as the default WAL_LOG for an empty template.
      await admin.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', orphan);
      await admin.end().catch(() => undefined);
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGQUIT: immediate shutdown, no shutdown checkpoint. The directory is deleted next, so
        // nothing is lost; a fast shutdown's checkpoint after dozens of databases took over 30 s
        // on a loaded machine.
        server.kill('SIGQUIT');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
