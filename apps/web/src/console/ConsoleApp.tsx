import { RequireRole } from '../shell/RequireRole.tsx';
import { SCREEN_ROLES } from '../shell/landing.ts';
import { CaseDesk } from './CaseDesk.tsx';

/** /console: the duty officers' and leaders' dispatch console. */
export function ConsoleApp() {
  return (
    <RequireRole roles={SCREEN_ROLES.console}>
      <CaseDesk kind="centre" />
    </RequireRole>
  );
}
