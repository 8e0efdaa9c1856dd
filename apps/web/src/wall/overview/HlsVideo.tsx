import { useEffect, useRef, useState } from 'react';
import Hls from 'hls.js/light';
import { useI18n } from '../../i18n/i18n.tsx';

/** A muted, autoplaying HLS stream; buffers are kept short so a 24/7 wall's memory stays flat. */
export default function HlsVideo({ src }: { src: string }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = video.current!;
    if (!Hls.isSupported()) {
      // Safari plays HLS natively.
      el.src = src;
      return () => el.removeAttribute('src');
    }
    const hls = new Hls({ maxBufferLength: 10, backBufferLength: 10, liveDurationInfinity: true });
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (data.fatal) setFailed(true);
    });
    hls.loadSource(src);
    hls.attachMedia(el);
    return () => hls.destroy();
  }, [src]);
  return (
    <div className="video">
      <video ref={video} className="video__player" muted autoPlay playsInline data-testid="video-player" />
      {failed && <div className="video__state">{t('video.unavailable')}</div>}
    </div>
  );
}
