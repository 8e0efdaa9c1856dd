import { createContext, useContext } from 'react';
import type { CityProfile, Department, Division, Me } from '@cw/contracts';
import type { DivisionsGeoJson } from '../api/queries.ts';

/** The command centre's console, or one department's desk. */
export type DeskKind = 'centre' | 'department';

/** What every part of a desk reads: who works at it and the reference data, loaded once. */
export interface DeskData {
  kind: DeskKind;
  me: Me;
  profile: CityProfile;
  geo: DivisionsGeoJson;
  departments: readonly Department[];
  department: (id: string | null | undefined) => Department | undefined;
  division: (code: string) => Division | undefined;
}

export function deskData(kind: DeskKind, me: Me, profile: CityProfile, geo: DivisionsGeoJson, departments: readonly Department[]): DeskData {
  const depts = new Map(departments.map((d) => [d.id, d]));
  const divisions = new Map(profile.divisions.map((d) => [d.code, d]));
  return {
    kind,
    me,
    profile,
    geo,
    departments,
    department: (id) => (id == null ? undefined : depts.get(id)),
    division: (code) => divisions.get(code),
  };
}

export const DeskContext = createContext<DeskData | null>(null);

export function useDesk(): DeskData {
  const v = useContext(DeskContext);
  if (v === null) throw new Error('useDesk outside a desk');
  return v;
}
