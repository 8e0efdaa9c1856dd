// `npm test`, what CI runs: the three typechecks, lint and the build side by side (each is
// one single-threaded process and they share nothing, so two cores halve their time), then
// the unit suite, then the end-to-end suite on that build (`test:e2e` without its build). Stops at the first failing phase and prints every
// step's wall time at the end (docs/testing.md).
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const phases = [['typecheck:node', 'typecheck:web', 'typecheck:e2e', 'lint', 'build'], ['test:unit'], ['test:e2e:built']];
const times = [];

/** Runs `npm run <script>`; side-by-side scripts print their output in one piece when done. */
function run(script, buffered) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (!buffered) console.log(`\n> npm run ${script}`);
    const child = spawn(npm, ['run', script], { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (buffered) {
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
    }
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      if (buffered) process.stdout.write(`\n> npm run ${script}\n${out}`);
      times.push({ script, seconds, ok: code === 0 });
      resolve(code === 0 ? 0 : 1);
    });
  });
}

function summary(total) {
  console.log('\nwall time per step:');
  for (const t of times) console.log(`  ${t.script.padEnd(16)} ${t.seconds.toFixed(0).padStart(5)} s${t.ok ? '' : '  FAILED'}`);
  console.log(`  ${'total'.padEnd(16)} ${total.toFixed(0).padStart(5)} s`);
}

const started = Date.now();
for (const phase of phases) {
  const codes = await Promise.all(phase.map((script) => run(script, phase.length > 1)));
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) {
    summary((Date.now() - started) / 1000);
    process.exit(failed);
  }
}
summary((Date.now() - started) / 1000);
