import { wallPageSchema, type WallPage } from '@cw/contracts';

/**
 * The wall's page rotation as pure state: which playlist entry is showing since when, and
 * whether an alert holds the overview ("focus"). Time comes in as an argument, so the
 * schedule is tested without timers; the hook around it only sets one timeout at a time.
 */

export interface PlaylistEntry {
  page: WallPage;
  seconds: number;
}

export interface Rotation {
  /** The playlist entry showing, or to resume after a focus. */
  index: number;
  /** When that entry started showing, ms. */
  since: number;
  /** The overview is held for an alert until `until`; the entry's clock stopped at `pausedAt`. */
  focus: { until: number; pausedAt: number } | null;
}

export const WALL_PAGES: readonly WallPage[] = wallPageSchema.options;

export function isWallPage(s: string): s is WallPage {
  return (WALL_PAGES as readonly string[]).includes(s);
}

/**
 * The playlist a wall runs: the URL's `playlist` parameter when given and valid
 * ("overview:60,environment:30"; "off" pins the page in the URL), else the server's;
 * without the pages this screen may not show (the dispatch board needs case access).
 */
export function choosePlaylist(
  param: string | null,
  server: readonly PlaylistEntry[],
  page: WallPage,
  mayShow: (page: WallPage) => boolean = () => true,
): PlaylistEntry[] {
  if (param === 'off') return [{ page, seconds: Infinity }];
  const shown = (entries: readonly PlaylistEntry[]) => entries.filter((e) => mayShow(e.page));
  if (param !== null) {
    const entries = param.split(',').map((pair) => {
      const [name = '', secs = ''] = pair.split(':');
      const seconds = Number(secs);
      return isWallPage(name) && Number.isFinite(seconds) && seconds >= 1 ? { page: name, seconds } : null;
    });
    if (entries.length > 0 && entries.every((e) => e !== null)) {
      const chosen = shown(entries as PlaylistEntry[]);
      if (chosen.length > 0) return chosen;
    }
  }
  const fromServer = shown(server);
  return fromServer.length > 0 ? fromServer : [{ page, seconds: Infinity }];
}

/** Starts at the URL's page when the playlist has it, else at the playlist's first entry. */
export function startRotation(playlist: readonly PlaylistEntry[], page: WallPage, now: number): Rotation {
  return { index: Math.max(0, playlist.findIndex((e) => e.page === page)), since: now, focus: null };
}

const dwellMs = (playlist: readonly PlaylistEntry[], index: number) => (playlist[index]?.seconds ?? Infinity) * 1000;

/** Advances the rotation to `now`: ends a finished focus, moves past finished entries. */
export function advance(r: Rotation, playlist: readonly PlaylistEntry[], now: number): Rotation {
  let { index, since } = r;
  if (r.focus !== null) {
    if (now < r.focus.until) return r;
    // Resume the interrupted entry with the time it had left.
    since += r.focus.until - r.focus.pausedAt;
  }
  if (playlist.length > 1) {
    const cycle = playlist.reduce((sum, e) => sum + e.seconds * 1000, 0);
    if (now - since > cycle) {
      // The screen slept (throttled tab, suspended machine): just move on.
      index = (index + 1) % playlist.length;
      since = now;
    }
    while (now >= since + dwellMs(playlist, index)) {
      since += dwellMs(playlist, index);
      index = (index + 1) % playlist.length;
    }
  }
  return index === r.index && since === r.since && r.focus === null ? r : { index, since, focus: null };
}

/** Holds the overview for `focusMs` from now; a new alert during a focus extends it. */
export function focus(r: Rotation, now: number, focusMs: number): Rotation {
  return { ...r, focus: { until: now + focusMs, pausedAt: r.focus?.pausedAt ?? now } };
}

export function pageOf(r: Rotation, playlist: readonly PlaylistEntry[]): WallPage {
  return r.focus !== null ? 'overview' : (playlist[r.index]?.page ?? 'overview');
}

/** When the page may next change without new alerts (Infinity for a pinned page). */
export function nextChangeAt(r: Rotation, playlist: readonly PlaylistEntry[]): number {
  if (r.focus !== null) return r.focus.until;
  return playlist.length > 1 ? r.since + dwellMs(playlist, r.index) : Infinity;
}
