import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { can } from '@cw/access';
import type { OperatingMode, Role } from '@cw/contracts';
import { api } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSystemState } from '../live/store.ts';
import { onSessionLost } from './api.ts';
import { describeFailure } from './failure.ts';
import { FailureMessage } from './FailureMessage.tsx';

/**
 * The operating mode (平时 / 战时) as every screen shows it; leaders and shift leaders switch
 * it here, with a confirmation, since it changes what every wall shows.
 */
export function ModeSwitch({ role }: { role: Role }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const mode = useSystemState()?.mode;
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (next: OperatingMode) => api('PUT', '/api/v1/system/mode', { mode: next }),
    onSuccess: () => setConfirming(false),
    onError: (err) => onSessionLost(qc, err),
  });
  if (mode === undefined) return null;
  const next: OperatingMode = mode === 'peace' ? 'war' : 'peace';
  return (
    <div className="mode" data-testid="mode" data-mode={mode}>
      <span className={`mode__badge mode__badge--${mode}`}>{t(mode === 'peace' ? 'mode.peace' : 'mode.war')}</span>
      {can(role, 'system.set_mode') &&
        (confirming ? (
          <span className="mode__confirm">
            {t('modeSwitch.confirm', { mode: t(next === 'peace' ? 'mode.peace' : 'mode.war') })}
            <button type="button" className={`btn btn--small ${next === 'war' ? 'btn--danger' : 'btn--primary'}`} disabled={change.isPending} onClick={() => change.mutate(next)} data-testid="mode-confirm">
              {t('modeSwitch.yes')}
            </button>
            <button type="button" className="btn btn--small btn--quiet" onClick={() => setConfirming(false)}>
              {t('form.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn--small" onClick={() => setConfirming(true)} data-testid="mode-switch">
            {t('modeSwitch.to', { mode: t(next === 'peace' ? 'mode.peace' : 'mode.war') })}
          </button>
        ))}
      {change.isError && <FailureMessage failure={describeFailure(change.error)} />}
    </div>
  );
}
