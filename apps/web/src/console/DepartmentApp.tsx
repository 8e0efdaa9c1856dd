import { useWhoAmI } from '../auth/session.ts';
import { RequireRole } from '../shell/RequireRole.tsx';
import { SCREEN_ROLES } from '../shell/landing.ts';
import { CaseDesk } from './CaseDesk.tsx';
import { DepartmentEmergencies } from './emergency/DepartmentEmergencies.tsx';

/** /department: a department handler's desk, with only their department's cases, and the emergencies it is linked to. */
export function DepartmentApp() {
  const department = useWhoAmI().data?.department;
  return (
    <RequireRole roles={SCREEN_ROLES.department}>
      <div className="desk-frame">
        {department && <DepartmentEmergencies department={department} />}
        <CaseDesk kind="department" />
      </div>
    </RequireRole>
  );
}
