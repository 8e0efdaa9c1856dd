import type { Role } from '@cw/contracts';

/** The screen made for each role; data sources (API keys) have none. */
const LANDING: Record<Role, string | null> = {
  wall: '/wall',
  leader: '/leader',
  shift_leader: '/console',
  duty_officer: '/console',
  inspector: '/inspector',
  department: '/department',
  admin: '/admin',
  source: null,
};

export function landingPath(role: Role): string | null {
  return LANDING[role];
}

/** Who may open each screen (the server refuses the rest anyway). */
export const SCREEN_ROLES = {
  console: ['duty_officer', 'shift_leader', 'leader'],
  leader: ['leader'],
  department: ['department'],
  inspector: ['inspector'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * A path with the page's query kept (`?lang=en` is how a screen picks its language), given
 * the query with or without its leading "?".
 */
export function withSearch(path: string, search: string): string {
  const q = search.startsWith('?') ? search.slice(1) : search;
  return q === '' ? path : `${path}?${q}`;
}
