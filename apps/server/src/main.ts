import { loadConfig } from './config.ts';
import { startServer } from './app.ts';
import { claimDataDir, releaseDataDir } from './ops/backup.ts';
import { createLogger } from './ops/logging.ts';

// stdout carries only the JSON log; words for the person starting the server go to stderr.
let config;
try {
  config = loadConfig();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}

const log = createLogger(config.LOG_LEVEL);
const dataDir = config.DATA_DIR;
// A restore refuses while this file names a live process (see ops/backup.ts).
if (config.STORAGE === 'sqlite') {
  claimDataDir(dataDir);
  process.on('exit', () => releaseDataDir(dataDir));
}

let server;
try {
  server = await startServer(config, log);
} catch (err) {
  // E.g. PostgreSQL unreachable or refusing the credentials: say so in one line and stop.
  log.fatal({ err }, 'could not start');
  process.stderr.write(`could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
process.stderr.write(`\n  城市之窗 City Window is running: ${server.url}/wall\n\n`);

const timeoutMs = config.SHUTDOWN_TIMEOUT_MS;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without finishing the graceful stop');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, timeoutMs }, 'graceful stop');
    const bound = setTimeout(() => {
      log.error({ timeoutMs }, 'graceful stop took longer than SHUTDOWN_TIMEOUT_MS: exiting');
      process.exit(1);
    }, timeoutMs);
    server.stop().then(
      () => {
        clearTimeout(bound);
        log.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'graceful stop failed');
        process.exit(1);
      },
    );
  });
}
