import { useRoute } from 'wouter';
import { RequireRole } from '../shell/RequireRole.tsx';
import { SCREEN_ROLES } from '../shell/landing.ts';
import { CaseDesk } from './CaseDesk.tsx';
import { EmergencyBanner } from './emergency/EmergencyBanner.tsx';
import { EMERGENCY_PATH, EmergencyScreen } from './emergency/EmergencyScreen.tsx';

/** /console: the duty officers' and leaders' dispatch console; /console/emergencies: the emergency command desk. */
export function ConsoleApp() {
  const [commandDesk] = useRoute(EMERGENCY_PATH);
  return (
    <RequireRole roles={SCREEN_ROLES.console}>
      {commandDesk ? (
        <EmergencyScreen />
      ) : (
        <div className="desk-frame">
          <EmergencyBanner />
          <CaseDesk kind="centre" />
        </div>
      )}
    </RequireRole>
  );
}
