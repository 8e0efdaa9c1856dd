/**
 * Deterministic noise: every value is a pure function of (seed, keys, time), so the
 * simulator gives the same events for the same instants however it is called.
 */

const INITIAL = 0x9e3779b9;

/** One murmur3-style mixing step of a 32-bit state with one integer. */
function step(h: number, p: number): number {
  let k = Math.imul(p | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Final avalanche of a mixing state to an unsigned 32-bit hash. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fold(h: number, parts: readonly number[]): number {
  for (const p of parts) h = step(h, p);
  return h;
}

const TWO_32 = 4294967296;

/** 32-bit integer hash of a list of integers (a murmur3-style mix). */
export function hash32(...parts: number[]): number {
  return finish(fold(INITIAL, parts));
}

/** Uniform in [0, 1). */
export function unit(...parts: number[]): number {
  return hash32(...parts) / TWO_32;
}

/** String → integer key for hashing. */
export function keyOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Smooth value noise in [-1, 1]: random knots every `periodMs`, cosine-interpolated, so
 * figures drift plausibly instead of jumping.
 */
export function smoothNoise(t: number, periodMs: number, ...keys: number[]): number {
  return Stream.of(...keys).smooth(t, periodMs);
}

/**
 * A keyed random stream: the hash state after a fixed key prefix is computed once, so the
 * hot loops (one draw per slot, per event, per reading) mix only the last few integers.
 * `Stream.of(a, b).u2(c, d)` equals `unit(a, b, c, d)`, and `.smooth(t, p)` equals
 * `smoothNoise(t, p, a, b)`.
 */
export class Stream {
  private readonly h: number;

  private constructor(h: number) {
    this.h = h;
  }

  static of(...keys: number[]): Stream {
    return new Stream(fold(INITIAL, keys));
  }

  /** A stream whose key prefix extends this one's. */
  child(...keys: number[]): Stream {
    return new Stream(fold(this.h, keys));
  }

  u1(a: number): number {
    return finish(step(this.h, a)) / TWO_32;
  }

  u2(a: number, b: number): number {
    return finish(step(step(this.h, a), b)) / TWO_32;
  }

  u3(a: number, b: number, c: number): number {
    return finish(step(step(step(this.h, a), b), c)) / TWO_32;
  }

  /** Smooth value noise in [-1, 1] with knots every `periodMs` (see smoothNoise). */
  smooth(t: number, periodMs: number): number {
    const x = t / periodMs;
    const k = Math.floor(x);
    const f = x - k;
    const a = this.u1(k) * 2 - 1;
    const b = this.u1(k + 1) * 2 - 1;
    const w = (1 - Math.cos(f * Math.PI)) / 2;
    return a * (1 - w) + b * w;
  }
}
