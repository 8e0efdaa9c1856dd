import { useState, type FormEvent } from 'react';
import { pairDisplaySchema, type DisplayRecord } from '@cw/contracts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ADMIN_KEYS, api, useAdminChange, useAdminList } from './api.ts';
import { CredentialList } from './CredentialList.tsx';
import { fieldsWithIssues } from './forms.ts';

/** Wall displays: pair one by typing the code it shows; revoke one and it returns to its pairing screen. */
export function DisplaysPanel() {
  const { t } = useI18n();
  const list = useAdminList<DisplayRecord>(ADMIN_KEYS.displays, '/api/v1/displays');
  const pair = useAdminChange((body: { code: string; name: string }) => api<DisplayRecord>('POST', '/api/v1/displays', body), ADMIN_KEYS.displays);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [wrong, setWrong] = useState<Set<string>>(new Set());
  const [paired, setPaired] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = pairDisplaySchema.safeParse({ code: code.trim().toUpperCase(), name });
    setWrong(parsed.success ? new Set() : fieldsWithIssues(parsed.error.issues));
    if (!parsed.success) return;
    setPaired(null);
    pair.mutate(parsed.data, {
      onSuccess: (d) => {
        setPaired(d.name);
        setCode('');
        setName('');
      },
    });
  };

  return (
    <div className="admin-section">
      <form className="admin-form" onSubmit={submit} aria-labelledby="pair-title" data-testid="pair-display">
        <h3 id="pair-title" className="admin-form__title">
          {t('displays.pair')}
        </h3>
        <p className="field__hint">{t('displays.pairHint')}</p>
        <div className="admin-form__grid">
          <label className="field">
            <span className="field__label">{t('displays.code')}</span>
            <input className="control mono control--code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="K7M-4QX" autoComplete="off" data-testid="pair-code" />
            {wrong.has('code') && <span className="field__error">{t('displays.badCode')}</span>}
          </label>
          <label className="field">
            <span className="field__label">{t('cred.name')}</span>
            <input className="control" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('displays.namePlaceholder')} data-testid="pair-name" />
            {wrong.has('name') && <span className="field__error">{t('cred.badName')}</span>}
          </label>
        </div>
        {pair.isError && <FailureMessage failure={describeFailure(pair.error)} />}
        {paired && (
          <p className="notice notice--ok" role="status" data-testid="paired">
            {t('displays.paired', { name: paired })}
          </p>
        )}
        <button type="submit" className="btn btn--primary" disabled={pair.isPending} data-testid="pair-submit">
          {t('displays.pairButton')}
        </button>
      </form>
      <CredentialList kind="display" list={list} queryKey={ADMIN_KEYS.displays} />
    </div>
  );
}
