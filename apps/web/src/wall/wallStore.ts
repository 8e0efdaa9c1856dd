import { create } from 'zustand';
import { advance, focus, startRotation, type PlaylistEntry, type Rotation } from './rotation.ts';
import type { FocusTarget } from './focus.ts';
import type { WallPage } from '@cw/contracts';

interface WallUi {
  playlist: PlaylistEntry[];
  rotation: Rotation;
  focusMs: number;
  /** What the overview highlights: a new critical item, or a device picked from the feed. */
  focus: FocusTarget | null;
  /** The division whose figures are shown on the map, after a tap. */
  selectedDivision: string | null;
  /** The figure divisions are coloured by on the map. */
  mapMetric: string;
  /** The emergency tapped in the list of others; the leading one shows when null. */
  pickedEmergency: string | null;
}

/** The wall's own state (not the city's): rotation, focus, selection. */
export const useWallUi = create<WallUi>(() => ({
  playlist: [],
  rotation: { index: 0, since: 0, focus: null },
  focusMs: 60_000,
  focus: null,
  selectedDivision: null,
  mapMetric: new URLSearchParams(window.location.search).get('map') ?? 'env.aqi',
  pickedEmergency: null,
}));

export function initRotation(playlist: PlaylistEntry[], page: WallPage, focusSeconds: number, now: number): void {
  useWallUi.setState({ playlist, rotation: startRotation(playlist, page, now), focusMs: focusSeconds * 1000 });
}

/** Moves the rotation on to `now`; a finished alert focus also ends the highlight. */
export function tickRotation(now: number): void {
  useWallUi.setState((s) => {
    const rotation = advance(s.rotation, s.playlist, now);
    if (rotation === s.rotation) return s;
    const focusEnded = s.rotation.focus !== null && rotation.focus === null;
    return focusEnded ? { rotation, focus: null } : { rotation };
  });
}

/** A new critical item: hold the overview on it for the focus time. */
export function focusAlert(target: FocusTarget, now: number): void {
  useWallUi.setState((s) => ({ rotation: focus(s.rotation, now, s.focusMs), focus: target }));
}

/** A device picked from the feed (a tap): highlight it without touching the rotation. */
export function highlight(target: FocusTarget | null): void {
  useWallUi.setState({ focus: target });
}

export function selectDivision(code: string | null): void {
  useWallUi.setState({ selectedDivision: code });
}

export function setMapMetric(metric: string): void {
  useWallUi.setState({ mapMetric: metric });
}

export function pickEmergency(id: string | null): void {
  useWallUi.setState({ pickedEmergency: id });
}
