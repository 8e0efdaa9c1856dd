import { createContext, useContext } from 'react';
import { useSearch } from 'wouter';
import type { CityProfile, Localized, MetricDef } from '@cw/contracts';
import { withSearch } from '../shell/landing.ts';

/** Reference data the leader's screen reads: loaded once over HTTP. */
export interface LeaderData {
  profile: CityProfile;
  catalogue: readonly MetricDef[];
  metric: (id: string) => MetricDef | undefined;
  /** The city's name for `city`, a division's for its code. */
  scopeName: (scope: string) => Localized | undefined;
  departmentName: (id: string | null) => Localized | undefined;
}

export const LeaderDataContext = createContext<LeaderData | null>(null);

export function useLeaderData(): LeaderData {
  const v = useContext(LeaderDataContext);
  if (v === null) throw new Error('useLeaderData outside the leader screen');
  return v;
}

/** A path on this screen with the page's query (the language) kept. */
export function useHref(): (path: string) => string {
  const search = useSearch();
  return (path) => withSearch(path, search);
}
