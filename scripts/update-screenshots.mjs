// `npm run screenshots:update`: copies the screenshots the e2e tests left in ./screenshots
// (ignored by git) into docs/screenshots, the copies the README and docs show. Run the
// screenshot specs first (e2e/wall-screens.spec.ts, e2e/screens.spec.ts); this never runs
// as part of `npm test`, so tests never rewrite committed files.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'screenshots');
const to = path.join(root, 'docs/screenshots');

const shots = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.png')) : [];
if (shots.length === 0) {
  console.error('No screenshots in ./screenshots: run the screenshot specs first, e.g.\n  npm run build && npx playwright test -c e2e/playwright.config.ts e2e/wall-screens.spec.ts e2e/screens.spec.ts');
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const f of shots) copyFileSync(path.join(from, f), path.join(to, f));
console.log(`Copied ${shots.length} screenshots to docs/screenshots: ${shots.join(', ')}`);
