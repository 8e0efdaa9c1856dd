import { useI18n } from '../../i18n/i18n.tsx';
import { useSystemState } from '../../live/store.ts';

/** 平时 / 战时 (peacetime / emergency mode), from the `system` topic. */
export function ModeBadge() {
  const { t } = useI18n();
  const mode = useSystemState()?.mode ?? 'peace';
  return (
    <span className={`wall-mode wall-mode--${mode}`} data-testid="mode" data-mode={mode}>
      {t(mode === 'war' ? 'mode.war' : 'mode.peace')}
    </span>
  );
}
