// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. bench:ingest's BENCH_CPU_PROF):
// self time per function (name, file:line), and per package/file, as % of the busy samples
// (all but "(idle)", the event loop waiting; how much that was is printed first).
// `--skip-sec N` drops the first N seconds (the server's start); `--top N` rows (25).
// Usage: tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--skip-sec 8] [--top 25]
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
if (file === undefined) throw new Error('usage: tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--skip-sec N] [--top N]');
const skipUs = flag('skip-sec', 0) * 1e6;
const top = flag('top', 25);

const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
let t = 0;
let total = 0;
let idle = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  t += dt;
  if (t < skipUs) continue;
  if (idleIds.has(profile.samples[i]!)) {
    idle += dt;
    continue;
  }
  selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + dt);
  total += dt;
}

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(apps|packages)\//, '$1/');
const fnKey = (n: Node) => `${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
const fileKey = (n: Node) => {
  const u = shortUrl(n.callFrame.url);
  if (u === '') return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
  const m = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(u);
  return u.startsWith('apps/') || u.startsWith('packages/') || u.startsWith('node:') ? u : (m?.[1] ?? u);
};

const sum = (key: (n: Node) => string) => {
  const out = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const k = key(byId.get(id)!);
    out.set(k, (out.get(k) ?? 0) + us);
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, top);
};
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;

console.log(`${file}: ${(total / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle${skipUs > 0 ? ` after the first ${skipUs / 1e6} s` : ''}; % of busy time:`);
console.log('\nSelf time per function:');
for (const [k, us] of sum(fnKey)) console.log(`${pct(us)}  ${k}`);
console.log('\nSelf time per file / package:');
for (const [k, us] of sum(fileKey)) console.log(`${pct(us)}  ${k}`);
