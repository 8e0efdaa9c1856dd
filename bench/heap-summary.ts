// Summarises a V8 .heapsnapshot (bench:fanout's BENCH_HEAP_SNAPSHOT): self size and count per
// constructor (or node type for strings, arrays, closures, system objects), largest first, so
// two snapshots (ours vs plain, 1k vs 2k clients) can be compared per connected client.
// With `--base OTHER.heapsnapshot` it prints the growth from OTHER to FILE (e.g. 1,000 → 2,000
// clients with `--per 1000`: what one more client costs).
// Usage: tsx bench/heap-summary.ts FILE.heapsnapshot [--base OTHER.heapsnapshot] [--per N] [--top 30]
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--base' && args[i - 1] !== '--per' && args[i - 1] !== '--top');
const baseAt = args.indexOf('--base');
const base = baseAt === -1 ? undefined : args[baseAt + 1];
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
if (file === undefined) throw new Error('usage: tsx bench/heap-summary.ts FILE.heapsnapshot [--per N] [--top N]');
const per = flag('per', 1);
const top = flag('top', 30);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}
type Groups = Map<string, { count: number; bytes: number }>;

function groupsOf(path: string): { groups: Groups; total: number } {
  const snap = JSON.parse(fs.readFileSync(path, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const groups: Groups = new Map();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const size = snap.nodes[i + sizeAt]!;
    // Objects by constructor; everything else by its node type (one row for all strings).
    const key = type === 'object' ? snap.strings[snap.nodes[i + nameAt]!]! : type === 'closure' ? `closure ${snap.strings[snap.nodes[i + nameAt]!]!}` : `(${type})`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count += 1;
    g.bytes += size;
    groups.set(key, g);
    total += size;
  }
  return { groups, total };
}

const { groups, total: fileTotal } = groupsOf(file);
let total = fileTotal;
if (base !== undefined) {
  const before = groupsOf(base);
  total -= before.total;
  for (const [key, g] of before.groups) {
    const now = groups.get(key) ?? { count: 0, bytes: 0 };
    groups.set(key, { count: now.count - g.count, bytes: now.bytes - g.bytes });
  }
}
console.log(`${file}${base === undefined ? '' : ` minus ${base}`}: ${(total / 1024 / 1024).toFixed(1)} MB in ${groups.size} groups; per ${per}: ${(total / 1024 / per).toFixed(2)} KB`);
for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
  console.log(`${(g.bytes / 1024 / per).toFixed(3).padStart(10)} KB ${(g.count / per).toFixed(2).padStart(8)} ×  ${key.slice(0, 90)}`);
}
