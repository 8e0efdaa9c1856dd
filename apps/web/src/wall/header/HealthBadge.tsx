import { useI18n } from '../../i18n/i18n.tsx';
import { useLocalTime } from '../../live/clock.ts';
import type { WallHealth } from '../../live/health.ts';
import { useWallHealth } from '../useWallHealth.ts';

const HEALTH_KEY = {
  live: 'conn.live',
  degraded: 'conn.degraded',
  offline: 'conn.offline',
  connecting: 'conn.connecting',
  incompatible: 'conn.incompatible',
} as const satisfies Record<WallHealth, string>;

/** A shape per state: readable without colour, from across the room. */
const HEALTH_MARK: Record<WallHealth, string> = { live: '●', degraded: '▲', offline: '✕', connecting: '…', incompatible: '✕' };

/** LIVE / DEGRADED / OFFLINE, large enough to read across the room, with a shape as well as a colour. */
/** How many degraded figures the header names before "…". */
const NAMED = 2;

export function HealthBadge() {
  const { t, l, lang } = useI18n();
  const { health, degraded } = useWallHealth();
  // The live mark blinks with the clock: a heartbeat that shows the screen is not frozen,
  // without a continuous animation that would keep the page rendering frames all day.
  const beat = (useLocalTime(1000) / 1000) % 2 === 0;
  const names = degraded.slice(0, NAMED).map((d) => l(d.name));
  return (
    <span className="wall-health-box">
      <span className={`wall-health wall-health--${health}${beat ? ' is-beat' : ''}`} data-testid="health" data-health={health} role="status">
        <span className="wall-health__mark" aria-hidden>
          {HEALTH_MARK[health]}
        </span>
        {t(HEALTH_KEY[health])}
      </span>
      {health === 'degraded' && (
        <span className="wall-health__detail" data-testid="degraded-detail">
          {t('conn.degradedDetail', { count: degraded.length, names: names.join(lang === 'en' ? ', ' : '、') + (degraded.length > NAMED ? '…' : '') })}
        </span>
      )}
    </span>
  );
}
