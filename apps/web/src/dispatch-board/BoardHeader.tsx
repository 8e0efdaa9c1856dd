import type { Localized } from '@cw/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { useServerTime } from '../live/clock.ts';
import { useLive, useSystemState } from '../live/store.ts';

const LIVE_LABEL = { live: 'conn.live', offline: 'conn.offline', connecting: 'conn.connecting', incompatible: 'conn.incompatible', unauthenticated: 'conn.offline' } as const;
const LIVE_MARK = { live: '●', offline: '✕', connecting: '…', incompatible: '✕', unauthenticated: '✕' } as const;

/** The board's own header: operating mode and city time left, the title, the connection right. */
export function BoardHeader({ city }: { city: Localized }) {
  const { t, l, date, time } = useI18n();
  const now = useServerTime(1000);
  const mode = useSystemState()?.mode;
  const state = useLive((s) => s.status.state);
  return (
    <header className="db-header">
      <div className="db-header__side">
        {mode && <span className={`db-mode db-mode--${mode}`}>{t(mode === 'peace' ? 'mode.peace' : 'mode.war')}</span>}
        <span className="db-clock" data-testid="clock">
          <span className="db-clock__date">{date(now)}</span>
          <time className="db-clock__time">{time(now)}</time>
        </span>
      </div>
      <div className="db-header__centre">
        <h1 className="db-title">{t('board.heading', { city: l(city) })}</h1>
        <p className="db-subtitle">{t('board.subtitle')}</p>
      </div>
      <div className="db-header__side db-header__side--right">
        <span className={`db-live db-live--${state}`} role="status" data-testid="health" data-state={state}>
          <span aria-hidden>{LIVE_MARK[state]}</span> {t(LIVE_LABEL[state])}
        </span>
      </div>
    </header>
  );
}
