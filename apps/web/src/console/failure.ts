import { HttpError } from '../auth/session.ts';

/**
 * What went wrong with a request, in the terms a screen explains it: a change made
 * meanwhile by someone else (409 version_conflict), a refusal (403), something wrong with
 * what was sent (400/422), a lost session (401), too many requests (429), the server or the
 * network.
 */
export type FailureKind = 'conflict' | 'forbidden' | 'invalid' | 'not_found' | 'session' | 'throttled' | 'server' | 'network';

export interface Failure {
  kind: FailureKind;
  /** The server's error code (version_conflict, reason_required, …), when it sent one. */
  code: string | null;
  /** The server's own explanation, shown under ours. */
  detail: string | null;
}

function kindOf(status: number, code: string | null): FailureKind {
  if (status === 409) return code === 'version_conflict' ? 'conflict' : 'invalid';
  if (status === 401) return 'session';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'invalid';
}

export function describeFailure(err: unknown): Failure {
  if (!(err instanceof HttpError)) return { kind: 'network', code: null, detail: err instanceof Error ? err.message : null };
  const code = err.body.error ?? null;
  return { kind: kindOf(err.status, code), code, detail: err.body.message ?? null };
}
