import { Redirect, useSearch } from 'wouter';
import { useWhoAmI } from '../auth/session.ts';
import { landingPath, withSearch } from './landing.ts';
import { NoScreen } from './RequireRole.tsx';

/** "/" and unknown paths: each role goes to the screen made for it. */
export function RoleLanding() {
  const me = useWhoAmI().data;
  const search = useSearch();
  const path = me ? landingPath(me.role) : null;
  if (path === null) return <NoScreen />;
  return <Redirect to={withSearch(path, search)} replace />;
}
