import { CITY_SCOPE, siteScope, type CityProfile, type PlaceKind } from '@cw/contracts';

export interface Place {
  id: string;
  division: string;
  capacity?: number;
}

/**
 * Which places (sites and devices from the city profile) lie in a scope, by kind. Gauges and
 * per-place breakdowns read each place's own windows (scope `site:<id>`).
 */
export class PlaceIndex {
  private readonly byKind = new Map<PlaceKind, Place[]>();

  constructor(profile: Pick<CityProfile, 'sites' | 'devices'>) {
    const add = (kind: PlaceKind, p: Place) => {
      const list = this.byKind.get(kind) ?? [];
      list.push(p);
      this.byKind.set(kind, list);
    };
    for (const s of profile.sites) add(s.type, { id: s.id, division: s.division, ...(s.capacity === undefined ? {} : { capacity: s.capacity }) });
    for (const d of profile.devices) add(d.type === 'camera' ? 'camera' : 'sensor', { id: d.id, division: d.division });
  }

  /** Places of a kind in a scope: the city, a division, or one place's own scope. */
  in(scope: string, kind: PlaceKind): readonly Place[] {
    const all = this.byKind.get(kind) ?? [];
    if (scope === CITY_SCOPE) return all;
    if (scope.startsWith('site:')) return all.filter((p) => siteScope(p.id) === scope);
    return all.filter((p) => p.division === scope);
  }
}
