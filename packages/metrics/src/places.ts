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
  /** The profile's working days (holidays and 调休), for places with opening hours. */
  private readonly calendar: WorkingCalendar | null;

  constructor(profile: Pick<CityProfile, 'sites' | 'devices'> & Partial<Pick<CityProfile, 'deviceFleets' | 'utcOffsetMinutes' | 'holidays' | 'workdays' | 'holidayFallback'>>) {
    const add = (kind: PlaceKind, p: Place) => {
      const list = this.byKind.get(kind) ?? [];
      list.push(p);
      this.byKind.set(kind, list);
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
    const all = this.byKind.get(kind) ?? [];
    if (scope === CITY_SCOPE) return all;
    if (scope.startsWith('site:')) return all.filter((p) => siteScope(p.id) === scope);
    return all.filter((p) => p.division === scope);
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
