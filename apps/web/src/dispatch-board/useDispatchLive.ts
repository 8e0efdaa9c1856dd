import type { CaseSummary, DispatchOverview } from '@cw/contracts';
import { useLive } from '../live/store.ts';

/** The `dispatch` topic's KPIs; undefined until the first snapshot (or when the screen does not subscribe to it). */
export const useDispatchKpis = (): DispatchOverview | undefined => useLive((s) => s.topics.dispatch?.['kpis'] as DispatchOverview | undefined);

/** Every case on the `cases` topic: open ones and those closed in the last day. */
export const useAllCases = (): Record<string, CaseSummary> | undefined => useLive((s) => s.topics.cases as Record<string, CaseSummary> | undefined);
