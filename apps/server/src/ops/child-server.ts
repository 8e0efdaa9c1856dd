import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_START } from '../testing/harness.ts';
import { freePort } from '../testing/ports.ts';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../main.ts');


/**
 * The real server (main.ts) as a child process, for the ops tests: signals, exit codes,
 * stdout and stderr apart. Simulator off, demo users, simulated start time.
 */
export class ChildServer {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private constructor(
    readonly url: string,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (b: Buffer) => (this.stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SIMULATOR: 'off',
        DEMO: 'on',
        TICK_MS: '100',
        SIM_START: TEST_START,
        WRITE_RATE_LIMIT: '100000',
        WEB_DIST: path.join(dataDir, 'no-web'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ChildServer(`http://127.0.0.1:${port}`, child);
    const until = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${server.stderr}\n${server.stdout}`);
      try {
        if ((await fetch(`${server.url}/readyz`)).ok) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`server did not become ready:\n${server.stderr}\n${server.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills it if it still runs: clean-up after a failed test. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
