import { useState, type FormEvent } from 'react';
import { newSourceSchema, type DisplayRecord } from '@cw/contracts';
import { describeFailure } from '../console/failure.ts';
import { FailureMessage } from '../console/FailureMessage.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ADMIN_KEYS, api, useAdminChange, useAdminList } from './api.ts';
import { CredentialList } from './CredentialList.tsx';

interface CreatedKey {
  id: string;
  name: string;
  key: string;
}

/** Data sources (12345 systems, sensor gateways): an API key each, shown once when made; revoke to cut one off. */
export function SourcesPanel() {
  const { t } = useI18n();
  const list = useAdminList<DisplayRecord>(ADMIN_KEYS.sources, '/api/v1/sources');
  const create = useAdminChange((body: { name: string }) => api<CreatedKey>('POST', '/api/v1/sources', body), ADMIN_KEYS.sources);
  const [name, setName] = useState('');
  const [bad, setBad] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = newSourceSchema.safeParse({ name });
    setBad(!parsed.success);
    if (!parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: (k) => {
        setCreated(k);
        setName('');
      },
    });
  };

  return (
    <div className="admin-section">
      <form className="admin-form" onSubmit={submit} aria-labelledby="source-title" data-testid="new-source">
        <h3 id="source-title" className="admin-form__title">
          {t('sources.new')}
        </h3>
        <p className="field__hint">{t('sources.hint')}</p>
        <div className="admin-form__grid">
          <label className="field">
            <span className="field__label">{t('cred.name')}</span>
            <input className="control" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('sources.namePlaceholder')} data-testid="source-name" />
            {bad && <span className="field__error">{t('cred.badName')}</span>}
          </label>
        </div>
        {create.isError && <FailureMessage failure={describeFailure(create.error)} />}
        <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="source-create">
          {t('sources.create')}
        </button>
      </form>
      {created && (
        <div className="key-once" role="status" data-testid="source-key-box">
          <strong>{t('sources.keyFor', { name: created.name })}</strong>
          <code className="key-once__key" data-testid="source-key">
            {created.key}
          </code>
          <span className="key-once__warn">{t('sources.keyOnce')}</span>
          <span className="key-once__buttons">
            <button type="button" className="btn btn--small" onClick={() => void navigator.clipboard?.writeText(created.key)}>
              {t('sources.copy')}
            </button>
            <button type="button" className="btn btn--small btn--quiet" onClick={() => setCreated(null)}>
              {t('sources.stored')}
            </button>
          </span>
        </div>
      )}
      <CredentialList kind="source" list={list} queryKey={ADMIN_KEYS.sources} />
    </div>
  );
}
