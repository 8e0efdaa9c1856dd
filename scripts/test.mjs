// `npm test`, what CI runs: the three typechecks, lint and the build side by side (each is
// one single-threaded process and they share nothing, so two cores halve their time), then
// the unit suite and the end-to-end suite on that build (`test:e2e` without its build) side
// by side: most of an e2e run is waiting on real time (a server's clock, a wall's rotation,
// a socket's reconnect), so the unit suite's CPU work fits in its gaps (docs/testing.md).
// `TEST_SERIAL=1` runs the two suites one after the other, as before. Stops at the first
// failing phase (a failing suite stops the other) and prints every step's wall time at the end.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = ['typecheck:node', 'typecheck:web', 'typecheck:e2e', 'lint', 'build'];
const suites = ['test:unit', 'test:e2e:built'];
const phases = process.env['TEST_SERIAL'] === '1' ? [checks, ...suites.map((s) => [s])] : [checks, suites];
const times = [];
const running = new Set();
const stopped = new Set();

/**
 * Runs `npm run <script>`. Alone it prints straight through; the short side-by-side checks
 * print their output in one piece when done; the long side-by-side suites print as they go,
 * each line behind the suite's name.
 */
function run(script, mode) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (mode !== 'buffered') console.log(`\n> npm run ${script}`);
    const child = spawn(npm, ['run', script], { stdio: mode === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    running.add(child);
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
      resolve(code === 0 ? 0 : 1);
    });
  });
}

/** Ends the other steps of a phase once one has failed: their results no longer decide anything. */
function stopOthers() {
  for (const child of running) {
    stopped.add(child);
    try {
      // The whole group: npm, the test runner, its workers, their servers and browsers.
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function summary(total) {
  console.log('\nwall time per step:');
  for (const t of times) console.log(`  ${t.script.padEnd(16)} ${t.seconds.toFixed(0).padStart(5)} s${t.ok ? '' : t.stopped ? '  stopped' : '  FAILED'}`);
  console.log(`  ${'total'.padEnd(16)} ${total.toFixed(0).padStart(5)} s`);
}

// The steps run in their own process groups (so a failure can end a whole suite): an
// interrupted `npm test` takes them along.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopOthers();
    process.exit(130);
  });
}

const started = Date.now();
for (const phase of phases) {
  const mode = phase.length === 1 ? 'inherit' : phase === checks ? 'buffered' : 'prefixed';
  const codes = await Promise.all(
    phase.map((script) =>
      run(script, mode).then((code) => {
        // The checks all finish, so one run names every problem they find.
        if (code !== 0 && mode === 'prefixed') stopOthers();
        return code;
      }),
    ),
  );
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) {
    summary((Date.now() - started) / 1000);
    process.exit(failed);
  }
}
summary((Date.now() - started) / 1000);
