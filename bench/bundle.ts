// bench:bundle — how much JavaScript the wall ships, gzipped: the production build of
// apps/web, the chunks the wall loads at start (entry and its static imports) and those it
// loads later (hls.js for camera streams), with the share of each package (e.g. zod, which
// @cw/contracts brings in).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const BUDGET_KB = 600;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bundle-'));

interface ChunkInfo {
  file: string;
  isEntry: boolean;
  imports: string[];
  /** Rendered (pre-minification) bytes per package. */
  packages: Map<string, number>;
}

/** `echarts`, `@tanstack/react-query`, `@cw/contracts` or `app` for apps/web's own code. */
function packageOf(id: string): string {
  const clean = id.replace(/\?.*$/, '').replaceAll('\\', '/');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [a = '', b = ''] = clean.slice(nm + '/node_modules/'.length).split('/');
    return a.startsWith('@') ? `${a}/${b}` : a;
  }
  const ws = /\/packages\/([^/]+)\//.exec(clean);
  if (ws) return `@cw/${ws[1]}`;
  return clean.includes('/apps/web/') ? 'app' : 'other';
}

const chunks = new Map<string, ChunkInfo>();
const collect: Plugin = {
  name: 'bench-bundle-collect',
  generateBundle(_options, bundle) {
    for (const out of Object.values(bundle)) {
      if (out.type !== 'chunk') continue;
      const packages = new Map<string, number>();
      for (const [id, m] of Object.entries(out.modules)) packages.set(packageOf(id), (packages.get(packageOf(id)) ?? 0) + m.renderedLength);
      chunks.set(out.fileName, { file: out.fileName, isEntry: out.isEntry, imports: out.imports, packages });
    }
  },
};

await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true }, plugins: [collect] });

const gzipKB = (file: string) => gzipSync(fs.readFileSync(path.join(outDir, file))).length / 1024;
const initial = new Set<string>();
const visit = (file: string) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const i of chunks.get(file)?.imports ?? []) visit(i);
};
for (const c of chunks.values()) if (c.isEntry) visit(c.file);

// Each chunk's gzipped size shared out over its packages by their rendered bytes: an
// estimate (minification and compression are not uniform), good enough to rank them.
const byPackage = new Map<string, number>();
let total = 0;
let initialKB = 0;
console.log('chunk'.padEnd(44), 'gzip KB', ' loaded');
for (const c of chunks.values()) {
  const kb = gzipKB(c.file);
  total += kb;
  if (initial.has(c.file)) initialKB += kb;
  console.log(c.file.padEnd(44), kb.toFixed(1).padStart(7), initial.has(c.file) ? ' at start' : ' on demand');
  const rendered = [...c.packages.values()].reduce((a, b) => a + b, 0);
  for (const [pkg, bytes] of c.packages) byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (kb * bytes) / rendered);
}
const top = [...byPackage].sort((a, b) => b[1] - a[1]);
console.log('\npackage (estimated gzip KB)');
for (const [pkg, kb] of top.slice(0, 12)) console.log(`  ${pkg.padEnd(32)} ${kb.toFixed(1).padStart(7)}`);
fs.rmSync(outDir, { recursive: true, force: true });

const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'bundle',
    wallJsGzipKB: round(total),
    atStartGzipKB: round(initialKB),
    onDemandGzipKB: round(total - initialKB),
    budgetKB: BUDGET_KB,
    withinBudget: total <= BUDGET_KB,
    zodGzipKB: round(byPackage.get('zod') ?? 0),
    packagesGzipKB: Object.fromEntries(top.slice(0, 8).map(([p, kb]) => [p, round(kb)])),
  }),
);
