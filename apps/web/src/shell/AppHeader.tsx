import type { ReactNode } from 'react';
import { ROLE_LABELS } from '@cw/vocabulary';
import { useWhoAmI } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDeskSignOut } from './useDeskSignOut.ts';

interface Props {
  /** The screen's name, after the product's. */
  title: string;
  /** Said after the role, e.g. the department a handler works for. */
  affiliation?: string;
  /** Status and controls of the screen (connection, clock, mode). */
  children?: ReactNode;
}

/** The desks' header: product and screen, the screen's status, and who is signed in with the way out. */
export function AppHeader({ title, affiliation, children }: Props) {
  const { t, l } = useI18n();
  const me = useWhoAmI().data;
  const signOut = useDeskSignOut();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden>
          ◈
        </span>
        <span className="app-header__product">{t('app.title')}</span>
        <h1 className="app-header__title">{title}</h1>
      </div>
      <div className="app-header__tools">{children}</div>
      {me && (
        <div className="app-header__user" data-testid="user" data-role={me.role}>
          <span className="app-header__who">
            <span className="app-header__name">{me.displayName}</span>
            <span className="app-header__role">
              {l(ROLE_LABELS[me.role])}
              {affiliation ? ` · ${affiliation}` : ''}
            </span>
          </span>
          <button type="button" className="btn btn--quiet" onClick={() => void signOut()} data-testid="sign-out">
            {t('auth.signOut')}
          </button>
        </div>
      )}
    </header>
  );
}
