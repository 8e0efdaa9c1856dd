import type { ReactNode } from 'react';
import { Link, useSearch } from 'wouter';
import { type Role } from '@cw/contracts';
import { ROLE_LABELS } from '@cw/vocabulary';
import { useWhoAmI } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { landingPath, withSearch } from './landing.ts';
import { useDeskSignOut } from './useDeskSignOut.ts';
import './shell.css';

/** Renders a screen only for the roles it is made for; others are told so and shown their own. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useWhoAmI().data;
  if (!me || !roles.includes(me.role)) return <NoScreen />;
  return <>{children}</>;
}

/** For a signed-in identity on a screen not made for its role (or with no screen at all). */
export function NoScreen() {
  const { t, l } = useI18n();
  const me = useWhoAmI().data;
  const search = useSearch();
  const signOut = useDeskSignOut();
  const own = me ? landingPath(me.role) : null;
  return (
    <main className="no-screen" data-testid="no-screen">
      <div className="no-screen__card">
        <h1>{t('shell.noAccess')}</h1>
        {me && <p>{t('shell.noAccessFor', { name: me.displayName, role: l(ROLE_LABELS[me.role]) })}</p>}
        <div className="no-screen__actions">
          {own && (
            <Link className="btn btn--primary" href={withSearch(own, search)}>
              {t('shell.toOwnScreen')}
            </Link>
          )}
          <button type="button" className="btn" onClick={() => void signOut()}>
            {t('auth.signOut')}
          </button>
        </div>
      </div>
    </main>
  );
}
