import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n.tsx';
import { HttpError, WHOAMI_KEY, api } from './session.ts';
import './auth.css';

interface Pairing {
  id: string;
  code: string;
  secret: string;
  expiresAt: number;
}

const POLL_MS = 2000;

/**
 * A wall without a credential shows a short code; an administrator enters it on the
 * administration screen, and the wall picks up its display credential by itself.
 */
export function PairingScreen() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (p: Pairing) => {
      if (stopped) return;
      try {
        // 202 {status: 'pending'} until an administrator enters the code; 200 {status: 'paired'} sets the cookie.
        const r = await api<{ status: string }>('POST', `/api/v1/pairing/${p.id}/collect`, { secret: p.secret });
        if (r.status === 'paired') {
          await qc.invalidateQueries({ queryKey: WHOAMI_KEY });
          return;
        }
      } catch (err) {
        // 410: the code expired; start over with a new one.
        if (err instanceof HttpError && err.status === 410) return setGeneration((g) => g + 1);
      }
      timer = setTimeout(() => void poll(p), POLL_MS);
    };
    api<Pairing>('POST', '/api/v1/pairing').then(
      (p) => {
        if (stopped) return;
        setPairing(p);
        void poll(p);
      },
      () => {
        timer = setTimeout(() => setGeneration((g) => g + 1), 10_000);
      },
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [generation, qc]);

  return (
    <main className="auth-page auth-page--wall" data-testid="pairing">
      <div className="pairing">
        <h1>{t('app.title')}</h1>
        <p>{t('auth.pairThisDisplay')}</p>
        <output className="pairing__code" data-testid="pairing-code">
          {pairing?.code ?? '···-···'}
        </output>
        <p className="pairing__hint">{t('auth.pairHint')}</p>
        <a className="pairing__login" href="/login">
          {t('auth.signInInstead')}
        </a>
      </div>
    </main>
  );
}
