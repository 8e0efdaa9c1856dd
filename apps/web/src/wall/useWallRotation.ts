import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { WallConfig, WallPage } from '@cw/contracts';
import { choosePlaylist, nextChangeAt, pageOf } from './rotation.ts';
import { initRotation, tickRotation, useWallUi } from './wallStore.ts';

export const pagePath = (page: WallPage) => (page === 'overview' ? '/wall' : `/wall/${page}`);

/**
 * Runs the playlist: one timeout to the next change at a time, and navigation whenever
 * the rotation's page differs from the route's. The URL's `playlist` overrides the server's.
 */
export function useWallRotation(routePage: WallPage, config: WallConfig, mayShow: (page: WallPage) => boolean): void {
  const search = useSearch();
  const [, navigate] = useLocation();

  useEffect(() => {
    const param = new URLSearchParams(window.location.search).get('playlist');
    initRotation(choosePlaylist(param, config.playlist, routePage, mayShow), routePage, config.focusSeconds, Date.now());
    // The rotation starts once, from the page the screen was opened on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);

  const rotation = useWallUi((s) => s.rotation);
  const playlist = useWallUi((s) => s.playlist);

  useEffect(() => {
    const at = nextChangeAt(rotation, playlist);
    if (!Number.isFinite(at)) return;
    const id = setTimeout(() => tickRotation(Date.now()), Math.max(0, at - Date.now()));
    return () => clearTimeout(id);
  }, [rotation, playlist]);

  const page = playlist.length > 0 ? pageOf(rotation, playlist) : routePage;
  useEffect(() => {
    if (page !== routePage) navigate(`${pagePath(page)}${search ? `?${search}` : ''}`, { replace: true });
  }, [page, routePage, navigate, search]);
}
