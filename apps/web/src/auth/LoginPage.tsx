import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Role } from '@cw/contracts';
import { ROLE_LABELS } from '@cw/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { HttpError, WHOAMI_KEY, api } from './session.ts';
import './auth.css';

interface DemoInfo {
  users: { username: string; role: Role }[];
  password?: string;
}

export function LoginPage() {
  const { t, l } = useI18n();
  const qc = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const demo = useQuery({ queryKey: ['auth', 'demo'], queryFn: () => api<DemoInfo>('GET', '/api/v1/auth/demo') });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/auth/login', { username, password });
      await qc.invalidateQueries({ queryKey: WHOAMI_KEY });
    } catch (err) {
      setError(err instanceof HttpError && err.status === 429 ? t('auth.throttled') : t('auth.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-label={t('auth.signIn')}>
        <h1>{t('app.title')}</h1>
        <p className="auth-card__sub">{t('app.subtitle')}</p>
        <label>
          {t('auth.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="auth-card__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('auth.signIn')}
        </button>
        {demo.data && demo.data.users.length > 0 && (
          <section className="auth-card__demo" aria-label={t('auth.demo')}>
            <h2>{t('auth.demo')}</h2>
            <p>{t('auth.demoPassword', { password: demo.data.password ?? '' })}</p>
            <ul>
              {demo.data.users.map((u) => (
                <li key={u.username}>
                  <button
                    type="button"
                    onClick={() => {
                      setUsername(u.username);
                      setPassword(demo.data.password ?? '');
                    }}
                  >
                    {u.username} · {l(ROLE_LABELS[u.role])}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </main>
  );
}
