// `npm test`, what CI runs (docs/testing.md). The three typechecks, lint and the build start
// side by side (each is one single-threaded process and they share nothing). The end-to-end
// suite (`test:e2e:built`, on that build) starts as soon as the build is done, the unit suite
// once all the checks have passed; the two suites then run side by side: most of an e2e run
// waits on real time (a server's clock, a wall's rotation, a socket's reconnect), so the unit
// suite's CPU work fits in its gaps. A failing check stops the e2e suite and starts no unit
// suite (the other checks finish, so one run names every problem they find); a failing suite
// stops the other. `TEST_SERIAL=1` runs the checks, then the unit suite, then the e2e suite,
// one after the other, as before. Prints every step's wall time at the end.
import { spawn, spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = ['typecheck:node', 'typecheck:web', 'typecheck:e2e', 'lint', 'build'];
const times = [];
/** Running steps and how they print. */
const running = new Map();
const stopped = new Set();
let failure = 0;

/**
 * Runs `npm run <script>`. Alone it prints straight through; a check prints its output in one
 * piece when done; a suite beside another prints as it goes, each line behind the suite's name.
 * Resolves to 0 when it passed, else 1.
 */
function run(script, mode) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (mode !== 'buffered') console.log(`\n> npm run ${script}`);
    // Its own process group, so that stopping it ends its workers, servers and browsers too.
    const child = spawn(npm, ['run', script], { stdio: mode === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    running.set(child, mode);
    let out = '';
    if (mode === 'buffered') {
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
    } else if (mode === 'prefixed') {
      const tag = `[${script.replace(/^test:/, '').replace(/:built$/, '')}] `;
      for (const stream of [child.stdout, child.stderr]) {
        let rest = '';
        stream.on('data', (b) => {
          const lines = (rest + b).split('\n');
          rest = lines.pop();
          for (const line of lines) process.stdout.write(tag + line + '\n');
        });
        stream.on('end', () => rest && process.stdout.write(tag + rest + '\n'));
      }
    }
    child.on('close', (code) => {
      running.delete(child);
      const seconds = (Date.now() - started) / 1000;
      if (mode === 'buffered') process.stdout.write(`\n> npm run ${script}\n${out}`);
      times.push({ script, seconds, ok: code === 0, stopped: stopped.has(child) });
      const result = code === 0 ? 0 : 1;
      if (result !== 0 && failure === 0) failure = result;
      resolve(result);
    });
  });
}

/** Ends the running steps (all, or only the suites): their results no longer decide anything. */
function stop(onlySuites) {
  for (const [child, mode] of running) {
    if (onlySuites && mode !== 'prefixed') continue;
    stopped.add(child);
    try {
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function summary(total) {
  console.log('\nwall time per step (from its own start):');
  for (const t of times) console.log(`  ${t.script.padEnd(16)} ${t.seconds.toFixed(0).padStart(5)} s${t.ok ? '' : t.stopped ? '  stopped' : '  FAILED'}`);
  console.log(`  ${'total'.padEnd(16)} ${total.toFixed(0).padStart(5)} s`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop(false);
    process.exit(130);
  });
}

const started = Date.now();
if (process.env['TEST_SERIAL'] === '1') {
  for (const phase of [checks, ['test:unit'], ['test:e2e:built']]) {
    await Promise.all(phase.map((script) => run(script, phase.length > 1 ? 'buffered' : 'inherit')));
    if (failure !== 0) break;
  }
} else {
  // The two suites would each install their missing Debian packages (scripts/ensure-debian.mjs)
  // at once, and two apt-gets cannot share dpkg's lock: one at a time first.
  for (const set of ['servers', 'e2e']) {
    const r = spawnSync(process.execPath, ['scripts/ensure-debian.mjs', set], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const checked = checks.map((script) =>
    run(script, 'buffered').then((code) => {
      if (code !== 0) stop(true);
      return code;
    }),
  );
  const suite = (script, ready) =>
    ready.then(async (ok) => {
      if (!ok || failure !== 0) return;
      if ((await run(script, 'prefixed')) !== 0) stop(true);
    });
  const built = checked[checks.indexOf('build')].then((code) => code === 0);
  const allChecked = Promise.all(checked).then((codes) => codes.every((code) => code === 0));
  await Promise.all([...checked, suite('test:e2e:built', built), suite('test:unit', allChecked)]);
}
summary((Date.now() - started) / 1000);
process.exit(failure);
