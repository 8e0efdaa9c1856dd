import { z } from 'zod';
import { divisionCodeSchema } from './profile.ts';

/**
 * Raw events: individual readings and records as a source reports them, never totals.
 * Every figure on a screen is rolled up from these by the server.
 *
 * Every event counts once in the series named after its kind; each numeric value adds to
 * `<kind>.<field>`; a `type` splits both by type (`<kind>|<type>`, `<kind>.<field>|<type>`);
 * and a `site` (a place or device from the city profile) gives the event its own scope,
 * `site:<id>`, besides its division and the city. See packages/metrics/src/observe.ts.
 */

/** Events may be at most this far ahead of the server clock (clock skew allowance). */
export const MAX_EVENT_FUTURE_MS = 5 * 60_000;

/** A place or device id from the city profile. */
export const siteIdSchema = z.string().regex(/^[a-z0-9-]{1,48}$/);
const siteId = siteIdSchema;

/** What every event carries, whatever its kind (built in here, or configured in a profile's kinds.json). */
export const eventBase = {
  /** Source-assigned id, unique per source; used to drop duplicates on retry. */
  id: z.string().min(1).max(128).optional(),
  /** Event time, ms since the Unix epoch. */
  ts: z.number().int().nonnegative(),
  division: divisionCodeSchema,
};

const count = z.number().int().nonnegative().max(1_000_000);
const flag = z.union([z.literal(0), z.literal(1)]);
const concentration = z.number().finite().nonnegative().max(100_000);

function kind<K extends string, V extends z.ZodRawShape, E extends z.ZodRawShape>(k: K, values: V, extra: E) {
  return z.object({ ...eventBase, kind: z.literal(k), values: z.object(values).strict(), ...extra }).strict();
}

// ---- 生态环保 environment -----------------------------------------------------------

/**
 * An air-quality station's reading: µg/m³, CO in mg/m³. A station reports the pollutants it
 * measures (many FIWARE AirQualityObserved entities carry only some); each pollutant's mean
 * is taken over the readings that carry it.
 */
export const airReadingSchema = z
  .object({
    ...eventBase,
    kind: z.literal('air.reading'),
    values: z.object({ pm25: concentration, pm10: concentration, so2: concentration, no2: concentration, co: concentration, o3: concentration }).partial().strict(),
    station: z.string().min(1).max(64),
  })
  .strict();
export type AirReading = z.infer<typeof airReadingSchema>;

/** A surface-water section's assessment: its class (1 = Ⅰ … 6 = 劣Ⅴ) and whether it meets its target. */
export const waterSectionSchema = kind('water.section', { class: z.number().int().min(1).max(6), meets: flag }, { site: siteId });

// ---- 政务服务 government services ---------------------------------------------------

export const GOV_CHANNELS = ['hall', 'online'] as const;
/** An application received (办件受理), at a hall or online. */
export const govReceivedSchema = kind('gov.received', { online: flag }, { site: siteId.optional() });
/** An application completed (办结): whether on time and how long it took. */
export const govCompletedSchema = kind('gov.completed', { onTime: flag, hours: z.number().nonnegative().max(10_000) }, { site: siteId.optional() });
/** A 好差评 rating: 1 = good, 0 = poor. */
export const govRatingSchema = kind('gov.rating', { good: flag }, { site: siteId.optional() });
/** A service hall's queue reading: people waiting and the current average wait. */
export const hallQueueSchema = kind('gov.queue', { waiting: count, waitMin: z.number().nonnegative().max(1440) }, { site: siteId });
/** A 12345 hotline call: answered or not, and the wait before answering. */
export const hotlineCallSchema = kind('hotline.call', { answered: flag, waitSec: z.number().nonnegative().max(86_400) }, {});

// ---- 公共安全 public safety -----------------------------------------------------------

export const POLICE_INCIDENT_TYPES = ['criminal', 'public_order', 'traffic', 'fire', 'help', 'dispute', 'other'] as const;
/** A 110 incident (警情) received. */
export const policeIncidentSchema = kind('police.incident', {}, { type: z.enum(POLICE_INCIDENT_TYPES), location: z.tuple([z.number(), z.number()]).optional() });
/** A fire alarm (119 or an automatic fire-alarm system). */
export const fireAlarmSchema = kind('fire.alarm', {}, { type: z.enum(['confirmed', 'false_alarm']), location: z.tuple([z.number(), z.number()]).optional() });
/** A traffic accident with its casualties. */
export const trafficAccidentSchema = kind('traffic.accident', { injured: count, deaths: count }, { location: z.tuple([z.number(), z.number()]).optional() });
/** A crowd-density alert at a key place: persons per m². */
export const crowdAlertSchema = kind('crowd.alert', { density: z.number().nonnegative().max(20) }, { site: siteId });

// ---- 视频监控 / 物联感知 video and IoT ------------------------------------------------

/**
 * A device's status: 1 online, 0 offline (sent when it changes, and as a heartbeat). From a
 * device fleet of the profile (`deviceFleets`), the share of its devices online, 0…1.
 */
export const deviceStatusSchema = kind('device.status', { online: z.number().min(0).max(1) }, { site: siteId });
export const DEVICE_ALARM_TYPES = ['intrusion', 'crowding', 'smoke', 'water_level', 'manhole', 'noise', 'gas_leak'] as const;
/** A video-analytics or sensor alarm raised by a device. */
export const deviceAlarmSchema = kind('device.alarm', { level: z.number().finite() }, { site: siteId, type: z.enum(DEVICE_ALARM_TYPES) });

// ---- 民生服务 livelihood --------------------------------------------------------------

/** Outpatient registrations at a hospital since its previous report (HIS batch record). */
export const outpatientSchema = kind('health.outpatient', { visits: count }, { site: siteId });
/** A hospital's bed census. */
export const bedCensusSchema = kind('health.beds', { occupied: count, total: count }, { site: siteId });
/** One bus trip's boardings, from the fare system. */
export const busTripSchema = kind('transit.trip', { boardings: count }, { route: z.string().min(1).max(32) });
export const UTILITY_TYPES = ['water', 'power', 'gas'] as const;
/** A water, power or gas supply fault reported. */
export const utilityFaultSchema = kind('utility.fault', { households: count }, { type: z.enum(UTILITY_TYPES), location: z.tuple([z.number(), z.number()]).optional() });

// ---- 全域旅游 tourism -----------------------------------------------------------------

export const VISITOR_ORIGINS = ['local', 'province', 'domestic', 'overseas'] as const;
/** A scenic-area gate count since its previous report, by visitor origin. */
export const gateCountSchema = kind('tourism.gate', { entries: count, exits: count }, { site: siteId, type: z.enum(VISITOR_ORIGINS) });
/** A hotel's room census. */
export const hotelCensusSchema = kind('tourism.hotel', { occupied: count, rooms: count }, { site: siteId });

export const rawEventSchema = z.discriminatedUnion('kind', [
  airReadingSchema,
  waterSectionSchema,
  govReceivedSchema,
  govCompletedSchema,
  govRatingSchema,
  hallQueueSchema,
  hotlineCallSchema,
  policeIncidentSchema,
  fireAlarmSchema,
  trafficAccidentSchema,
  crowdAlertSchema,
  deviceStatusSchema,
  deviceAlarmSchema,
  outpatientSchema,
  bedCensusSchema,
  busTripSchema,
  utilityFaultSchema,
  gateCountSchema,
  hotelCensusSchema,
]);
export type RawEvent = z.infer<typeof rawEventSchema>;
export type RawEventKind = RawEvent['kind'];
export type RawEventOf<K extends RawEventKind> = Extract<RawEvent, { kind: K }>;

/** Body of POST /api/v1/events. */
export const ingestBatchSchema = z.object({
  events: z.array(rawEventSchema).min(1).max(5000),
});
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

/** Reply to an accepted batch: events stored now, and events already stored (same id). */
export const ingestResultSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** Most refused lines one ingest reply lists (the count covers them all). */
export const MAX_REPORTED_REFUSALS = 1000;

/**
 * Reply to POST /api/v1/ingest (NDJSON or a JSON array): each line judged on its own. Good
 * lines are journaled and counted in `accepted` (or `duplicates` when this source already
 * delivered their id); each bad line is named with its 1-based line (or array position) and
 * the reason, the first `MAX_REPORTED_REFUSALS` of them listed.
 */
export const ingestReportSchema = z.object({
  lines: z.number().int().describe('Non-blank lines (or array items) read'),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;
