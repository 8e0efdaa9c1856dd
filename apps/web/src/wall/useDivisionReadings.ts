import { useShallow } from 'zustand/react/shallow';
import { vitalsTopic, type CityProfile, type VitalReading } from '@cw/contracts';
import { useLive } from '../live/store.ts';

/** The same metric for every division of the city, in profile order. */
export function useDivisionReadings(profile: CityProfile, metric: string): (VitalReading | undefined)[] {
  return useLive(useShallow((s) => profile.divisions.map((d) => s.topics[vitalsTopic(d.code)]?.[metric])));
}
