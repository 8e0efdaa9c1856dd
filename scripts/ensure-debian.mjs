// Makes sure the Debian packages the tests drive are present: for `e2e`, chromium and
// fonts-noto-cjk; for `servers` (the storage and cluster tests), postgresql and
// redis-server, which the tests start themselves on loopback. Installs what is missing when
// running as root with apt-get (as on CI), otherwise stops with the exact command to run.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const has = {
  chromium: () => fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  'fonts-noto-cjk': () => {
    const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim().length > 0;
  },
  postgresql: () => fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`)),
  'redis-server': () => fs.existsSync('/usr/bin/redis-server'),
};
const sets = { e2e: ['chromium', 'fonts-noto-cjk'], servers: ['postgresql', 'redis-server'] };

const which = process.argv[2];
if (!(which in sets)) {
  console.error(`usage: node scripts/ensure-debian.mjs ${Object.keys(sets).join('|')}`);
  process.exit(2);
}
const missing = sets[which].filter((p) => !has[p]());
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (isRoot && hasApt) {
  console.log(`the tests need ${missing.join(' and ')}; installing: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  process.exit(0);
}
console.error(`the tests need ${missing.join(' and ')} (Debian packages). Install them with:\n\n  sudo sh -c '${command}'\n`);
process.exit(1);
