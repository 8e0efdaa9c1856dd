/** Small helpers shared by the fault and fuzz scripts. */

/** JSON with sorted keys, so equal states compare equal however they were built. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill moments and load. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `--name 12` flags over numeric defaults; an unknown flag or a non-number stops the script. */
export function parseFlags<T extends Record<string, number>>(argv: readonly string[], defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!argv[i]!.startsWith('--') || !(name in defaults) || !Number.isFinite(value)) {
      throw new Error(`usage: ${Object.keys(defaults).map((k) => `--${k} N`).join(' ')} (got ${argv.slice(i).join(' ')})`);
    }
    out[name] = value;
    i++;
  }
  return out as T;
}
