import type { CityProfile } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';
import { useDepartments } from '../console/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DispatchBoard } from './DispatchBoard.tsx';
import './dispatch-board.css';

/**
 * The wall's dispatch page (/wall/dispatch), inside the wall's frame and rotation. The wall
 * holds the `cases` and `dispatch` topics open; this page only adds the departments' names.
 */
export function WallDispatchPage({ profile, geo }: { profile: CityProfile; geo: DivisionsGeoJson }) {
  const { t } = useI18n();
  const departments = useDepartments();
  if (!departments.data) {
    return (
      <div className="db db--loading" data-testid="board-loading">
        <p className="wall-loading">{t(departments.failureCount > 0 ? 'loading.retry' : 'loading')}</p>
      </div>
    );
  }
  return (
    <div className="db" data-testid="dispatch-board">
      <DispatchBoard profile={profile} geo={geo} departments={departments.data} />
    </div>
  );
}
