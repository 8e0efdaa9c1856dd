/** Helpers the administration's forms share. */

/** The top-level fields a schema's issues point at (an issue about the whole object counts as ""). */
export function fieldsWithIssues(issues: readonly { path: readonly PropertyKey[] }[]): Set<string> {
  return new Set(issues.map((i) => String(i.path[0] ?? '')));
}

/** Letters and digits that cannot be mistaken for one another when read out or typed. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A first password for a new account or a reset: `length` characters from an unambiguous
 * alphabet, drawn from `random` bytes (crypto.getRandomValues in the browser). Rejection
 * sampling keeps every character equally likely.
 */
export function generatePassword(random: (n: number) => Uint8Array, length = 14): string {
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const b of random(length * 2)) {
      if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** The browser's source of random bytes. */
export const browserRandom = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));
