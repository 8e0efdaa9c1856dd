import { RequireRole } from '../shell/RequireRole.tsx';
import { SCREEN_ROLES } from '../shell/landing.ts';
import { CaseDesk } from './CaseDesk.tsx';

/** /department: a department handler's desk, with only their department's cases. */
export function DepartmentApp() {
  return (
    <RequireRole roles={SCREEN_ROLES.department}>
      <CaseDesk kind="department" />
    </RequireRole>
  );
}
