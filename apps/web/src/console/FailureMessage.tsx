import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { Failure, FailureKind } from './failure.ts';

const KIND: Record<FailureKind, MessageKey> = {
  conflict: 'fail.conflict',
  forbidden: 'fail.forbidden',
  invalid: 'fail.invalid',
  not_found: 'fail.not_found',
  session: 'fail.session',
  throttled: 'fail.throttled',
  server: 'fail.server',
  network: 'fail.network',
};

/**
 * Why a request failed: our explanation (specific to the server's code when we have one),
 * then the server's own words.
 */
export function FailureMessage({ failure, testId = 'failure' }: { failure: Failure; testId?: string }) {
  const { t, label } = useI18n();
  const specific = failure.code === null ? '' : label(`fail.code.${failure.code}`, '');
  return (
    <div className={`notice notice--${failure.kind === 'conflict' ? 'warn' : 'error'}`} role="alert" data-testid={testId} data-kind={failure.kind} data-code={failure.code ?? ''}>
      <strong>{specific || t(KIND[failure.kind])}</strong>
      {failure.detail && <span className="notice__detail">{failure.detail}</span>}
    </div>
  );
}
