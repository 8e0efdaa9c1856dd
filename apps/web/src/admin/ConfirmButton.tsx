import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  label: string;
  /** The question asked before acting, e.g. "Revoke this display?". */
  question: string;
  onConfirm: () => void;
  busy?: boolean;
  danger?: boolean;
  testId?: string;
}

/** A button for something hard to undo: the first click asks, the second acts. */
export function ConfirmButton({ label, question, onConfirm, busy = false, danger = true, testId }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn btn--small" onClick={() => setAsking(true)} disabled={busy} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <span className="confirm__question">{question}</span>
      <button
        type="button"
        className={`btn btn--small ${danger ? 'btn--danger' : 'btn--primary'}`}
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={testId ? `${testId}-confirm` : undefined}
      >
        {t('admin.confirm')}
      </button>
      <button type="button" className="btn btn--small btn--quiet" onClick={() => setAsking(false)}>
        {t('form.cancel')}
      </button>
    </span>
  );
}
