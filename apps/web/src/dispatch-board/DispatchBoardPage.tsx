import type { Topic } from '@cw/contracts';
import { useDivisionsGeo, useProfile, useServerClockSampling } from '../api/queries.ts';
import { useDepartments } from '../console/api.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { SCREEN_ROLES } from '../shell/landing.ts';
import { RequireRole } from '../shell/RequireRole.tsx';
import { useLiveTopics } from '../shell/useLiveTopics.ts';
import { BoardHeader } from './BoardHeader.tsx';
import { DispatchBoard } from './DispatchBoard.tsx';
import './dispatch-board.css';

const TOPICS: Topic[] = ['system', 'cases', 'dispatch'];

/** /wall/dispatch: the dispatch board as a page of its own, for walls and for anyone who may watch every case. */
export function DispatchBoardPage() {
  return (
    <RequireRole roles={SCREEN_ROLES.board}>
      <BoardLoader />
    </RequireRole>
  );
}

/** Loads the reference data (retrying until the server answers, like the wall), then runs the board in the city's zone. */
function BoardLoader() {
  const { t } = useI18n();
  const profile = useProfile();
  const geo = useDivisionsGeo();
  const departments = useDepartments();
  useServerClockSampling();
  useLiveTopics(TOPICS);
  if (!profile.data || !geo.data || !departments.data) {
    return (
      <div className="db db--loading" data-testid="board-loading">
        <p className="db-loading">{t(profile.failureCount > 0 ? 'loading.retry' : 'loading')}</p>
      </div>
    );
  }
  return (
    <I18nProvider timeZone={profile.data.timeZone}>
      <div className="db" data-testid="dispatch-board">
        <BoardHeader city={profile.data.name} />
        <DispatchBoard profile={profile.data} geo={geo.data} departments={departments.data} />
      </div>
    </I18nProvider>
  );
}
