/**
 * Origin checks against cross-site requests and cross-site WebSocket hijacking: a browser
 * names the page's origin in `Origin`; it must be the server's own origin (scheme, host and
 * port) or one of the configured ALLOWED_ORIGINS.
 */

/** Only a bare serialised origin (scheme://host[:port]), as browsers send it. */
const ORIGIN_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/i;

/** The canonical form of an origin (lower case, default port dropped), or null if it is not one. */
export function normalizeOrigin(value: string): string | null {
  if (!ORIGIN_SHAPE.test(value)) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The origin a request was addressed to. The scheme is the connection's own unless the
 * server sits behind a trusted proxy, which reports it in X-Forwarded-Proto.
 */
export function requestOrigin(host: string | undefined, encrypted: boolean, forwardedProto: string | string[] | undefined, trustProxy: boolean): string | null {
  if (host === undefined || host === '') return null;
  const forwarded = trustProxy ? (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(',')[0]?.trim().toLowerCase() : undefined;
  const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : encrypted ? 'https' : 'http';
  return normalizeOrigin(`${scheme}://${host}`);
}

/** Whether a request from `origin` may proceed: the server's own origin or an allow-listed one. */
export function originAllowed(origin: string, own: string | null, allowed: readonly string[]): boolean {
  const o = normalizeOrigin(origin);
  if (o === null) return false;
  return o === own || allowed.some((a) => normalizeOrigin(a) === o);
}

/** ALLOWED_ORIGINS: space-separated full origins; returns the malformed ones, for start-up errors. */
export function parseAllowedOrigins(value: string): { origins: string[]; invalid: string[] } {
  const items = value.split(/\s+/).filter(Boolean);
  return { origins: items.flatMap((i) => normalizeOrigin(i) ?? []), invalid: items.filter((i) => normalizeOrigin(i) === null) };
}

export interface OriginPolicy {
  /** Honour X-Forwarded-Proto (TRUST_PROXY). */
  trustProxy: boolean;
  /** ALLOWED_ORIGINS, normalised. */
  allowed: readonly string[];
}
