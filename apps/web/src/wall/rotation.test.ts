import { describe, expect, it } from 'vitest';
import { advance, choosePlaylist, focus, nextChangeAt, pageOf, startRotation, type PlaylistEntry } from './rotation.ts';

const PLAYLIST: PlaylistEntry[] = [
  { page: 'overview', seconds: 120 },
  { page: 'environment', seconds: 40 },
  { page: 'safety', seconds: 40 },
];
const S = 1000;

describe('choosePlaylist', () => {
  it('takes a valid URL playlist over the server one', () => {
    expect(choosePlaylist('tourism:10,overview:5', PLAYLIST, 'overview')).toEqual([
      { page: 'tourism', seconds: 10 },
      { page: 'overview', seconds: 5 },
    ]);
  });

  it('falls back to the server playlist when the URL one is invalid', () => {
    expect(choosePlaylist('tourism:abc', PLAYLIST, 'overview')).toEqual(PLAYLIST);
    expect(choosePlaylist('nowhere:10', PLAYLIST, 'overview')).toEqual(PLAYLIST);
    expect(choosePlaylist(null, PLAYLIST, 'overview')).toEqual(PLAYLIST);
  });

  it('leaves out the pages this screen may not show', () => {
    const withBoard: PlaylistEntry[] = [...PLAYLIST, { page: 'dispatch', seconds: 40 }];
    const noBoard = (page: string) => page !== 'dispatch';
    expect(choosePlaylist(null, withBoard, 'overview', noBoard)).toEqual(PLAYLIST);
    expect(choosePlaylist('dispatch:10,safety:5', withBoard, 'overview', noBoard)).toEqual([{ page: 'safety', seconds: 5 }]);
    expect(choosePlaylist('dispatch:10', withBoard, 'overview', noBoard)).toEqual(PLAYLIST);
    expect(choosePlaylist('dispatch:10', withBoard, 'overview')).toEqual([{ page: 'dispatch', seconds: 10 }]);
  });

  it('pins the current page with "off"', () => {
    expect(choosePlaylist('off', PLAYLIST, 'safety')).toEqual([{ page: 'safety', seconds: Infinity }]);
  });
});

describe('rotation', () => {
  it('starts at the page in the URL and moves on after each dwell', () => {
    let r = startRotation(PLAYLIST, 'environment', 0);
    expect(pageOf(r, PLAYLIST)).toBe('environment');
    expect(nextChangeAt(r, PLAYLIST)).toBe(40 * S);
    r = advance(r, PLAYLIST, 39 * S);
    expect(pageOf(r, PLAYLIST)).toBe('environment');
    r = advance(r, PLAYLIST, 40 * S);
    expect(pageOf(r, PLAYLIST)).toBe('safety');
    r = advance(r, PLAYLIST, 80 * S);
    expect(pageOf(r, PLAYLIST)).toBe('overview');
    expect(nextChangeAt(r, PLAYLIST)).toBe(200 * S);
  });

  it('returns the same object when nothing changes, so no re-render follows', () => {
    const r = startRotation(PLAYLIST, 'overview', 0);
    expect(advance(r, PLAYLIST, 10 * S)).toBe(r);
  });

  it('holds the overview on focus and resumes the interrupted page with its time left', () => {
    let r = startRotation(PLAYLIST, 'environment', 0);
    r = focus(r, 30 * S, 60 * S);
    expect(pageOf(r, PLAYLIST)).toBe('overview');
    expect(nextChangeAt(r, PLAYLIST)).toBe(90 * S);
    // Paused: the environment page's dwell would have ended at 40 s.
    r = advance(r, PLAYLIST, 60 * S);
    expect(pageOf(r, PLAYLIST)).toBe('overview');
    r = advance(r, PLAYLIST, 90 * S);
    expect(pageOf(r, PLAYLIST)).toBe('environment');
    // It had 10 s left when the alert came.
    expect(nextChangeAt(r, PLAYLIST)).toBe(100 * S);
  });

  it('extends the focus on a further alert', () => {
    let r = focus(startRotation(PLAYLIST, 'safety', 0), 10 * S, 60 * S);
    r = focus(r, 50 * S, 60 * S);
    expect(advance(r, PLAYLIST, 100 * S).focus).not.toBeNull();
    r = advance(r, PLAYLIST, 110 * S);
    expect(pageOf(r, PLAYLIST)).toBe('safety');
    expect(nextChangeAt(r, PLAYLIST)).toBe(140 * S);
  });

  it('never rotates a pinned page, but still focuses alerts', () => {
    const pinned = choosePlaylist('off', PLAYLIST, 'tourism');
    let r = startRotation(pinned, 'tourism', 0);
    expect(nextChangeAt(r, pinned)).toBe(Infinity);
    r = advance(r, pinned, 10_000 * S);
    expect(pageOf(r, pinned)).toBe('tourism');
    r = focus(r, 10_000 * S, 60 * S);
    expect(pageOf(r, pinned)).toBe('overview');
    expect(pageOf(advance(r, pinned, 10_060 * S), pinned)).toBe('tourism');
  });

  it('moves on without replaying every missed dwell after the screen slept', () => {
    const r = advance(startRotation(PLAYLIST, 'overview', 0), PLAYLIST, 10 * 3600 * S);
    expect(pageOf(r, PLAYLIST)).toBe('environment');
    expect(r.since).toBe(10 * 3600 * S);
  });
});
