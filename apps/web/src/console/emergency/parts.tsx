import { type EmergencyLevel } from '@cw/contracts';
import { EMERGENCY_LEVEL_COLORS, EMERGENCY_LEVEL_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Failure } from '../failure.ts';
import { FailureMessage } from '../FailureMessage.tsx';

/** The level in its conventional colour (Ⅰ red … Ⅳ blue), with its name: never colour alone. */
export function LevelBadge({ level }: { level: EmergencyLevel }) {
  const { l } = useI18n();
  return (
    <span className={`emg-level emg-level--${level}`} style={{ borderColor: EMERGENCY_LEVEL_COLORS[level], color: EMERGENCY_LEVEL_COLORS[level] }} data-testid="emergency-level" data-level={level}>
      {l(EMERGENCY_LEVEL_LABELS[level])}
    </span>
  );
}

/** 演练 on every view of a drill. */
export function DrillLabel() {
  const { t } = useI18n();
  return (
    <span className="emg-drill" data-testid="drill-label">
      {t('emg.drill')}
    </span>
  );
}

/** Why a command failed; a conflict says that the emergency was re-read and is shown as it now is. */
export function EmergencyFailure({ failure }: { failure: Failure }) {
  const { t } = useI18n();
  if (failure.kind !== 'conflict') return <FailureMessage failure={failure} testId="emergency-error" />;
  return (
    <div className="notice notice--warn" role="alert" data-testid="emergency-conflict" data-kind="conflict" data-code={failure.code ?? ''}>
      <strong>{t('emg.conflict')}</strong>
    </div>
  );
}
