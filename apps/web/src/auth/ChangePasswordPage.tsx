import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n.tsx';
import { HttpError, WHOAMI_KEY, api } from './session.ts';
import './auth.css';

/** A generated one-time password must be replaced before anything else. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', '/api/v1/auth/password', { current, next });
      await qc.invalidateQueries({ queryKey: WHOAMI_KEY });
    } catch (err) {
      setError(err instanceof HttpError ? err.message : String(err));
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit}>
        <h1>{t('auth.changePassword')}</h1>
        <p className="auth-card__sub">{t('auth.changePasswordWhy')}</p>
        <label>
          {t('auth.currentPassword')}
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label>
          {t('auth.newPassword')}
          <input type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} required />
        </label>
        {error && (
          <p className="auth-card__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('auth.changePassword')}</button>
      </form>
    </main>
  );
}
