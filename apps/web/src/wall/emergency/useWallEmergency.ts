import { useMemo } from 'react';
import type { EmergencyRecord } from '@cw/contracts';
import { useLive } from '../../live/store.ts';
import { useWallUi } from '../wallStore.ts';
import { wallEmergencies } from './emergencyView.ts';

/** The emergency the wall leads with (null in peacetime) and the other active ones, from the live topic. */
export function useWallEmergency(): { lead: EmergencyRecord | null; others: EmergencyRecord[] } {
  const topic = useLive((s) => s.topics.emergencies) as Record<string, EmergencyRecord> | undefined;
  const picked = useWallUi((s) => s.pickedEmergency);
  return useMemo(() => wallEmergencies(Object.values(topic ?? {}), picked), [topic, picked]);
}
