import type { EmergencyRecord } from '@cw/contracts';

/** A drill (演练) never counts in statistics or KPIs; every figure about emergencies filters with this. */
export const countsInStatistics = (e: Pick<EmergencyRecord, 'drill'>): boolean => !e.drill;

/** The emergencies that count, e.g. for "real emergencies this year". */
export const realEmergencies = <E extends Pick<EmergencyRecord, 'drill'>>(records: Iterable<E>): E[] => [...records].filter(countsInStatistics);
