import { CITY_SCOPE, siteScope, type CityProfile, type PlaceKind } from '@cw/contracts';
import { createWorkingCalendar, isWorkingDay, type WorkingCalendar } from '@cw/dispatch';

export interface Place {
  id: string;
  division: string;
  capacity?: number;
  /** How many devices the place stands for: a device fleet's count (1 when absent). */
  weight?: number;
  /** Opening periods as [start, end) ms after local midnight, on working days only. */
  hours?: readonly (readonly [number, number])[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function clockMs(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h! * 60 + m!) * MINUTE;
}

/**
 * Which places (sites and devices from the city profile) lie in a scope, by kind. Gauges and
 * per-place breakdowns read each place's own windows (scope `site:<id>`).
 */
export class PlaceIndex {
  private readonly byKind = new Map<PlaceKind, Place[]>();
  /** Each kind's places by division and by own scope (`kind scope`): every tick asks for them per figure and scope. */
  private readonly byScope = new Map<string, Place[]>();
  /** The profile's working days (holidays and 调休), for places with opening hours. */
  private readonly calendar: WorkingCalendar | null;

  constructor(profile: Pick<CityProfile, 'sites' | 'devices'> & Partial<Pick<CityProfile, 'deviceFleets' | 'utcOffsetMinutes' | 'holidays' | 'workdays' | 'holidayFallback'>>) {
    const push = <K>(map: Map<K, Place[]>, key: K, p: Place) => {
      const list = map.get(key) ?? [];
      list.push(p);
      map.set(key, list);
    };
    const add = (kind: PlaceKind, p: Place) => {
      push(this.byKind, kind, p);
      push(this.byScope, `${kind} ${p.division}`, p);
      push(this.byScope, `${kind} ${siteScope(p.id)}`, p);
    };
    this.calendar =
      profile.utcOffsetMinutes === undefined
        ? null
        : createWorkingCalendar({
            utcOffsetMinutes: profile.utcOffsetMinutes,
            holidays: profile.holidays ?? [],
            workdays: profile.workdays ?? [],
            ...(profile.holidayFallback === undefined ? {} : { fallback: profile.holidayFallback }),
          });
    for (const s of profile.sites) {
      const hours = this.calendar !== null && s.openingHours !== undefined ? s.openingHours.map((p) => [clockMs(p.start), clockMs(p.end)] as const) : undefined;
      add(s.type, { id: s.id, division: s.division, ...(s.capacity === undefined ? {} : { capacity: s.capacity }), ...(hours === undefined ? {} : { hours }) });
    }
    for (const d of profile.devices) add(d.type === 'camera' ? 'camera' : 'sensor', { id: d.id, division: d.division });
    for (const f of profile.deviceFleets ?? []) add(f.type === 'camera' ? 'camera' : 'sensor', { id: f.id, division: f.division, weight: f.count });
  }

  /** Places of a kind in a scope: the city, a division, or one place's own scope. */
  in(scope: string, kind: PlaceKind): readonly Place[] {
    if (scope === CITY_SCOPE) return this.byKind.get(kind) ?? [];
    return this.byScope.get(`${kind} ${scope}`) ?? [];
  }

  /** Whether a place is open at `t`: always, unless it has opening hours and `t` is outside them. */
  isOpen(place: Place, t: number): boolean {
    if (place.hours === undefined || this.calendar === null) return true;
    if (!isWorkingDay(this.calendar, t)) return false;
    const local = t + this.calendar.offsetMs;
    const ms = local - Math.floor(local / DAY) * DAY;
    return place.hours.some(([start, end]) => ms >= start && ms < end);
  }
}
