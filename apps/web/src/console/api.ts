import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AssessmentReport, CaseCommand, CaseDetail, CaseSummary, Department, NewCase } from '@cw/contracts';
import { HttpError, WHOAMI_KEY, api } from '../auth/session.ts';

/** The desks' HTTP calls. Live lists come over the socket; details and changes over HTTP. */

export const caseKey = (id: string) => ['case', id] as const;
export const DEPARTMENTS_KEY = ['departments'] as const;

/** A refused session means the sign-in gate must ask again who we are. */
export function onSessionLost(qc: QueryClient, err: unknown): void {
  if (err instanceof HttpError && err.status === 401) void qc.invalidateQueries({ queryKey: WHOAMI_KEY });
}

/** Refusals are answers, not outages: retry only what may pass on a second try. */
const retryable = (n: number, err: unknown) => n < 3 && !(err instanceof HttpError && err.status < 500);

/**
 * A case with its history and what the user may do to it. Keyed by the live version and
 * instruction count too, so that any change anyone makes re-reads it by itself.
 */
export function useCaseDetail(id: string, live: Pick<CaseSummary, 'version' | 'instructions'> | undefined) {
  return useQuery({
    queryKey: [...caseKey(id), live?.version ?? null, live?.instructions ?? null],
    queryFn: () => api<CaseDetail>('GET', `/api/v1/cases/${encodeURIComponent(id)}`),
    // Keep showing this case while its newer version loads, never another case.
    placeholderData: (previous) => (previous?.case.id === id ? previous : undefined),
    retry: retryable,
  });
}

export function useDepartments() {
  return useQuery({ queryKey: DEPARTMENTS_KEY, queryFn: () => api<Department[]>('GET', '/api/v1/departments'), staleTime: 5 * 60_000, retry: retryable });
}

export function useCaseCommand(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (cmd: CaseCommand) => api<CaseSummary>('POST', `/api/v1/cases/${encodeURIComponent(id)}/commands`, cmd),
    // After a success or a conflict alike, show the case as it now is.
    onSettled: () => qc.invalidateQueries({ queryKey: caseKey(id) }),
    onError: (err) => onSessionLost(qc, err),
  });
}

export function useInstruct(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api<CaseSummary>('POST', `/api/v1/cases/${encodeURIComponent(id)}/instructions`, { text }),
    onSettled: () => qc.invalidateQueries({ queryKey: caseKey(id) }),
    onError: (err) => onSessionLost(qc, err),
  });
}

/** Reports a case; with `alertId`, opened from that alert and linked to it. */
export function useReportCase(alertId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (report: NewCase) => api<CaseSummary>('POST', alertId === undefined ? '/api/v1/cases' : `/api/v1/alerts/${encodeURIComponent(alertId)}/case`, report),
    onError: (err) => onSessionLost(qc, err),
  });
}

/** A month's assessment (月度考核) of the centre and its departments. */
export function useAssessment(month: string) {
  return useQuery({
    queryKey: ['assessment', month],
    queryFn: () => api<AssessmentReport>('GET', `/api/v1/dispatch/assessment/${month}`),
    retry: retryable,
  });
}
