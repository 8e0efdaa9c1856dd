import { useQuery } from '@tanstack/react-query';
import type { MetricDef } from '@cw/contracts';
import { api, HttpError } from '../auth/session.ts';
import { DAY_MS } from '../time/cityTime.ts';
import type { HistoryPoint } from '../wall/trend.ts';

/**
 * A figure's history for the leader, through the same endpoint as the wall's charts, cached
 * by TanStack Query: a figure opened again shows at once and refreshes in the background.
 * Refusals are answers, so only failures that may pass are retried (three times); after
 * that the screen says so and offers to try again, keeping what it had.
 */
const retryable = (n: number, err: unknown) => n < 3 && !(err instanceof HttpError && err.status < 500);

/** The share of good days has no per-window history (docs/architecture.md). */
export const hasHistory = (def: MetricDef) => def.compute.kind !== 'good_days';

function historyQuery(def: MetricDef, scope: string, window: '1h' | '1d', from: number, to: number) {
  return {
    queryKey: ['history', def.id, scope, window, from, to],
    queryFn: () =>
      api<{ points: HistoryPoint[] }>('GET', `/api/v1/metrics/${encodeURIComponent(def.id)}/history?scope=${encodeURIComponent(scope)}&window=${window}&from=${from}&to=${to}`),
    select: (r: { points: HistoryPoint[] }) => r.points,
    enabled: hasHistory(def),
    retry: retryable,
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  } as const;
}

/** Yesterday's and today's hourly windows. */
export const useHours = (def: MetricDef, scope: string, dayStart: number) => useQuery(historyQuery(def, scope, '1h', dayStart - DAY_MS, dayStart + DAY_MS));

/** The daily windows of the `days` days before today. */
export const useDays = (def: MetricDef, scope: string, dayStart: number, days: number) => useQuery(historyQuery(def, scope, '1d', dayStart - days * DAY_MS, dayStart));
