// `npm run dev`: the server from source, restarted on change (tsx watch), and Vite's dev
// server for the web app on http://127.0.0.1:5173, which proxies /api, /healthz and
// /socket.io to the server (vite.config.ts). Ctrl-C stops both; if either exits, so does
// the other, so a crashed server never leaves a UI talking to nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'apps/server/src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(bin('vite'), ['--host', '127.0.0.1'], { cwd: root, stdio: 'inherit' }),
];

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) {
  child.on('exit', (code, signal) => stop(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(err.message);
    stop(1);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
