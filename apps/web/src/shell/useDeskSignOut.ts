import { useLocation, useSearch } from 'wouter';
import { useSignOut } from '../auth/session.ts';
import { forgetOfflineCopies } from '../leader/offline.ts';
import { useLive } from '../live/store.ts';
import { withSearch } from './landing.ts';

/**
 * Signs out, forgets the live data of the session (the next person at this desk may see
 * less) and the device's offline copies (the leader's tablet), and goes to "/" so the next sign-in lands on that person's own screen.
 */
export function useDeskSignOut(): () => Promise<void> {
  const signOut = useSignOut();
  const [, navigate] = useLocation();
  const search = useSearch();
  return async () => {
    await signOut();
    useLive.setState({ topics: {} });
    await forgetOfflineCopies();
    navigate(withSearch('/', search), { replace: true });
  };
}
