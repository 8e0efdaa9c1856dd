import type { WallPage } from '@cw/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLocalTime } from '../../live/clock.ts';
import { useWallUi } from '../wallStore.ts';
import { pageOf } from '../rotation.ts';
import { PauseIcon } from '../../shell/icons.tsx';

/** Which page of the rotation is showing, and when an alert holds the overview, for how long. */
export function PageIndicator() {
  const { t } = useI18n();
  const playlist = useWallUi((s) => s.playlist);
  const rotation = useWallUi((s) => s.rotation);
  const pageName = (p: WallPage) => (p === 'overview' ? t('page.overview') : p === 'dispatch' ? t('page.dispatch') : `${t('page.thematic')} · ${t(`domain.${p}`)}`);
  const page = playlist.length > 0 ? pageOf(rotation, playlist) : 'overview';
  const state = rotation.focus !== null ? 'paused' : playlist.length > 1 ? 'running' : 'pinned';
  return (
    <div className="page-indicator" data-testid="rotation" data-state={state} data-page={page}>
      {rotation.focus !== null ? (
        <FocusCountdown until={rotation.focus.until} />
      ) : (
        <span className="page-indicator__name">{pageName(page)}</span>
      )}
      {playlist.length > 1 && (
        <span className="page-indicator__dots" aria-hidden>
          {playlist.map((e, i) => (
            <i key={`${e.page}-${i}`} className={i === rotation.index && rotation.focus === null ? 'is-current' : undefined} />
          ))}
        </span>
      )}
    </div>
  );
}

function FocusCountdown({ until }: { until: number }) {
  const { t } = useI18n();
  // Real seconds, not the server's (possibly simulated) ones.
  const now = useLocalTime(1000);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  return <span className="page-indicator__focus"><PauseIcon /> {t('rotation.focus', { seconds })}</span>;
}
