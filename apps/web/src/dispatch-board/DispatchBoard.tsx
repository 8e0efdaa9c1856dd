import { useMemo } from 'react';
import type { CityProfile, Department } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { mapLabelName } from '../wall/overview/mapData.ts';
import { oldestWaiting, watchList } from './boardData.ts';
import { DepartmentRanking } from './DepartmentRanking.tsx';
import { HotIssues } from './HotIssues.tsx';
import { KpiStrip } from './KpiStrip.tsx';
import { LatestCases } from './LatestCases.tsx';
import { OldestWaiting } from './OldestWaiting.tsx';
import { OpenCaseMap } from './OpenCaseMap.tsx';
import { StepTimes } from './StepTimes.tsx';
import { TodayFigures } from './TodayFigures.tsx';
import { useAllCases, useDispatchKpis } from './useDispatchLive.ts';
import { WatchList } from './WatchList.tsx';

interface Props {
  profile: CityProfile;
  geo: DivisionsGeoJson;
  departments: readonly Department[];
}

/**
 * The dispatch board's body: today's figures against yesterday, hot issues and the newest
 * reports left; the KPIs, the map of open cases and the step times centre; the watch list
 * (督办), the cases waiting longest and the department ranking right. Needs the `cases` and
 * `dispatch` topics.
 */
export function DispatchBoard({ profile, geo, departments }: Props) {
  const { l, lang } = useI18n();
  const kpis = useDispatchKpis();
  const live = useAllCases();
  const cases = useMemo(() => Object.values(live ?? {}), [live]);
  const watched = useMemo(() => watchList(cases), [cases]);
  const waiting = useMemo(() => oldestWaiting(cases), [cases]);
  const lookup = useMemo(() => {
    const divisions = new Map(profile.divisions.map((d) => [d.code, d.name]));
    const depts = new Map(departments.map((d) => [d.id, d]));
    return {
      // As the map names them (邵东市, Shaodong): a wall's lists have no room for 'District'.
      divisionName: (code: string) => (divisions.has(code) ? mapLabelName(l(divisions.get(code)!)) : code),
      department: (id: string | null) => (id === null ? undefined : depts.get(id)),
    };
  }, [profile.divisions, departments, l]);

  return (
    <main className="db-body" data-lang={lang}>
      <div className="db-col">
        <TodayFigures kpis={kpis} />
        <HotIssues trends={kpis?.trends} divisionName={lookup.divisionName} />
        <LatestCases cases={cases} divisionName={lookup.divisionName} />
      </div>
      <div className="db-col db-col--centre">
        <KpiStrip kpis={kpis} />
        <OpenCaseMap profile={profile} geo={geo} cases={cases} watched={watched} />
        <StepTimes kpis={kpis} />
      </div>
      <div className="db-col db-col--right">
        <WatchList watched={watched} divisionName={lookup.divisionName} department={lookup.department} />
        <OldestWaiting waiting={waiting} divisionName={lookup.divisionName} />
        <DepartmentRanking departments={kpis?.departments ?? []} department={lookup.department} />
      </div>
    </main>
  );
}
