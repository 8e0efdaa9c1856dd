import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../auth/session.ts';
import { onSessionLost } from '../console/api.ts';

/** A list the administrator manages: read once, re-read after every change made here. */
export function useAdminList<T>(key: QueryKey, url: string) {
  return useQuery({ queryKey: key, queryFn: () => api<T[]>('GET', url), retry: 1 });
}

/** A change to a managed list: sent, then the list (and anything else named) is read again. */
export function useAdminChange<I, O = unknown>(send: (input: I) => Promise<O>, ...affected: QueryKey[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => Promise.all(affected.map((queryKey) => qc.invalidateQueries({ queryKey }))),
    onError: (err) => onSessionLost(qc, err),
  });
}

export const ADMIN_KEYS = {
  users: ['admin', 'users'],
  displays: ['admin', 'displays'],
  sources: ['admin', 'sources'],
  catalogue: ['catalogue'],
  audit: ['admin', 'audit'],
} as const;

export { api };
