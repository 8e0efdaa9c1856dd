// Makes sure the e2e browser and CJK fonts are present: Debian's chromium and
// fonts-noto-cjk. Installs them when running as root with apt-get (as on CI), otherwise
// stops with the exact command to run.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasCjkFonts = () => {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
};

const missing = [];
if (!fs.existsSync(chromium)) missing.push('chromium');
if (!hasCjkFonts()) missing.push('fonts-noto-cjk');
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (isRoot && hasApt) {
  console.log(`e2e needs ${missing.join(' and ')}; installing: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  process.exit(0);
}
console.error(`e2e needs ${missing.join(' and ')} (Debian packages). Install them with:\n\n  sudo sh -c '${command}'\n`);
process.exit(1);
