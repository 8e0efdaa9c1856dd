import type { EmergencyRecord } from '@cw/contracts';
import { EMERGENCY_LEVEL_COLORS, EMERGENCY_LEVEL_NUMERALS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import { useServerTime } from '../../live/clock.ts';
import { useSystemState } from '../../live/store.ts';
import { elapsedClock, LEVEL_INK } from '../emergency/emergencyView.ts';

/**
 * 平时 / 战时 (peacetime / emergency mode), from the `system` topic. With an emergency
 * leading, 战时 takes its level's colour and the time since it was declared; a drill says 演练.
 */
export function ModeBadge({ emergency }: { emergency: EmergencyRecord | null }) {
  const { t } = useI18n();
  const mode = useSystemState()?.mode ?? 'peace';
  if (emergency !== null) return <EmergencyMode e={emergency} />;
  return (
    <span className={`wall-mode wall-mode--${mode}`} data-testid="mode" data-mode={mode}>
      {t(mode === 'war' ? 'mode.war' : 'mode.peace')}
    </span>
  );
}

function EmergencyMode({ e }: { e: EmergencyRecord }) {
  const { t } = useI18n();
  const now = useServerTime(1000);
  const colour = EMERGENCY_LEVEL_COLORS[e.level];
  return (
    <span className="wall-mode-box">
      <span className="wall-mode wall-mode--war" style={{ background: colour, borderColor: colour, color: LEVEL_INK[e.level] }} data-testid="mode" data-mode="war" data-level={e.level}>
        {t('mode.war')} · {EMERGENCY_LEVEL_NUMERALS[e.level]}
      </span>
      {e.drill && (
        <span className="wall-mode wall-mode--drill" data-testid="mode-drill">
          {t('emg.drill')}
        </span>
      )}
      <span className="wall-elapsed" data-testid="emergency-elapsed">
        <span className="wall-elapsed__label">{t('wemg.elapsed')}</span>
        <strong>{elapsedClock(now - e.declaredAt)}</strong>
      </span>
    </span>
  );
}
