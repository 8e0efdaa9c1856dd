import type { ConnectionState } from '@cw/live-client';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';

const LABEL = {
  live: 'conn.live',
  offline: 'conn.offline',
  connecting: 'conn.connecting',
  incompatible: 'conn.incompatible',
  unauthenticated: 'conn.offline',
} as const satisfies Record<ConnectionState, string>;

/** A shape per state as well as a colour. */
const MARK: Record<ConnectionState, string> = { live: '●', offline: '✕', connecting: '…', incompatible: '✕', unauthenticated: '✕' };

/** Whether what the desk shows is live: the socket's state, in words and a shape. */
export function LiveIndicator() {
  const { t } = useI18n();
  const state = useLive((s) => s.status.state);
  return (
    <span className={`live-indicator live-indicator--${state}`} role="status" data-testid="live-state" data-state={state}>
      <span aria-hidden>{MARK[state]}</span> {t(LABEL[state])}
    </span>
  );
}
