import { useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { useI18n } from '../i18n/i18n.tsx';
import { useLive } from '../live/store.ts';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { PairingScreen } from './PairingScreen.tsx';
import { WHOAMI_KEY, useWhoAmI } from './session.ts';

/**
 * Nothing renders without an identity. A wall route without one shows a pairing code (walls
 * have no keyboard); any other route shows the sign-in form.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [path] = useLocation();
  const me = useWhoAmI();
  const qc = useQueryClient();
  const refused = useLive((s) => s.status.state === 'unauthenticated');

  // The socket was refused (session expired, display revoked): ask again who we are.
  useEffect(() => {
    if (refused) void qc.invalidateQueries({ queryKey: WHOAMI_KEY });
  }, [refused, qc]);

  if (me.isPending) return <div className="gate-loading">{t('loading')}</div>;
  if (!me.data) return path.startsWith('/wall') ? <PairingScreen /> : <LoginPage />;
  if (me.data.mustChangePassword) return <ChangePasswordPage />;
  return <>{children}</>;
}
