import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useWallData } from '../WallData.tsx';
import { useWallUi } from '../wallStore.ts';

// hls.js is large and only walls with camera streams need it: loaded on first use.
const HlsVideo = lazy(() => import('./HlsVideo.tsx'));

/** Live video of the focused camera when it has a stream, else of the first camera that has one. */
export function VideoPanel() {
  const { t, l } = useI18n();
  const { profile, divisionName } = useWallData();
  const focusSite = useWallUi((s) => (s.focus?.kind === 'feed' ? s.focus.site : undefined));
  const streams = profile.devices.filter((d) => d.type === 'camera' && d.streamUrl !== undefined);
  const camera = streams.find((d) => d.id === focusSite) ?? streams[0];
  if (camera?.streamUrl === undefined) return null;
  const division = divisionName(camera.division);
  return (
    <section className="panel panel--video" data-testid="video" data-camera={camera.id}>
      <h2 className="panel__title">
        {t('video.title')} · {l(camera.name)}
        {division && <small> · {l(division)}</small>}
      </h2>
      <Suspense fallback={<div className="video__state">{t('loading')}</div>}>
        <HlsVideo key={camera.id} src={camera.streamUrl} />
      </Suspense>
    </section>
  );
}
