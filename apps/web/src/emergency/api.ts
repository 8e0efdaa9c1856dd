import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeclareEmergency, EmergencyCommand, EmergencyDetail, EmergencyRecord, NearbyResource } from '@cw/contracts';
import { api, HttpError } from '../auth/session.ts';
import { onSessionLost } from '../console/api.ts';
import { useLive } from '../live/store.ts';

/**
 * The emergency screens' HTTP calls (docs/emergency.md "API"). Records come over the live
 * topic `emergencies`; the detail (with what the user may do), commands and declarations
 * over HTTP.
 */

export const emergencyKey = (id: string) => ['emergency', id] as const;
export const EMERGENCIES_KEY = ['emergencies'] as const;

const path = (id: string) => `/api/v1/emergencies/${encodeURIComponent(id)}`;

/** The emergency's record as a PDF, downloaded with the session cookie (docs/emergency.md "Export"). */
export const emergencyDocumentUrl = (id: string) => `${path(id)}/document.pdf`;

/** Refusals are answers, not outages: retry only what may pass on a second try. */
const retryable = (n: number, err: unknown) => n < 3 && !(err instanceof HttpError && err.status < 500);

/** How often a screen that does not follow the live topic asks for the active emergencies. */
const POLL_MS = 3000;

/**
 * The active emergencies (and, from the live topic, those stood down in the last day): from
 * the live store when the screen subscribes to `emergencies`, otherwise polled, so that the
 * case desks can show a banner without a second live connection.
 */
export function useEmergencyRecords(): { records: readonly EmergencyRecord[] | undefined; live: boolean } {
  const topic = useLive((s) => s.topics.emergencies) as Record<string, EmergencyRecord> | undefined;
  const polled = useQuery({
    queryKey: [...EMERGENCIES_KEY, 'active'],
    queryFn: () => api<EmergencyRecord[]>('GET', '/api/v1/emergencies?status=active'),
    enabled: topic === undefined,
    refetchInterval: POLL_MS,
    retry: retryable,
  });
  if (topic !== undefined) return { records: Object.values(topic), live: true };
  return { records: polled.data, live: false };
}

/**
 * One emergency with the actions the user may take now. Keyed by the record's version, so
 * that any accepted command, anyone's, re-reads it by itself.
 */
export function useEmergencyDetail(id: string, version: number | undefined) {
  return useQuery({
    queryKey: [...emergencyKey(id), version ?? null],
    queryFn: () => api<EmergencyDetail>('GET', path(id)),
    // Keep showing this emergency while its newer version loads, never another one.
    placeholderData: (previous) => (previous?.emergency.id === id ? previous : undefined),
    retry: retryable,
  });
}

/** The reference resources nearest the incident, with straight-line ETAs. */
export function useEmergencyResources(id: string) {
  return useQuery({ queryKey: [...emergencyKey(id), 'resources'], queryFn: () => api<NearbyResource[]>('GET', `${path(id)}/resources`), staleTime: 60_000, retry: retryable });
}

/** One command, sent with the version the user saw; afterwards (conflict included) the emergency is re-read. */
export function useEmergencyCommand(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cmd: EmergencyCommand) => api<EmergencyDetail>('POST', `${path(id)}/commands`, cmd),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: emergencyKey(id) }), qc.invalidateQueries({ queryKey: EMERGENCIES_KEY })]),
    onError: (err) => onSessionLost(qc, err),
  });
}

/** Declares an emergency; from an alert (`alertId`), the server links the two. */
export function useDeclareEmergency(alertId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: DeclareEmergency) => api<EmergencyDetail>('POST', alertId === undefined ? '/api/v1/emergencies' : `/api/v1/alerts/${encodeURIComponent(alertId)}/emergency`, d),
    onSuccess: () => qc.invalidateQueries({ queryKey: EMERGENCIES_KEY }),
    onError: (err) => onSessionLost(qc, err),
  });
}
