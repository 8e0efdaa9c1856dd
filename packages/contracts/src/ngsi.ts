import { eventKindDefSchema, type EventKindDefInput } from './event-kinds.ts';

/**
 * Event kinds for the FIWARE Smart Data Models that have no built-in kind of their own, so
 * that NGSI-LD notifications of those models have somewhere to land (docs/ingest.md#ngsi-ld).
 * They are defined as configuration (event-kinds.ts) and registered on every server.
 * AirQualityObserved becomes `air.reading` and Device becomes `device.status`.
 */
const SDM: EventKindDefInput[] = [
  {
    kind: 'traffic.flow',
    name: { zh: '交通流量观测', en: 'Traffic flow observed' },
    values: {
      intensity: { name: { zh: '车流量', en: 'Vehicles in the period' }, min: 0, max: 1_000_000, integer: true, optional: true },
      speed: { name: { zh: '平均车速', en: 'Average speed' }, unit: 'km/h', min: 0, max: 400, optional: true },
      occupancy: { name: { zh: '占有率', en: 'Occupancy' }, min: 0, max: 1, optional: true },
    },
    location: true,
  },
  {
    kind: 'crowd.flow',
    name: { zh: '人流观测', en: 'Crowd flow observed' },
    values: {
      people: { name: { zh: '人数', en: 'People counted' }, min: 0, max: 10_000_000, integer: true, optional: true },
      congested: { name: { zh: '拥挤', en: 'Congested' }, min: 0, max: 1, integer: true, optional: true },
    },
    site: 'optional',
    location: true,
  },
  {
    kind: 'water.quality',
    name: { zh: '水质观测', en: 'Water quality observed' },
    values: {
      ph: { name: { zh: 'pH', en: 'pH' }, min: 0, max: 14, optional: true },
      temperature: { name: { zh: '水温', en: 'Temperature' }, unit: '℃', min: -5, max: 60, optional: true },
      conductivity: { name: { zh: '电导率', en: 'Conductivity' }, unit: 'S/m', min: 0, max: 100, optional: true },
      o2: { name: { zh: '溶解氧', en: 'Dissolved oxygen' }, unit: 'mg/L', min: 0, max: 100, optional: true },
    },
    site: 'optional',
    location: true,
  },
  {
    kind: 'alert.raised',
    name: { zh: '外部告警', en: 'Alert from a city system' },
    // The Smart Data Models' Alert severities, 1 = informational … 5 = critical.
    values: { severity: { name: { zh: '严重程度', en: 'Severity' }, min: 1, max: 5, integer: true } },
    types: ['traffic', 'naturaldisaster', 'weather', 'environment', 'health', 'security', 'agriculture', 'other'],
    site: 'optional',
    location: true,
  },
];

export const SDM_KINDS = SDM.map((k) => eventKindDefSchema.parse(k));

/** The Smart Data Models' Alert severities in order (index + 1 is the `severity` value). */
export const SDM_ALERT_SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
