import { type CaseAction } from '@cw/contracts';
import { TRANSITION_ACTION_LABELS } from '@cw/vocabulary';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ShortcutAction } from './actions.ts';

interface Props {
  actions: readonly ShortcutAction[];
  /** The action whose form is open. */
  active: CaseAction | null;
  busy: boolean;
  onTake: (action: CaseAction) => void;
}

/** Destructive or backwards steps look different from moving a case on. */
const CAUTION: ReadonlySet<CaseAction> = new Set(['void', 'return', 'check_fail', 'refuse_extension', 'refuse_parking', 'reopen', 'merge_into']);

/** One button per action the user may take now, each with its number key. */
export function ActionBar({ actions, active, busy, onTake }: Props) {
  const { t, l } = useI18n();
  if (actions.length === 0) return <p className="actions__none">{t('actions.none')}</p>;
  return (
    <div className="actions" role="toolbar" aria-label={t('actions.title')} data-testid="actions">
      {actions.map(({ action, key }, i) => (
        <button
          key={action}
          type="button"
          className={`btn action${i === 0 ? ' btn--primary' : ''}${CAUTION.has(action) ? ' action--caution' : ''}${active === action ? ' is-active' : ''}`}
          disabled={busy}
          aria-keyshortcuts={key}
          onClick={() => onTake(action)}
          data-testid={`action-${action}`}
        >
          <kbd>{key}</kbd>
          {l(TRANSITION_ACTION_LABELS[action])}
        </button>
      ))}
    </div>
  );
}
