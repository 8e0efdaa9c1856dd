import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@cw/contracts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string },
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

/** JSON over fetch with the session cookie; errors carry the server's message. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as T & { error?: string; message?: string };
  if (!res.ok) throw new HttpError(res.status, parsed);
  return parsed;
}

export const WHOAMI_KEY = ['auth', 'whoami'] as const;

/** The signed-in person or paired display, or null. */
export function useWhoAmI() {
  return useQuery({
    queryKey: WHOAMI_KEY,
    queryFn: async () => {
      try {
        return await api<Me>('GET', '/api/v1/auth/whoami');
      } catch (err) {
        if (err instanceof HttpError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api('POST', '/api/v1/auth/logout');
    qc.clear();
  };
}
