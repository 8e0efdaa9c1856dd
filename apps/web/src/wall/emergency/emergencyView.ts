import { haversineM, leadingEmergency } from '@cw/emergency';
import {
  DEPARTMENT_STATUSES,
  type AffectedArea,
  type DepartmentStatus,
  type Device,
  type EmergencyInstruction,
  type EmergencyLevel,
  type EmergencyRecord,
  type LinkedDepartment,
  type NearbyResource,
  type TimelineEntry,
} from '@cw/contracts';
import type { Lang } from '../../format.ts';

/**
 * The wall's emergency layout, as pure functions: which emergency leads, the header's
 * elapsed clock, each department's progress, the timeline rows, the area's outline and the
 * map's extent.
 */

type LonLat = [number, number];

/**
 * The emergency the wall shows and the other active ones (highest level first). The one a
 * person picked on a touch wall leads while it is active; otherwise `leadingEmergency`.
 */
export function wallEmergencies(records: readonly EmergencyRecord[], picked: string | null): { lead: EmergencyRecord | null; others: EmergencyRecord[] } {
  const active = records.filter((e) => e.status === 'active');
  const lead = active.find((e) => e.id === picked) ?? leadingEmergency(active);
  const others = active.filter((e) => e !== lead).sort((a, b) => a.level - b.level || a.declaredAt - b.declaredAt);
  return { lead, others };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Time since declaration as a running clock, 00:07:05 (hours go past 24: 26:00:00). */
export function elapsedClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/** Yellow (Ⅲ) needs dark ink to be read; the other level colours take white. */
export const LEVEL_INK: Record<EmergencyLevel, string> = { 1: '#ffffff', 2: '#ffffff', 3: '#061226', 4: '#ffffff' };

export interface DepartmentProgress {
  department: string;
  lead: boolean;
  status: DepartmentStatus;
  /** How many of the six steps are reached (1 = notified … 6 = done). */
  step: number;
  /** From notification to the current status; while still only notified, the wait so far. */
  sinceNotifiedMs: number;
  /** Still at 已通知: the time shown is a wait, not a step taken. */
  waiting: boolean;
  silent: boolean;
}

/** A linked department's progress now; the lead department first, then in the plan's order. */
export function departmentProgress(departments: readonly LinkedDepartment[], declaredAt: number, now: number): DepartmentProgress[] {
  const rows = departments.map((d) => {
    const notified = d.statusAt.notified ?? declaredAt;
    const waiting = d.status === 'notified';
    const reached = waiting ? now : (d.statusAt[d.status] ?? now);
    return {
      department: d.department,
      lead: d.lead,
      status: d.status,
      step: DEPARTMENT_STATUSES.indexOf(d.status) + 1,
      sinceNotifiedMs: Math.max(0, reached - notified),
      waiting,
      silent: d.silentSince !== null,
    };
  });
  return [...rows.filter((r) => r.lead), ...rows.filter((r) => !r.lead)];
}

export interface TimelineRow {
  entry: TimelineEntry;
  /** The instruction an `instruction` entry records, for its addressees and acknowledgements. */
  instruction: EmergencyInstruction | null;
}

/** Delivery results repeat their notification: the wall leaves them out. */
const HIDDEN: ReadonlySet<TimelineEntry['kind']> = new Set(['notification_result']);

/** The timeline newest first, each instruction entry with its instruction (same time and text). */
export function timelineRows(e: Pick<EmergencyRecord, 'timeline' | 'instructions'>): TimelineRow[] {
  return e.timeline
    .filter((t) => !HIDDEN.has(t.kind))
    .sort((a, b) => b.seq - a.seq)
    .map((entry) => ({
      entry,
      instruction: entry.kind === 'instruction' ? (e.instructions.find((i) => i.at === entry.at && entry.text.endsWith(i.text)) ?? null) : null,
    }));
}

const EARTH_M = 6_371_008.8;
const CIRCLE_POINTS = 48;

/** The affected area's outline, closed: the drawn polygon, or the radius as a 48-gon around the location. */
export function areaRing(location: LonLat, area: AffectedArea): LonLat[] {
  if (area.kind === 'polygon') return [...area.ring, area.ring[0]!];
  const [lon, lat] = location;
  const dLat = (area.radiusM / EARTH_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: CIRCLE_POINTS + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / CIRCLE_POINTS;
    return [lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)] as LonLat;
  });
}

/**
 * The map's extent: the area and the resources around it, with a margin of `margin` of the
 * larger side each way, so that the incident is large on the screen and every resource shown
 * is on it. Corners are [west, north] and [east, south], as ECharts' boundingCoords takes them.
 */
export function mapExtent(points: readonly LonLat[], margin = 0.12): [LonLat, LonLat] {
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const m = Math.max(e - w, n - s, 0.01) * margin;
  return [
    [w - m, n + m],
    [e + m, s - m],
  ];
}

/** The nearest of each kind first, then the rest by distance: the list leads with one answer per need. */
export function resourceOrder(resources: readonly NearbyResource[]): NearbyResource[] {
  const seen = new Set<string>();
  const firsts: NearbyResource[] = [];
  const rest: NearbyResource[] = [];
  for (const r of [...resources].sort((a, b) => a.distanceM - b.distanceM)) {
    if (seen.has(r.resource.kind)) rest.push(r);
    else {
      seen.add(r.resource.kind);
      firsts.push(r);
    }
  }
  return [...firsts, ...rest];
}

/** A straight-line distance: 850 米 / 12.3 公里, or 850 m / 12.3 km. */
export function distanceText(m: number, lang: Lang): string {
  const zh = lang === 'zh-CN';
  if (m < 1000) return zh ? `${Math.round(m)} 米` : `${Math.round(m)} m`;
  const km = m < 100_000 ? (Math.round(m / 100) / 10).toFixed(1) : String(Math.round(m / 1000));
  return zh ? `${km} 公里` : `${km} km`;
}

/** Which side of its marker a map label goes: away from the nearer side edge, so that it stays on the map. */
export function labelSide(point: LonLat, extent: [LonLat, LonLat]): 'left' | 'right' {
  const [[west], [east]] = extent;
  return point[0] - west > east - point[0] ? 'left' : 'right';
}

/**
 * The departments a panel of `max` rows shows: all when they fit; otherwise the lead and the
 * silent ones first (they must never be hidden), then the rest in order, in `max - 1` rows
 * to leave one for the "+N" line. The shown rows keep their order.
 */
export function boundedDepartments(rows: readonly DepartmentProgress[], max: number): { shown: DepartmentProgress[]; hidden: number } {
  if (rows.length <= max) return { shown: [...rows], hidden: 0 };
  const room = Math.max(1, max - 1);
  const keep = new Set([...rows.filter((r) => r.lead), ...rows.filter((r) => r.silent && !r.lead), ...rows.filter((r) => !r.lead && !r.silent)].slice(0, room));
  return { shown: rows.filter((r) => keep.has(r)), hidden: rows.length - keep.size };
}

export interface NearbyCamera {
  device: Device;
  distanceM: number;
}

/** The `count` cameras nearest the incident, nearest first (straight line); streams or not. */
export function nearestCameras(devices: readonly Device[], location: LonLat, count: number): NearbyCamera[] {
  return devices
    .filter((d) => d.type === 'camera')
    .map((device) => ({ device, distanceM: haversineM(location, device.location) }))
    .sort((a, b) => a.distanceM - b.distanceM || a.device.id.localeCompare(b.device.id))
    .slice(0, count);
}
